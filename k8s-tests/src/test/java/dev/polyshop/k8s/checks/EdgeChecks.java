package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the public edge (the gateway) may expose: its management port stays private, and a
 * production overlay can never run with the public development JWT secret.
 */
public final class EdgeChecks {

  public static final String EDGE = "gateway";
  public static final String MANAGEMENT_PORT = "management";

  /** gateway/README.md: the documented, public development secret (anyone can mint tokens). */
  public static final String DEVELOPMENT_SECRET =
      "polyshop-development-secret-change-me-outside-local-runs";

  public static final String JWT_SECRET_KEY = "POLYSHOP_SECURITY_JWT_SECRET";

  private EdgeChecks() {}

  public static List<Check> all() {
    return List.of(new Check("management-port-private", EdgeChecks::managementPortPrivate));
  }

  public static List<Check> production() {
    return List.of(
        new Check("no-development-secret", EdgeChecks::noDevelopmentSecret),
        new Check("forwarded-for-from-ingress-only", EdgeChecks::forwardedForFromIngressOnly));
  }

  /**
   * The gateway declares a {@code management} port, its probes use it, and neither a Service nor a
   * NetworkPolicy (hence no Ingress) opens it.
   */
  public static void managementPortPrivate(Manifests m, Check.Report report) {
    Workload edge = m.workload(EDGE);
    Container container = edge.pod().getContainers().getFirst();
    Optional<ContainerPort> management =
        container.getPorts().stream().filter(p -> MANAGEMENT_PORT.equals(p.getName())).findFirst();
    if (management.isEmpty()) {
      report.violation(edge.ref(), "no container port named " + MANAGEMENT_PORT);
      return;
    }
    int number = management.get().getContainerPort();
    Stream.of(
            container.getStartupProbe(),
            container.getLivenessProbe(),
            container.getReadinessProbe())
        .filter(Objects::nonNull)
        .filter(probe -> !usesPort(probe, number))
        .forEach(probe -> report.violation(edge.ref(), "a probe is not on the management port"));
    for (Service service : m.servicesSelecting(edge)) {
      service.getSpec().getPorts().stream()
          .filter(p -> p.getTargetPort() != null && is(p.getTargetPort(), number))
          .forEach(
              p ->
                  report.violation(
                      "Service/" + service.getMetadata().getName(),
                      "exposes the management port as " + p.getPort()));
    }
    for (NetworkPolicy policy : m.networkPoliciesSelecting(edge)) {
      policy.getSpec().getIngress().stream()
          .filter(rule -> rule.getPorts().isEmpty() || opens(rule.getPorts(), number))
          .forEach(
              rule ->
                  report.violation(
                      "NetworkPolicy/" + policy.getMetadata().getName(),
                      "an ingress rule allows the management port " + number));
    }
  }

  /**
   * The gateway's JWT secret comes from a Secret (never a literal), no ConfigMap or literal holds
   * the development secret, and the dev profile is not active.
   */
  public static void noDevelopmentSecret(Manifests m, Check.Report report) {
    Workload edge = m.workload(EDGE);
    Container container = edge.pod().getContainers().getFirst();
    boolean fromSecret =
        container.getEnv().stream()
            .anyMatch(
                e ->
                    JWT_SECRET_KEY.equals(e.getName())
                        && e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null);
    if (!fromSecret) {
      report.violation(edge.ref(), JWT_SECRET_KEY + " is not read from a Secret");
    }
    var environment = m.environment(container);
    String profiles = environment.getOrDefault("SPRING_PROFILES_ACTIVE", "");
    if (Arrays.stream(profiles.split(",")).map(String::strip).anyMatch("dev"::equals)) {
      report.violation(edge.ref(), "the dev profile is active (SPRING_PROFILES_ACTIVE)");
    }
    boolean literal =
        container.getEnv().stream().map(EnvVar::getValue).anyMatch(DEVELOPMENT_SECRET::equals)
            || m.all(ConfigMap.class).stream()
                .filter(c -> c.getData() != null)
                .anyMatch(c -> c.getData().containsValue(DEVELOPMENT_SECRET));
    if (literal || DEVELOPMENT_SECRET.equals(environment.get(JWT_SECRET_KEY))) {
      report.violation(edge.ref(), "the development JWT secret is configured");
    }
  }

  private static boolean usesPort(Probe probe, int number) {
    IntOrString port =
        probe.getHttpGet() != null
            ? probe.getHttpGet().getPort()
            : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
    return port != null && is(port, number);
  }

  private static boolean opens(List<NetworkPolicyPort> ports, int number) {
    return ports.stream()
        .anyMatch(
            p ->
                p.getPort() == null
                    || is(p.getPort(), number)
                    || (p.getEndPort() != null
                        && p.getPort().getIntVal() != null
                        && p.getPort().getIntVal() <= number
                        && number <= p.getEndPort()));
  }

  /** A port given by number or by the gateway's port name. */
  private static boolean is(IntOrString port, int number) {
    return port.getIntVal() != null
        ? port.getIntVal() == number
        : MANAGEMENT_PORT.equals(port.getStrVal());
  }

  /**
   * The gateway believes {@code X-Forwarded-For} only from a configured, bounded range (the ingress
   * controller's pods), never from everyone, and no forward-headers strategy overrides it.
   */
  public static void forwardedForFromIngressOnly(Manifests m, Check.Report report) {
    Workload edge = m.workload(EDGE);
    var environment = m.environment(edge.pod().getContainers().getFirst());
    String trusted = environment.getOrDefault("POLYSHOP_GATEWAY_EDGE_TRUSTED_PROXIES", "").strip();
    List<String> ranges = Arrays.stream(trusted.split(",")).map(String::strip).toList();
    if (trusted.isEmpty()) {
      report.violation(
          edge.ref(), "no trusted proxies: every client would share the ingress's key");
    } else if (ranges.stream().anyMatch(r -> r.endsWith("/0"))) {
      report.violation(edge.ref(), "trusts X-Forwarded-For from every address: " + trusted);
    }
    String strategy = environment.getOrDefault("SERVER_FORWARD_HEADERS_STRATEGY", "none");
    if (!strategy.equalsIgnoreCase("none")) {
      report.violation(
          edge.ref(), "SERVER_FORWARD_HEADERS_STRATEGY=" + strategy + " trusts any peer");
    }
  }
}
