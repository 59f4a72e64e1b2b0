package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supernodesim.scenario.file.Sections.ScenarioSection;

/**
 * Reads a scenario file (YAML, or JSON by its {@code .json} name), applies {@code --set} edits to
 * the parsed tree, binds it strictly to the section records and assembles a {@link Scenario}.
 * Every mistake becomes one {@link ScenarioException} naming file, line, column and key path.
 */
public final class ScenarioLoader {
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** The key of a plan: block, read by {@code supernode-sim plan}, not by the loader. */
  public static final String PLAN_KEY = "plan";
  private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[([^\\]]*)\\]");

  private final ChipPresets presets;
  private final ModelPresets models;
  private final PriceBook prices;

  /** A loader whose models come from the standard catalog, with no price defaults. */
  public ScenarioLoader(ChipPresets presets) {
    this(presets, StandardModels.INSTANCE, PriceBook.NONE);
  }

  /** A loader whose scenarios fall back to {@code prices} for energy and cost defaults. */
  public ScenarioLoader(ChipPresets presets, PriceBook prices) {
    this(presets, StandardModels.INSTANCE, prices);
  }

  public ScenarioLoader(ChipPresets presets, ModelPresets models) {
    this(presets, models, PriceBook.NONE);
  }

  public ScenarioLoader(ChipPresets presets, ModelPresets models, PriceBook prices) {
    this.presets = presets;
    this.models = models;
    this.prices = prices;
  }

  /** Loads {@code file} with the {@code key.path=value} edits in {@code sets} applied. */
  public Scenario load(Path file, List<String> sets) {
    return read(file, sets).base();
  }

  /**
   * Loads a scenario from {@code text}; {@code fileName} only labels errors, and files the
   * scenario names (request traces) are relative to the working directory.
   */
  public Scenario load(String fileName, String text, List<String> sets, boolean json) {
    return parse(fileName, text, sets, json, Path.of("")).base();
  }

  /**
   * Reads {@code file} with the {@code --set} edits applied, keeping the parsed tree so that each
   * point of its {@code sweep:} block can be bound as a file of its own would be. Files the
   * scenario names (request traces) are relative to the scenario file's folder.
   */
  public ScenarioFile read(Path file, List<String> sets) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file.toString(), "", "no such file");
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), "", "cannot be read: " + e.getMessage());
    }
    Path folder = file.toAbsolutePath().getParent();
    return parse(file.getFileName().toString(), text, sets, file.toString().endsWith(".json"),
        folder == null ? Path.of("") : folder);
  }

  /** Parses {@code text}, applies {@code sets} and takes the {@code sweep:} block out of it. */
  public ScenarioFile parse(String fileName, String text, List<String> sets, boolean json) {
    return parse(fileName, text, sets, json, Path.of(""));
  }

  /** As {@link #parse(String, String, List, boolean)}, files relative to {@code baseDirectory}. */
  public ScenarioFile parse(
      String fileName, String text, List<String> sets, boolean json, Path baseDirectory) {
    ObjectMapper mapper = strictMapper(json ? new JsonFactory() : new YAMLFactory());
    KeyLocations locations;
    JsonNode tree;
    try {
      locations = KeyLocations.index(mapper.getFactory(), fileName, text);
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? fileName : fileName + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
      throw new ScenarioException(where, "", e.getOriginalMessage());
    } catch (IOException e) {
      throw new ScenarioException(fileName, "", "cannot be parsed: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new ScenarioException(
          fileName + ":1:1", "", "a scenario is a mapping with keys name, seed, cluster, workload, network");
    }
    Map<String, String> edits = applySets((ObjectNode) tree, sets, mapper);
    JsonNode sweep = ((ObjectNode) tree).remove(SweepDefinition.KEY);
    // A plan: block is read by the plan command (scenario.plan); as with sweep:, the scenario
    // it searches around is the rest of the file.
    ((ObjectNode) tree).remove(PLAN_KEY);
    SweepDefinition definition =
        sweep == null ? SweepDefinition.NONE : SweepDefinition.parse(sweep, locations);
    return new ScenarioFile(
        this, mapper, (ObjectNode) tree, locations, edits, definition, baseDirectory);
  }

  /** Binds an edited tree to the section records and assembles it; errors located by key. */
  Scenario bind(
      ObjectMapper mapper, JsonNode tree, KeyLocations locations, Map<String, String> edits,
      Path baseDirectory) {
    Errors errors = new Errors(locations, edits, tree);
    ScenarioSection section;
    try {
      section = mapper.treeToValue(tree, ScenarioSection.class);
    } catch (JsonMappingException e) {
      throw errors.translate(e);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(locations.where(""), "", e.getOriginalMessage());
    }
    try {
      return new ScenarioAssembly(presets, models, prices, baseDirectory).assemble(section);
    } catch (ScenarioAssembly.Problem p) {
      throw errors.at(p.keyPath, p.getMessage());
    }
  }

  static ObjectMapper strictMapper(JsonFactory factory) {
    MapperBuilder<?, ?> builder =
        factory instanceof YAMLFactory y ? YAMLMapper.builder(y) : JsonMapper.builder(factory);
    ObjectMapper mapper =
        builder
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // A number is a number: "8" in quotes is not a chip count.
    for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Applies each {@code key.path=value} to the tree; the value is read as YAML, so {@code 8} is a
   * number and {@code 392 GB/s} text. Returns the edited paths with the text of their edits.
   */
  private static Map<String, String> applySets(ObjectNode root, List<String> sets, ObjectMapper mapper) {
    Map<String, String> edits = new LinkedHashMap<>();
    ObjectMapper yaml = new YAMLMapper();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException("--set " + set, "", "write --set key.path=value, e.g. --set cluster.chips=64");
      }
      String path = set.substring(0, eq).trim();
      JsonNode value;
      try {
        value = yaml.readTree(set.substring(eq + 1));
      } catch (JsonProcessingException e) {
        throw new ScenarioException("--set " + set, path, "the value cannot be read: " + e.getOriginalMessage());
      }
      if (value == null || value.isMissingNode()) {
        value = mapper.getNodeFactory().nullNode();
      }
      put(root, path, value, "--set " + set);
      edits.put(path, "--set " + set);
    }
    return edits;
  }

  /**
   * Sets the key at {@code path} (dots between keys, {@code [i]} for list elements) to {@code
   * value}, creating mappings on the way; {@code where} labels the edit in errors.
   */
  public static void put(ObjectNode root, String path, JsonNode value, String where) {
    List<Object> keys = new ArrayList<>();
    for (String part : path.split("\\.")) {
      Matcher m = Pattern.compile("([^\\[]+)((\\[\\d+\\])*)").matcher(part);
      if (!m.matches()) {
        throw new ScenarioException(where, path, "\"" + part + "\" is not a key");
      }
      keys.add(m.group(1));
      Matcher idx = Pattern.compile("\\[(\\d+)\\]").matcher(m.group(2));
      while (idx.find()) {
        keys.add(Integer.parseInt(idx.group(1)));
      }
    }
    JsonNode node = root;
    for (int i = 0; i < keys.size(); i++) {
      Object key = keys.get(i);
      boolean last = i == keys.size() - 1;
      if (key instanceof String name) {
        if (!node.isObject()) {
          throw new ScenarioException(where, path, "\"" + name + "\" is not under a mapping");
        }
        ObjectNode object = (ObjectNode) node;
        if (last) {
          object.set(name, value);
        } else {
          JsonNode child = object.get(name);
          if (child != null && child.isTextual() && keys.get(i + 1) instanceof String) {
            // A preset name is short for {preset: name}: editing a figure of it expands it.
            child = object.objectNode().put("preset", child.asText());
            object.set(name, child);
          }
          if (child == null || child.isNull()) {
            child = keys.get(i + 1) instanceof Integer ? object.arrayNode() : object.objectNode();
            object.set(name, child);
          }
          node = child;
        }
      } else {
        int index = (Integer) key;
        if (!node.isArray() || index >= node.size()) {
          throw new ScenarioException(
              where, path, "index " + index + " is not in a list of " + node.size());
        }
        if (last) {
          ((ArrayNode) node).set(index, value);
        } else {
          node = node.get(index);
        }
      }
    }
  }

  /** Turns binding failures into located messages. */
  private static final class Errors {
    private final KeyLocations locations;
    private final Map<String, String> edits;
    private final JsonNode tree;

    Errors(KeyLocations locations, Map<String, String> edits, JsonNode tree) {
      this.locations = locations;
      this.edits = edits;
      this.tree = tree;
    }

    ScenarioException at(String keyPath, String problem) {
      for (var edit : edits.entrySet()) {
        if (keyPath.equals(edit.getKey()) || keyPath.startsWith(edit.getKey() + ".")
            || keyPath.startsWith(edit.getKey() + "[")) {
          return new ScenarioException(edit.getValue(), keyPath, problem);
        }
      }
      return new ScenarioException(locations.where(keyPath), keyPath, problem);
    }

    ScenarioException translate(JsonMappingException e) {
      String path = path(e.getPath());
      if (e instanceof UnrecognizedPropertyException u) {
        TreeSet<String> known = new TreeSet<>();
        u.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
        if (u.getReferringClass() == ScenarioSection.class) {
          known.add(SweepDefinition.KEY); // taken out of the tree before binding, valid all the same
          known.add(PLAN_KEY);
        }
        return at(path, "unknown key; keys here: " + String.join(", ", known));
      }
      if (e instanceof InvalidTypeIdException t) {
        Matcher m = KNOWN_TYPE_IDS.matcher(t.getOriginalMessage());
        String valid = m.find() ? m.group(1) : "";
        return t.getTypeId() == null
            ? at(path + ".kind", "missing; say which kind: " + valid)
            : at(path + ".kind", "\"" + t.getTypeId() + "\" is not a kind here; valid: " + valid);
      }
      Throwable cause = e.getCause();
      if (cause instanceof InvalidValue v) {
        return at(path + "." + v.key(), v.getMessage());
      }
      if (e instanceof ValueInstantiationException || cause instanceof IllegalArgumentException) {
        if (cause instanceof NullPointerException) {
          return at(path, "a value is missing here");
        }
        return at(path, cause == null ? e.getOriginalMessage() : cause.getMessage());
      }
      if (e instanceof MismatchedInputException m) {
        String message = m.getOriginalMessage();
        if (message.startsWith("Missing required creator property")) {
          Matcher q = QUOTED.matcher(message);
          String key = q.find() ? q.group(1) : "?";
          String parent = path.equals(key) || path.endsWith("." + key)
              ? path.substring(0, Math.max(0, path.length() - key.length() - 1))
              : path;
          // Jackson reports a missing key before an unknown one beside it; the unknown one,
          // often the missing one misspelt, is the mistake to show.
          ScenarioException unknown = unknownKeyIn(parent, owner(m.getPath()));
          if (unknown != null) {
            return unknown;
          }
          return at(parent.isEmpty() ? key : parent + "." + key, "missing; this key is required");
        }
        if (message.startsWith("Trailing token")) {
          return at(path, "unexpected content after the scenario");
        }
        return at(path, "expected " + describe(m.getTargetType()) + "; " + firstLine(message));
      }
      return at(path, firstLine(e.getOriginalMessage()));
    }

    /** The type that holds the last key of {@code references}. */
    private static Class<?> owner(List<JsonMappingException.Reference> references) {
      if (references.isEmpty()) {
        return null;
      }
      Object from = references.get(references.size() - 1).getFrom();
      return from instanceof Class<?> c ? c : from == null ? null : from.getClass();
    }

    /** The first key of the mapping at {@code path} that {@code type} has no component for. */
    private ScenarioException unknownKeyIn(String path, Class<?> type) {
      if (type == null || !type.isRecord()) {
        return null;
      }
      JsonNode node = nodeAt(path);
      if (node == null || !node.isObject()) {
        return null;
      }
      TreeSet<String> known = new TreeSet<>();
      for (var component : type.getRecordComponents()) {
        known.add(component.getName());
      }
      if (type == ScenarioSection.class) {
        known.add(SweepDefinition.KEY);
        known.add(PLAN_KEY);
      }
      for (var names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          return at(
              path.isEmpty() ? name : path + "." + name,
              "unknown key; keys here: " + String.join(", ", known));
        }
      }
      return null;
    }

    private JsonNode nodeAt(String path) {
      JsonNode node = tree;
      if (path.isEmpty()) {
        return node;
      }
      for (String part : path.split("\\.")) {
        int bracket = part.indexOf('[');
        String name = bracket < 0 ? part : part.substring(0, bracket);
        node = node == null ? null : node.get(name);
        Matcher idx = Pattern.compile("\\[(\\d+)\\]").matcher(part);
        while (node != null && idx.find()) {
          node = node.get(Integer.parseInt(idx.group(1)));
        }
      }
      return node;
    }

    private static String path(List<JsonMappingException.Reference> references) {
      StringBuilder b = new StringBuilder();
      for (JsonMappingException.Reference r : references) {
        if (r.getFieldName() != null) {
          b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          b.append('[').append(r.getIndex()).append(']');
        }
      }
      return b.toString();
    }

    private static String describe(Class<?> type) {
      if (type == null) {
        return "a different value";
      }
      if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        return "a whole number";
      }
      if (type == String.class) {
        return "text";
      }
      if (List.class.isAssignableFrom(type)) {
        return "a list";
      }
      if (type == Quantities.Bandwidth.class) {
        return "a bandwidth such as \"392 GB/s\"";
      }
      if (type == Quantities.TimeSpan.class) {
        return "a time such as \"1.5 us\"";
      }
      if (type == Quantities.DataSize.class) {
        return "a size such as \"64 GiB\"";
      }
      if (type == Quantities.ComputeRate.class) {
        return "a compute rate such as \"752 TFLOPS\"";
      }
      if (type == Quantities.Power.class) {
        return "a power such as \"700 W\"";
      }
      return "a mapping";
    }

    private static String firstLine(String message) {
      int nl = message.indexOf('\n');
      return nl < 0 ? message : message.substring(0, nl);
    }
  }

}
