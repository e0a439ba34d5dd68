package dev.polyshop.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Push fan-out (placeholder until the push scenario lands). */
final class PushRows {

  static final Scenario SCENARIO_GRPC = null;

  PushRows(Suite suite, Services services, int rep) {}

  List<Measurement> run(Server products, Server gateway, int pushPort) {
    return List.of();
  }

  List<Startup> startups() {
    return List.of();
  }

  static Map<String, String> descriptions() {
    return new LinkedHashMap<>();
  }
}
