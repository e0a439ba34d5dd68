package dev.polyshop.bench.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One implementation under test: how to start it (the harness adds {@code PORT}, {@code
 * UPSTREAM_URL} and {@code REDIS_ADDR} to its environment) and which scenarios it serves.
 *
 * @param description exactly what runs, for the report
 */
public record Peer(
    String name,
    String description,
    List<String> command,
    Map<String, String> env,
    Path workDir,
    Set<String> scenarios) {

  public boolean serves(Scenario scenario) {
    return scenarios.contains(scenario.name());
  }
}
