package dev.polyshop.k8s.checks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Which checks apply to which overlay. */
public final class Policies {

  /**
   * Secrets an overlay references but must not render: their values are created outside git
   * (k8s/README.md, "External PostgreSQL and secrets").
   */
  public static final Map<String, Set<String>> EXTERNAL_SECRETS =
      Map.of("prod", Set.of("product-database", "gateway-jwt", "push-publisher-jwt", "shop-tls"));

  /** Overlays that run production traffic: they must autoscale too. */
  public static final Set<String> PRODUCTION = Set.of("prod");

  private Policies() {}

  public static List<Check> structure(String overlay) {
    return StructureChecks.all(EXTERNAL_SECRETS.getOrDefault(overlay, Set.of()));
  }

  public static List<Check> productionReadiness(String overlay) {
    return Stream.of(
            SecurityChecks.all(),
            ReliabilityChecks.all(),
            NetworkChecks.all(),
            EdgeChecks.all(),
            PRODUCTION.contains(overlay)
                ? List.of(ReliabilityChecks.autoscaled())
                : List.<Check>of(),
            PRODUCTION.contains(overlay) ? EdgeChecks.production() : List.<Check>of())
        .flatMap(List::stream)
        .toList();
  }

  public static Check check(List<Check> checks, String id) {
    return checks.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no check " + id));
  }
}
