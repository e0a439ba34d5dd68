package dev.polyshop.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rendered YAML into the typed fabric8 Kubernetes model, rejecting what the API server's
 * schema would reject: unknown fields (at any depth), wrong scalar types, unknown kinds.
 */
public final class StrictYaml {

  /** The API versions and kinds k8s/ may render, with their schema classes. */
  public static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

  private static final ObjectMapper MAPPER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // "3" is not an integer and 3 is not a string, as for the API server.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .addModule(
              new SimpleModule("strict-kubernetes-model")
                  .setDeserializerModifier(new NoAnySetter()))
          .build();

  private StrictYaml() {}

  /** Parses every document of a multi-document YAML stream; fails on the first invalid one. */
  public static List<HasMetadata> parseAll(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    int index = 0;
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (!document.isBlank()) {
        objects.add(parse(document, index));
      }
      index++;
    }
    return objects;
  }

  /** Parses one YAML document into its schema class. */
  public static HasMetadata parse(String document, int index) {
    JsonNode tree = MAPPER.readTree(document);
    String apiVersion = tree.path("apiVersion").asString("");
    String kind = tree.path("kind").asString("");
    String where =
        "document "
            + index
            + " ("
            + apiVersion
            + " "
            + kind
            + " "
            + tree.path("metadata").path("name").asString("?")
            + ")";
    Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
    if (type == null) {
      throw new IllegalArgumentException(
          where + ": no schema for this apiVersion/kind; known: " + KINDS.keySet());
    }
    try {
      return MAPPER.readValue(document, type);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          where + " does not match the Kubernetes schema: " + e.getMessage(), e);
    }
  }

  /**
   * fabric8 model classes collect unknown fields in an "additionalProperties" map through
   * {@code @JsonAnySetter}; without it, FAIL_ON_UNKNOWN_PROPERTIES applies as for any bean.
   */
  private static final class NoAnySetter extends ValueDeserializerModifier {
    @Override
    public BeanDeserializerBuilder updateBuilder(
        DeserializationConfig config,
        BeanDescription.Supplier description,
        BeanDeserializerBuilder builder) {
      builder.setAnySetter(null);
      return builder;
    }
  }
}
