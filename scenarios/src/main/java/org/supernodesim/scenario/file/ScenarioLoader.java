package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.supernodesim.scenario.file.Sections.ScenarioSection;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a scenario file (YAML, or JSON by its {@code .json} name), applies {@code --set} edits to
 * the parsed tree, binds it strictly to the section records and assembles a {@link Scenario}. Every
 * mistake becomes one {@link ScenarioException} naming file, line, column and key path.
 *
 * <p>Limits, set here rather than left to the parser's defaults: a file of at most {@value
 * #MAX_FILE_CHARS} characters, {@value #MAX_NESTING} levels of nesting, numbers of at most {@value
 * #MAX_NUMBER_DIGITS} digits. YAML anchors may be written but an alias ({@code *name}) is refused
 * where it stands: the parser would read it as the text of its name, not the value it names.
 */
public final class ScenarioLoader {
  static final int MAX_FILE_CHARS = 4 << 20;
  static final int MAX_NESTING = 32;
  static final int MAX_NUMBER_DIGITS = 64;
  static final int MAX_STRING_CHARS = 1 << 20;

  /** The key of a plan: block, read by {@code supernode-sim plan}, not by the loader. */
  public static final String PLAN_KEY = "plan";

  private final ChipPresets presets;
  private final ModelPresets models;
  private final PriceBook prices;
  private final long heapBytes;

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

  /** A loader that refuses scenarios estimated not to fit this JVM's heap. */
  public ScenarioLoader(ChipPresets presets, ModelPresets models, PriceBook prices) {
    this(presets, models, prices, Runtime.getRuntime().maxMemory());
  }

  /** A loader that refuses scenarios estimated to need more than {@code heapBytes}. */
  public ScenarioLoader(
      ChipPresets presets, ModelPresets models, PriceBook prices, long heapBytes) {
    this.presets = presets;
    this.models = models;
    this.prices = prices;
    this.heapBytes = heapBytes;
  }

  /** Where this loader looks model names up. */
  ModelPresets modelPresets() {
    return models;
  }

  /** Loads {@code file} with the {@code key.path=value} edits in {@code sets} applied. */
  public Scenario load(Path file, List<String> sets) {
    return read(file, sets).base();
  }

  /**
   * Loads a scenario from {@code text}; {@code fileName} only labels errors, and files the scenario
   * names (request traces) are relative to the working directory.
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
      if (Files.isRegularFile(file) && Files.size(file) > 4L * MAX_FILE_CHARS) {
        throw new ScenarioException(
            file.toString(),
            "",
            "is "
                + Files.size(file)
                + " bytes; a"
                + " scenario file has at most "
                + MAX_FILE_CHARS
                + " characters");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(file.toString(), "", "no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ScenarioException(file.toString(), "", "is not UTF-8 text");
    } catch (IOException e) {
      throw new ScenarioException(
          file.toString(),
          "",
          Files.isDirectory(file)
              ? "is a folder, not a scenario file"
              : Files.isReadable(file) ? "cannot be read" : "cannot be read: permission denied");
    }
    Path folder = file.toAbsolutePath().getParent();
    return parse(
        file.getFileName().toString(),
        text,
        sets,
        file.toString().endsWith(".json"),
        folder == null ? Path.of("") : folder);
  }

  /** Parses {@code text}, applies {@code sets} and takes the {@code sweep:} block out of it. */
  public ScenarioFile parse(String fileName, String text, List<String> sets, boolean json) {
    return parse(fileName, text, sets, json, Path.of(""));
  }

  /** As {@link #parse(String, String, List, boolean)}, files relative to {@code baseDirectory}. */
  public ScenarioFile parse(
      String fileName, String text, List<String> sets, boolean json, Path baseDirectory) {
    if (text.length() > MAX_FILE_CHARS) {
      throw new ScenarioException(
          fileName,
          "",
          text.length() + " characters; a scenario file" + " has at most " + MAX_FILE_CHARS);
    }
    ScenarioFormat format = json ? ScenarioFormat.JSON : ScenarioFormat.YAML;
    KeyLocations locations;
    JsonNode tree;
    try {
      locations = KeyLocations.index(format.factory(), fileName, text, MAX_NESTING);
      tree = tree(format, text);
    } catch (JsonProcessingException e) {
      throw syntax(fileName, e, json);
    } catch (IOException e) {
      throw new ScenarioException(fileName, "", "cannot be parsed");
    }
    if (tree == null || !tree.isObject()) {
      throw new ScenarioException(
          fileName + ":1:1",
          "",
          "a scenario is a mapping with keys name, seed, cluster, workload, network");
    }
    Map<String, String> edits = applySets((ObjectNode) tree, sets);
    JsonNode sweep = ((ObjectNode) tree).remove(SweepDefinition.KEY);
    // A plan: block is read by the plan command (scenario.plan, through ScenarioFile.plan); as
    // with sweep:, the scenario it searches around is the rest of the file.
    JsonNode plan = ((ObjectNode) tree).remove(PLAN_KEY);
    SweepDefinition definition =
        sweep == null ? SweepDefinition.NONE : SweepDefinition.parse(sweep, locations);
    return new ScenarioFile(
        this,
        format,
        (ObjectNode) tree,
        locations,
        edits,
        definition,
        Optional.ofNullable(plan),
        baseDirectory);
  }

