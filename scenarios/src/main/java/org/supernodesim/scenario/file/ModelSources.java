package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.UnsupportedShapeException;

/**
 * Resolves a workload's {@code model:} key, which takes one of three forms:
 *
 * <ul>
 *   <li>a catalog name: {@code model: llama-3.1-8b} ({@code catalog models} lists them);
 *   <li>a mapping with the fields of a catalog model ({@code models/README.md}), {@code id} first:
 *       {@code model: { id: my-7b, kind: dense, layers: 32, ... }} ({@link InlineModels});
 *   <li>a Hugging Face config: {@code model: { huggingFace: path/to/config.json }}, the path
 *       relative to the scenario file ({@link HuggingFaceFiles}).
 * </ul>
 *
 * Each becomes the same {@link ResolvedModel}: a shape checked by {@link CatalogTransformers} and
 * the spec the simulator runs. Mistakes name the key in the scenario, or the key and line in the
 * config file.
 */
final class ModelSources {
  private final ModelPresets presets;
  private final Path baseDirectory;

  ModelSources(ModelPresets presets, Path baseDirectory) {
    this.presets = presets;
    this.baseDirectory = baseDirectory;
  }

  /** The model the node at {@code keyPath} names. */
  ResolvedModel resolve(JsonNode node, String keyPath) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InvalidInput(keyPath, "missing; " + FORMS);
    }
    if (node.isTextual()) {
      return catalog(node.asText(), keyPath);
    }
    if (node.isObject()) {
      return node.has(HuggingFaceFiles.KEY)
          ? HuggingFaceFiles.read(node, keyPath, baseDirectory)
          : InlineModels.read(node, keyPath);
    }
    throw new InvalidInput(keyPath,
        "found " + node.getNodeType().name().toLowerCase(Locale.ROOT) + "; " + FORMS);
  }

  /**
   * The models a scenario tree's workload names ({@code workload.training.model}, {@code
   * workload.serving.model}), each with its counted and stated parameters.
   */
  List<ModelSummary> summaries(JsonNode tree) {
    List<ModelSummary> summaries = new ArrayList<>();
    for (String workload : List.of("training", "serving")) {
      JsonNode node = tree.path("workload").path(workload).path("model");
      if (!node.isMissingNode()) {
        String keyPath = "workload." + workload + ".model";
        summaries.add(resolve(node, keyPath).summary(keyPath));
      }
    }
    return summaries;
  }

  /** What a value of the wrong type should have been, in words (as a scenario key's error). */
  static String expected(JsonMappingException e) {
    Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    return type == null
        ? firstLine(e.getOriginalMessage())
        : "expected " + BindingErrors.describe(type);
  }

  /** The first line of a parser's message (the rest is a stack of Jackson's own context). */
  static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static final String FORMS = "give a catalog name (catalog models lists them), a mapping with"
      + " a catalog model's fields, or { huggingFace: path/to/config.json }";

  private ResolvedModel catalog(String name, String keyPath) {
    ModelShape shape;
    try {
      shape = presets.shape(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(keyPath, e.getMessage());
    }
    try {
      return new ResolvedModel(shape, CatalogTransformers.toSpec(shape), "catalog",
          ResolvedModel.StatedParameters.of(shape.parameters()));
    } catch (UnsupportedShapeException e) {
      throw new InvalidInput(keyPath, e.getMessage());
    }
  }
}
