package dev.polyshop.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The environment the manifests give each service holds only keys that service reads (as it reads
 * them locally), so a renamed key fails here instead of being silently ignored in the cluster. Lean
 * services read environment variables by name (their Config.java and README); Spring services bind
 * properties by relaxed binding (their application.yaml and README).
 */
class ConfigKeysTest {

  /** Read by the JVM itself, not by a service. */
  private static final Set<String> JVM_KEYS = Set.of("JAVA_TOOL_OPTIONS");

  private static final Map<String, Boolean> MODULES =
      Map.of(
          "gateway", true, "product-service", true, "search-service", false, "push-service", false);

  private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\\\n]+)\"");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`\\s]+)`");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");
  private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+");

  static Stream<Arguments> servicesPerOverlay() {
    return Kustomize.overlays().stream()
        .flatMap(o -> MODULES.keySet().stream().sorted().map(s -> Arguments.of(o, s)));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("servicesPerOverlay")
  void environmentKeys_areKeysTheServiceReads(String overlay, String service) {
    Manifests m = Kustomize.manifests(overlay);
    Container container = m.workload(service).pod().getContainers().getFirst();
    Set<String> keys = new HashSet<>(m.environment(container).keySet());
    container.getEnv().stream().map(EnvVar::getName).forEach(keys::add);
    keys.removeAll(JVM_KEYS);

    Set<String> known = known(service, MODULES.get(service));

    assertThat(keys)
        .isNotEmpty()
        .allSatisfy(
            key ->
                assertThat(known)
                    .as(
                        "%s reads no key %s (not in its README, application.yaml or Config)",
                        service, key)
                    .contains(normalize(key)));
  }

  /** Every key the module mentions, in relaxed-binding form (upper case, letters and digits). */
  private static Set<String> known(String module, boolean spring) {
    Path root = Kustomize.REPOSITORY_ROOT.resolve(module);
    assertThat(root).as("module " + module).isDirectory();
    Set<String> names = new HashSet<>();
    Pattern wanted = spring ? PROPERTY : ENV_NAME;
    sources(root.resolve("src/main/java"))
        .forEach(file -> matches(STRING_LITERAL, read(file), wanted, names));
    if (Files.exists(root.resolve("README.md"))) {
      matches(BACKTICKED, read(root.resolve("README.md")), wanted, names);
    }
    if (spring) {
      Path yaml = root.resolve("src/main/resources/application.yaml");
      if (Files.exists(yaml)) {
        flatten("", YAMLMapper.builder().build().readTree(read(yaml)), names);
      }
    }
    return names.stream()
        .map(ConfigKeysTest::normalize)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static void flatten(String prefix, JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      names));
    } else {
      names.add(prefix);
    }
  }

  private static void matches(Pattern pattern, String text, Pattern wanted, Set<String> names) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (wanted.matcher(m.group(1)).matches()) {
        names.add(m.group(1));
      }
    }
  }

  static String normalize(String key) {
    return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  private static List<Path> sources(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
