package dev.polyshop.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.Optional;

/** A Deployment or StatefulSet seen through what the checks need: its pods. */
public record Workload(
    HasMetadata object, LabelSelector selector, PodTemplateSpec template, Integer replicas) {

  public static Optional<Workload> of(HasMetadata object) {
    return switch (object) {
      case Deployment d ->
          Optional.of(
              new Workload(
                  d,
                  d.getSpec().getSelector(),
                  d.getSpec().getTemplate(),
                  d.getSpec().getReplicas()));
      case StatefulSet s ->
          Optional.of(
              new Workload(
                  s,
                  s.getSpec().getSelector(),
                  s.getSpec().getTemplate(),
                  s.getSpec().getReplicas()));
      default -> Optional.empty();
    };
  }

  public String kind() {
    return object.getKind();
  }

  public String name() {
    return object.getMetadata().getName();
  }

  /** "Deployment/gateway": how violations name it. */
  public String ref() {
    return kind() + "/" + name();
  }

  public PodSpec pod() {
    return template.getSpec();
  }

  public Map<String, String> podLabels() {
    Map<String, String> labels =
        template.getMetadata() == null ? null : template.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  public Map<String, String> annotations() {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
