package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Manifests;
import java.util.ArrayList;
import java.util.List;

/** A named rule over one overlay's objects; it reports violations, it never throws for them. */
public record Check(String id, Rule rule) {

  /** The body of a check: looks at the objects and reports what is wrong. */
  @FunctionalInterface
  interface Rule {
    void check(Manifests manifests, Report report);
  }

  /** Where a rule reports: each report becomes a {@link Violation} of this check. */
  interface Report {
    void violation(String object, String detail);
  }

  public List<Violation> run(Manifests manifests) {
    List<Violation> violations = new ArrayList<>();
    rule.check(manifests, (object, detail) -> violations.add(new Violation(id, object, detail)));
    return violations;
  }

  /** Runs every check and collects their violations. */
  public static List<Violation> runAll(List<Check> checks, Manifests manifests) {
    return checks.stream().flatMap(c -> c.run(manifests).stream()).toList();
  }

  @Override
  public String toString() {
    return id;
  }
}
