package dev.polyshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RenderingTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @Test
  void overlays_areDevAndProd() {
    assertThat(Kustomize.overlays()).containsExactly("dev", "prod");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void overlay_rendersOnlyObjectsThatMatchTheKubernetesSchemas(String overlay) {
    List<HasMetadata> objects = StrictYaml.parseAll(Kustomize.render(overlay));

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "Namespace",
            "Deployment",
            "Service",
            "ServiceAccount",
            "ConfigMap",
            "NetworkPolicy",
            "PodDisruptionBudget");
  }

  @Test
  void strictParsing_unknownField_fails() {
    String typo =
        Kustomize.render("prod")
            .replaceFirst(
                "(?m)^  revisionHistoryLimit: 5$", "  revisionHistoryLimit: 5\n  replica: 3");

    assertThatThrownBy(() -> StrictYaml.parseAll(typo))
        .hasMessageContaining("does not match the Kubernetes schema")
        .hasMessageContaining("replica");
  }

  @Test
  void strictParsing_misspelledNestedField_fails() {
    String typo = Kustomize.render("dev").replaceFirst("readinessProbe:", "readinesProbe:");

    assertThatThrownBy(() -> StrictYaml.parseAll(typo)).hasMessageContaining("readinesProbe");
  }

  @Test
  void strictParsing_quotedNumber_fails() {
    String wrongType =
        Kustomize.render("dev")
            .replaceFirst(
                "terminationGracePeriodSeconds: (\\d+)", "terminationGracePeriodSeconds: \"$1\"");

    assertThatThrownBy(() -> StrictYaml.parseAll(wrongType))
        .hasMessageContaining("terminationGracePeriodSeconds");
  }

  @Test
  void strictParsing_unknownKind_fails() {
    String yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n";

    assertThatThrownBy(() -> StrictYaml.parseAll(yaml))
        .hasMessageContaining("no schema for this apiVersion/kind");
  }

  @Test
  void rendering_withoutKubectl_failsWithAnInstallHint() {
    assertThatThrownBy(
            () -> Kustomize.render("/nonexistent/kubectl", Kustomize.OVERLAYS.resolve("dev")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Install kubectl");
  }

  @Test
  void rendering_brokenKustomization_failsWithKustomizesError(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

    assertThatThrownBy(() -> Kustomize.render(Kustomize.kubectl(), dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.yaml");
  }
}