  /**
   * Binds {@code block}, the file's top-level {@code key} that the scenario leaves out, to {@code
   * type} as strictly as the scenario's own sections: an unknown key, a value of the wrong type, an
   * invalid choice or an {@link InvalidInput} of the type's constructor is one error located at its
   * key under {@code key}.
   */
  <T> T bindBlock(
      ScenarioFormat format,
      String key,
      JsonNode block,
      Class<T> type,
      KeyLocations locations,
      Map<String, String> edits) {
    ObjectNode holder = JsonNodeFactory.instance.objectNode();
    holder.set(key, block);
    BindingErrors errors = new BindingErrors(locations, edits, holder, format);
    JsonNode given = withoutNulls(block, key, errors);
    try {
      return format.mapper().treeToValue(given, type);
    } catch (JsonMappingException e) {
      e.prependPath(holder, key);
      throw errors.translate(e);
    } catch (JsonProcessingException e) {
      throw errors.at(key, "cannot be read");
    }
  }

  /** Binds an edited tree to the section records and assembles it; errors located by key. */
  Scenario bind(
      ScenarioFormat format,
      JsonNode tree,
      KeyLocations locations,
      Map<String, String> edits,
      Path baseDirectory) {
    BindingErrors errors = new BindingErrors(locations, edits, tree, format);
    JsonNode given = withoutNulls(tree, "", errors);
    ScenarioSection direct = DirectBinder.bind(given, ScenarioSection.class);
    ScenarioSection section = direct;
    if (direct == null || VERIFY_DIRECT_BINDING) {
      try {
        section = format.mapper().treeToValue(given, ScenarioSection.class);
      } catch (JsonMappingException e) {
        if (direct != null) {
          throw new AssertionError("DirectBinder bound what databind refuses: " + given, e);
        }
        throw errors.translate(e);
      } catch (JsonProcessingException e) {
        throw errors.at("", "cannot be read as a scenario");
      }
      if (direct != null && !direct.equals(section)) {
        throw new AssertionError("DirectBinder bound " + direct + "; databind " + section);
      }
    }
    try {
      return new ScenarioAssembly(presets, models, prices, baseDirectory, heapBytes)
          .assemble(section);
    } catch (InvalidInput p) {
      throw errors.at(p.keyPath(), p.getMessage());
    }
  }

  /**
   * The tree without its empty values: a key written without a value ({@code seed:}, or {@code
   * --set key=}) is a key not given, so an optional one takes its default and a required one is
   * missing; an empty element of a list is refused where it stands.
   */
  private static JsonNode withoutNulls(JsonNode node, String path, BindingErrors errors) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      for (var fields = node.fields(); fields.hasNext(); ) {
        var field = fields.next();
        if (!field.getValue().isNull()) {
          String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
          copy.set(field.getKey(), withoutNulls(field.getValue(), key, errors));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy =
          ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
      for (int i = 0; i < node.size(); i++) {
        String element = path + "[" + i + "]";
        if (node.get(i).isNull()) {
          throw errors.at(element, "an empty element; give a value or remove the element");
        }
        copy.add(withoutNulls(node.get(i), element, errors));
      }
      return copy;
    }
    return node;
  }

