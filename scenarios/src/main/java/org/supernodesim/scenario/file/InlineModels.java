package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.ShapeProblem;
import org.supernodesim.model.transformer.UnsupportedShapeException;

/**
 * {@code model: { id: ..., kind: ..., ... }}: a model written in the scenario with the fields of
 * a catalog model ({@code models/README.md}). Bound strictly, unlike the catalog's own files: an
 * unknown key is refused, a value of the wrong type is refused, and a field the spec needs is
 * named with its path below the {@code model:} key.
 */
final class InlineModels {
  private static final ObjectMapper MAPPER = ScenarioLoader.strictMapper(ScenarioLoader.jsonFactory());

  private InlineModels() {}

  static ResolvedModel read(JsonNode node, String keyPath) {
    if (node.has("preset")) {
      // What --set model.layers=40 on a catalog name makes: overriding a preset's shape would
      // leave its published counts and sources describing another model, so it is refused.
      throw new InvalidInput(keyPath + ".preset", "a catalog model cannot be edited key by key; name it"
          + " alone, or write the whole model inline ('catalog show NAME' lists its fields)");
    }
    RecordKeys.firstUnknown(node, ModelShape.class).ifPresent(u -> {
      throw new InvalidInput(keyPath + "." + u.path(), "unknown key; keys here: " + u.validKeys());
    });
    if (!node.hasNonNull("id")) {
      throw new InvalidInput(keyPath + ".id",
          "missing; an inline model needs an id (it names the model in results)");
    }
    ModelShape shape;
    try {
      shape = MAPPER.treeToValue(node, ModelShape.class);
    } catch (JsonMappingException e) {
      throw new InvalidInput(keyPath + path(e.getPath()), ModelSources.expected(e));
    } catch (JsonProcessingException e) {
      throw new InvalidInput(keyPath, ModelSources.firstLine(e.getOriginalMessage()));
    }
    try {
      return new ResolvedModel(shape, CatalogTransformers.toSpec(shape), "inline",
          ResolvedModel.StatedParameters.of(shape.parameters()));
    } catch (UnsupportedShapeException e) {
      ShapeProblem first = e.details().get(0);
      throw new InvalidInput(first.field().isEmpty() ? keyPath : keyPath + "." + first.field(),
          String.join("; ", e.problems()));
    }
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        b.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
