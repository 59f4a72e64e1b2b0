package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.supernodesim.model.huggingface.ConfigProblem;
import org.supernodesim.model.huggingface.HuggingFaceConfig;
import org.supernodesim.model.huggingface.HuggingFaceConfigException;
import org.supernodesim.model.huggingface.HuggingFaceModel;
import org.supernodesim.model.huggingface.HuggingFaceShapes;
import org.supernodesim.model.transformer.UnsupportedShapeException;
import org.supernodesim.scenario.file.ResolvedModel.StatedParameters;

/**
 * {@code model: { huggingFace: path/to/config.json, id: name, parameters: { total: N } }}: a
 * model read from a Hugging Face {@code config.json} ({@link HuggingFaceShapes} says which keys
 * each family reads). The path is relative to the scenario file; {@code id} names the model in
 * results (default: the path as written); {@code parameters} states the totals to print beside
 * the counted ones. A mistake in the config file is reported at its line and key, e.g. {@code
 * models/my-8b.json:7:3: num_hidden_layers: missing; a llama config must give it (the shape's
 * layers) (for workload.training.model)}.
 */
final class HuggingFaceFiles {
  static final String KEY = "huggingFace";
  private static final List<String> KEYS = List.of(KEY, "id", "parameters");
  private static final ObjectMapper MAPPER = ScenarioLoader.strictMapper(ScenarioLoader.jsonFactory());

  private HuggingFaceFiles() {}

  static ResolvedModel read(JsonNode node, String keyPath, Path baseDirectory) {
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new InvalidInput(keyPath + "." + name, "unknown key; keys here: " + String.join(", ",
            KEYS));
      }
    }
    String written = text(node.get(KEY), keyPath + "." + KEY, "a path to a config.json");
    Path file = baseDirectory.resolve(written).normalize();
    String label = label(file);
    String text;
    try {
      // The scenario file's own limit: a config.json is a few kilobytes.
      if (Files.isRegularFile(file) && Files.size(file) > ScenarioLoader.MAX_FILE_CHARS) {
        throw new InvalidInput(
            keyPath + "." + KEY,
            label
                + " is "
                + Files.size(file)
                + " bytes; a config.json here has at most "
                + ScenarioLoader.MAX_FILE_CHARS);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInput(keyPath + "." + KEY, (Files.exists(file) ? "cannot be read: " : "no such"
          + " file: ") + label);
    }
    String id = node.has("id") ? text(node.get("id"), keyPath + ".id", "a model name") : written;
    String where = " (the model of " + keyPath + ")";
    KeyLocations locations;
    JsonNode tree;
    try {
      locations = KeyLocations.index(MAPPER.getFactory(), label, text, ScenarioLoader.MAX_NESTING);
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new ScenarioException(loc == null ? label : label + ":" + loc.getLineNr() + ":"
          + loc.getColumnNr(), "",
          "not JSON: " + ModelSources.firstLine(e.getOriginalMessage()) + where);
    } catch (IOException e) {
      throw new ScenarioException(label, "", "cannot be read: " + e.getMessage() + where);
    }
    if (tree == null || !tree.isObject()) {
      throw new ScenarioException(label + ":1:1", "", "a config.json is a JSON object of keys"
          + " (hidden_size, num_hidden_layers, ...)" + where);
    }
    HuggingFaceConfig config;
    try {
      config = MAPPER.treeToValue(tree, HuggingFaceConfig.class);
    } catch (JsonMappingException e) {
      String key = e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName();
      throw new ScenarioException(locations.where(key == null ? "" : key), key == null ? ""
          : key, ModelSources.expected(e) + where);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(
          label, "", ModelSources.firstLine(e.getOriginalMessage()) + where);
    }
    Set<String> present = new LinkedHashSet<>();
    tree.fieldNames().forEachRemaining(present::add);
    HuggingFaceModel model;
    try {
      model = HuggingFaceShapes.toModel(config, present, id);
    } catch (HuggingFaceConfigException e) {
      ConfigProblem first = e.problems().get(0);
      List<String> others = e.problems().stream().skip(1).map(ConfigProblem::key).toList();
      throw new ScenarioException(locations.where(first.key()), first.key(), first.message()
          + (others.isEmpty() ? "" : "; also: " + String.join(", ", others)) + where);
    }
    try {
      return new ResolvedModel(model.shape(), model.toSpec(), "Hugging Face "
          + config.modelType() + ", " + label, stated(node.get("parameters"), keyPath));
    } catch (UnsupportedShapeException e) {
      throw new ScenarioException(label + ":1:1", "", e.getMessage() + where);
    }
  }

  /** {@code parameters: { total: N, active: M }}, both optional. */
  private static StatedParameters stated(JsonNode node, String keyPath) {
    if (node == null || node.isNull()) {
      return StatedParameters.NONE;
    }
    String path = keyPath + ".parameters";
    if (!node.isObject()) {
      throw new InvalidInput(path, "expected a mapping { total: N, active: M }");
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("total") && !name.equals("active")) {
        throw new InvalidInput(path + "." + name, "unknown key; keys here: active, total");
      }
    }
    return new StatedParameters(count(node.get("total"), path + ".total"),
        count(node.get("active"), path + ".active"));
  }

  private static OptionalLong count(JsonNode node, String path) {
    if (node == null) {
      return OptionalLong.empty();
    }
    // 8.03e9 is a count written in scientific notation; it must still be a whole number.
    if (!node.isNumber() || node.doubleValue() < 1 || node.doubleValue() != Math.rint(
        node.doubleValue())) {
      throw new InvalidInput(path, node + "; expected a whole number of parameters, e.g. 8.03e9");
    }
    return OptionalLong.of((long) node.doubleValue());
  }

  private static String text(JsonNode node, String path, String what) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new InvalidInput(path, "expected " + what);
    }
    return node.asText();
  }

  /** The file as a user can find it: relative to the working directory when under it. */
  private static String label(Path file) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
  }
}