  /**
   * A parser's refusal as one {@code file:line:column: problem} line: SnakeYAML's problem and mark
   * for YAML; for JSON, where Jackson offers only its own wording, the place and a plain
   * description.
   */
  private static ScenarioException syntax(
      String fileName, JsonProcessingException e, boolean json) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        Mark mark = m.getProblemMark();
        String context = m.getContext() == null ? "" : m.getContext() + ": ";
        return new ScenarioException(
            fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1),
            "",
            "not valid YAML: " + context + m.getProblem());
      }
    }
    JsonLocation loc = e.getLocation();
    String where =
        loc == null || loc.getLineNr() < 1
            ? fileName
            : fileName + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    if (e instanceof StreamConstraintsException) {
      return new ScenarioException(
          where,
          "",
          "a number or text here is longer than a scenario"
              + " allows (numbers of at most "
              + MAX_NUMBER_DIGITS
              + " digits, text of at most "
              + MAX_STRING_CHARS
              + " characters)");
    }
    if (e instanceof MismatchedInputException) {
      return new ScenarioException(
          where,
          "",
          "unexpected content after the scenario (a second"
              + " document?); a file holds one scenario");
    }
    return new ScenarioException(
        where,
        "",
        json
            ? "not valid JSON here (a bracket, brace, quote, colon or comma is missing or extra)"
            : "not valid YAML here");
  }

  /**
   * Set by the tests ({@code supernode.verifyDirectBinding}): every scenario bound by {@link
   * DirectBinder} is bound by databind as well and the two must be equal.
   */
  private static final boolean VERIFY_DIRECT_BINDING =
      Boolean.getBoolean("supernode.verifyDirectBinding");

  /**
   * The tree of {@code text}: read from the parser's tokens where that gives databind's tree
   * ({@link DirectTrees}), else by the mapper, whose errors are the ones reported. The tests read
   * every tree both ways and require them equal.
   */
  private static JsonNode tree(ScenarioFormat format, String text) throws IOException {
    JsonNode direct = DirectTrees.read(format.factory(), text);
    if (direct != null && !VERIFY_DIRECT_BINDING) {
      return direct;
    }
    JsonNode tree = format.mapper().readTree(text);
    if (direct != null && !direct.equals(tree)) {
      throw new AssertionError("DirectTrees read " + direct + "; databind " + tree);
    }
    return tree;
  }

  /**
   * Builds the YAML parser's factory (the YAML library's classes), for a thread of its own started
   * before the scenario is read. Databind's mapper is not built: a scenario that {@link
   * DirectTrees} and {@link DirectBinder} read needs none.
   */
  public static void prepare() {
    ScenarioFormat.YAML.factory();
  }

  /** {@code factory} with the stream features the strict mapper sets on its own. */
  static JsonFactory strictFactory(JsonFactory factory) {
    return factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  static JsonFactory jsonFactory() {
    return JsonFactory.builder().streamReadConstraints(constraints()).build();
  }

  static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    // The file size is checked before parsing; these are the parser's own backstops.
    options.setCodePointLimit(MAX_FILE_CHARS + 1);
    options.setNestingDepthLimit(MAX_NESTING + 1);
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(constraints())
        .build();
  }

  private static StreamReadConstraints constraints() {
    return StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING + 1)
        .maxNumberLength(MAX_NUMBER_DIGITS)
        .maxStringLength(MAX_STRING_CHARS)
        .maxDocumentLength(MAX_FILE_CHARS + 1L)
        .build();
  }

  static ObjectMapper strictMapper(JsonFactory factory) {
    MapperBuilder<?, ?> builder =
        factory instanceof YAMLFactory y ? YAMLMapper.builder(y) : JsonMapper.builder(factory);
    ObjectMapper mapper =
        builder
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // A number is a number: "8" in quotes is not a chip count, nor 1 a network model.
    for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    for (LogicalType t : List.of(LogicalType.Textual, LogicalType.Enum)) {
      mapper
          .coercionConfigFor(t)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    return mapper;
  }

  /**
   * Applies each {@code key.path=value} to the tree; the value is read as YAML, so {@code 8} is a
   * number and {@code 392 GB/s} text. Returns the edited paths with the text of their edits.
   */
  private static Map<String, String> applySets(ObjectNode root, List<String> sets) {
    Map<String, String> edits = new LinkedHashMap<>();
    for (String set : sets) {
      String where = "--set " + set;
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException(
            where, "", "write --set key.path=value, e.g. --set" + " cluster.chips=64");
      }
      String path = set.substring(0, eq).trim();
      JsonNode value;
      try {
        KeyLocations.index(
            ScenarioFormat.YAML.factory(), where, set.substring(eq + 1), MAX_NESTING);
        value = tree(ScenarioFormat.YAML, set.substring(eq + 1));
      } catch (ScenarioException e) {
        throw new ScenarioException(where, path, e.problem());
      } catch (IOException e) {
        throw new ScenarioException(
            where,
            path,
            "the value is not valid YAML; quote text with"
                + " spaces or colons, e.g. --set \"cluster.fabric.link.bandwidth=200 GB/s\"");
      }
      if (value == null || value.isMissingNode()) {
        value = root.nullNode();
      }
      TreeEdits.put(root, path, value, where);
      edits.put(path, where);
    }
    return edits;
  }
}
