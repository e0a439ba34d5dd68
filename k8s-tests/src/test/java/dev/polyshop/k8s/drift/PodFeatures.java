package dev.polyshop.k8s.drift;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pod-spec fields the drift test understands: those it translates into the container, and those
 * that cannot matter to a container starting up (each with why). Any other field set in a manifest
 * is reported, so a new feature fails the drift test instead of being silently dropped.
 */
public final class PodFeatures {

  private static final List<String> PROBES =
      List.of("startupProbe", "readinessProbe", "livenessProbe");

  /** Fields {@link PodTranslation} and {@link Kubelet} turn into the container or its probes. */
  public static final Set<String> TRANSLATED =
      Set.copyOf(
          Stream.of(
                  Stream.of(
                      "containers[].name",
                      "containers[].image",
                      "containers[].command",
                      "containers[].args",
                      "containers[].env[].name",
                      "containers[].env[].value",
                      "containers[].env[].valueFrom.configMapKeyRef",
                      "containers[].env[].valueFrom.secretKeyRef",
                      "containers[].envFrom[].prefix",
                      "containers[].envFrom[].configMapRef",
                      "containers[].envFrom[].secretRef",
                      "containers[].ports[].name",
                      "containers[].ports[].containerPort",
                      "containers[].ports[].protocol",
                      "containers[].volumeMounts[].name",
                      "containers[].volumeMounts[].mountPath",
                      "containers[].volumeMounts[].readOnly",
                      "containers[].resources.limits.memory",
                      "containers[].resources.limits.cpu",
                      "containers[].securityContext.readOnlyRootFilesystem",
                      "containers[].securityContext.runAsUser",
                      "containers[].securityContext.runAsGroup",
                      "containers[].securityContext.runAsNonRoot",
                      "containers[].securityContext.allowPrivilegeEscalation",
                      "containers[].securityContext.capabilities.drop",
                      "containers[].securityContext.capabilities.add",
                      "containers[].securityContext.seccompProfile.type",
                      "volumes[].name",
                      "volumes[].emptyDir",
                      "securityContext.runAsUser",
                      "securityContext.runAsGroup",
                      "securityContext.runAsNonRoot",
                      "securityContext.fsGroup",
                      "securityContext.supplementalGroups",
                      "securityContext.seccompProfile.type",
                      "enableServiceLinks"),
                  PROBES.stream()
                      .flatMap(
                          probe ->
                              Stream.of(
                                      "exec.command",
                                      "httpGet.path",
                                      "httpGet.port",
                                      "httpGet.scheme",
                                      "httpGet.httpHeaders",
                                      "grpc.port",
                                      "grpc.service",
                                      "tcpSocket.port",
                                      "initialDelaySeconds",
                                      "periodSeconds",
                                      "timeoutSeconds",
                                      "failureThreshold",
                                      "successThreshold")
                                  .map(field -> "containers[]." + probe + "." + field)))
              .flatMap(s -> s)
              .toList());

  /** Fields that do not change how a container starts or answers its probes, and why. */
  public static final Map<String, String> NOT_NEEDED =
      Map.ofEntries(
          Map.entry("containers[].lifecycle.preStop", "runs at termination, not at start"),
          Map.entry("containers[].resources.requests", "scheduling only"),
          Map.entry("containers[].imagePullPolicy", "the images are local"),
          Map.entry("securityContext.fsGroupChangePolicy", "the volumes start empty"),
          Map.entry("serviceAccountName", "no API server; the pods mount no token either"),
          Map.entry("automountServiceAccountToken", "no API server; no token is mounted"),
          Map.entry("terminationGracePeriodSeconds", "shutdown, not start-up"),
          Map.entry("topologySpreadConstraints", "scheduling only"),
          Map.entry("affinity", "scheduling only"),
          Map.entry("nodeSelector", "scheduling only"),
          Map.entry("tolerations", "scheduling only"),
          Map.entry("priorityClassName", "scheduling only"));

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private PodFeatures() {}

  /**
   * The set fields of a pod spec (as "containers[].ports[].name") that are neither translated nor
   * not needed.
   */
  public static List<String> untranslated(PodSpec pod) {
    List<String> leaves = new ArrayList<>();
    collect(MAPPER.valueToTree(pod), "", leaves);
    return leaves.stream().distinct().filter(path -> !known(path)).sorted().toList();
  }

  private static boolean known(String path) {
    return Stream.concat(TRANSLATED.stream(), NOT_NEEDED.keySet().stream())
        .anyMatch(k -> path.equals(k) || path.startsWith(k + ".") || path.startsWith(k + "[]"));
  }

  /**
   * Leaf paths of set values; an empty object counts (e.g. {@code emptyDir: {}}), null and [] do
   * not.
   */
  private static void collect(JsonNode node, String path, List<String> leaves) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isArray()) {
      node.forEach(element -> collect(element, path + "[]", leaves));
    } else if (node.isObject()) {
      if (node.isEmpty()) {
        leaves.add(path);
      }
      node.properties()
          .forEach(
              e ->
                  collect(
                      e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), leaves));
    } else {
      leaves.add(path);
    }
  }
}
