package dev.polyshop.k8s.drift;

import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.network.ServiceLinks;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's environment as the kubelet builds it from the rendered ConfigMaps and Secrets; what
 * does not resolve is added to the translation's problems.
 */
public final class PodEnvironment {

  private final Manifests manifests;
  private final Map<String, Map<String, String>> externalSecrets;
  private final List<String> problems;

  public PodEnvironment(
      Manifests manifests,
      Map<String, Map<String, String>> externalSecrets,
      List<String> problems) {
    this.manifests = manifests;
    this.externalSecrets = externalSecrets;
    this.problems = problems;
  }

  /** Service links and KUBERNETES_*, then envFrom, then env: the kubelet's order of precedence. */
  public Map<String, String> resolve(PodSpec pod, Container c) {
    Map<String, String> env =
        new LinkedHashMap<>(
            ServiceLinks.of(manifests, !Boolean.FALSE.equals(pod.getEnableServiceLinks())));
    env.putAll(declared(c));
    return env;
  }

  /** What the container itself declares: envFrom, then env (which wins). */
  public Map<String, String> declared(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom()) {
      String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
      Optional<Map<String, String>> data =
          from.getConfigMapRef() != null
              ? configMap(from.getConfigMapRef().getName(), from.getConfigMapRef().getOptional())
              : secret(from.getSecretRef().getName(), from.getSecretRef().getOptional());
      data.ifPresent(d -> d.forEach((k, v) -> env.put(prefix + k, v)));
    }
    for (EnvVar var : c.getEnv()) {
      if (var.getValueFrom() == null) {
        env.put(
            var.getName(),
            noExpansion(List.of(Objects.requireNonNullElse(var.getValue(), "")), problems)
                .getFirst());
        continue;
      }
      var cm = var.getValueFrom().getConfigMapKeyRef();
      var secret = var.getValueFrom().getSecretKeyRef();
      Optional<String> value =
          cm != null
              ? key(var, configMap(cm.getName(), cm.getOptional()), cm.getKey(), cm.getOptional())
              : key(
                  var,
                  secret(secret.getName(), secret.getOptional()),
                  secret.getKey(),
                  secret.getOptional());
      value.ifPresent(v -> env.put(var.getName(), v));
    }
    return env;
  }

  private Optional<String> key(
      EnvVar var, Optional<Map<String, String>> data, String key, Boolean optional) {
    Optional<String> value = data.map(d -> d.get(key));
    if (value.isEmpty() && data.isPresent() && !Boolean.TRUE.equals(optional)) {
      problems.add("env " + var.getName() + ": key '" + key + "' is not in its ConfigMap/Secret");
    }
    return value;
  }

  private Optional<Map<String, String>> configMap(String name, Boolean optional) {
    Optional<Map<String, String>> data =
        manifests
            .find(ConfigMap.class, name)
            .map(cm -> Objects.requireNonNullElse(cm.getData(), Map.of()));
    if (data.isEmpty() && !Boolean.TRUE.equals(optional)) {
      problems.add("ConfigMap " + name + " is not rendered");
    }
    return data;
  }

  private Optional<Map<String, String>> secret(String name, Boolean optional) {
    Optional<Map<String, String>> data =
        manifests
            .find(Secret.class, name)
            .map(PodEnvironment::decode)
            .or(() -> Optional.ofNullable(externalSecrets.get(name)));
    if (data.isEmpty() && !Boolean.TRUE.equals(optional)) {
      problems.add("Secret " + name + " is neither rendered nor supplied by the test");
    }
    return data;
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
        .forEach(
            (k, v) ->
                data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    data.putAll(Objects.requireNonNullElse(secret.getStringData(), Map.of()));
    return data;
  }

  /** The kubelet expands $(VAR) in env values, command and args; the drift test does not. */
  public static List<String> noExpansion(List<String> values, List<String> problems) {
    values.stream()
        .filter(v -> v != null && v.contains("$("))
        .forEach(v -> problems.add("$(VAR) expansion is not translated: " + v));
    return values;
  }
}
