package dev.polyshop.product.catalog;

import dev.polyshop.product.problem.ApiException;
import dev.polyshop.product.problem.JsonReadErrors;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON Merge Patch (RFC 7396) applied to a product's writable fields. */
final class MergePatch {

  private MergePatch() {}

  /**
   * @return the validated result of applying {@code patch} to {@code current}
   * @throws ApiException 400 if the patch is not an object, names read-only or unknown fields, or
   *     yields an invalid product
   */
  static ProductData apply(ProductData current, JsonNode patch, JsonMapper json) {
    if (patch == null || !patch.isObject()) {
      throw new ApiException(
          org.springframework.http.HttpStatus.BAD_REQUEST,
          "invalid-request",
          "A merge patch for a product must be a JSON object.");
    }
    JsonNode merged = merge(json.valueToTree(ProductInput.of(current)), patch);
    ProductInput input;
    try {
      input = json.treeToValue(merged, ProductInput.class);
    } catch (JacksonException unreadable) {
      throw JsonReadErrors.describe(unreadable);
    }
    return ProductValidator.validate(input);
  }

  /** RFC 7396 MergePatch(target, patch). */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : null;
    if (result == null) {
      result = ((ObjectNode) patch).objectNode();
    }
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      if (entry.getValue().isNull()) {
        result.remove(entry.getKey());
      } else {
        result.set(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue()));
      }
    }
    return result;
  }
}
