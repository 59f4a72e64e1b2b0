package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.scenario.cli.BadInputTest.Outcome;

/**
 * Every example scenario, mutated the ways a person gets a file wrong: a key deleted, a value of
 * another type, an extreme number, a quantity with a random unit, the file cut short. Whatever the
 * mutant, {@code validate} answers with exit 0, or with exit 2 and one line that names the file,
 * line and column (never a stack trace, a Java or Jackson name). For the smallest example, every
 * mutant that validates also runs: validate and run never disagree.
 *
 * <p>{@value #MUTANTS} mutants of each of the examples ({@code examples/}, {@code
 * examples/training/}): about 3,000 in all, from a {@link SplittableRandom} seeded per example (the
 * seed in the test's name), so a failure reproduces. Serving examples read the first {@value
 * #TRACE_LINES} lines of their trace, so that thousands of mutants stay within seconds.
 */
class ScenarioMutationTest {
  static final int MUTANTS = 110;
  static final int TRACE_LINES = 200;

  /** The example whose valid mutants also run (8 chips, six collectives: milliseconds each). */
  static final String RUN_TOO = "ring-collectives-8.yaml";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern LOCATED =
      Pattern.compile("^mutant\\.yaml:\\d+:\\d+( \\(sweep point [^)]*\\))?: [^\\n]+$");
  private static final List<String> FORBIDDEN =
      List.of(
          "Exception",
          "\tat ",
          "com.fasterxml",
          "java.",
          "jackson",
          "CoercionConfig",
          "REDACTED",
          "`",
          "Error");
  private static final List<String> UNITS =
      List.of(
          "B", "KiB", "GB", "GiB", "TB", "B/s", "GB/s", "Gb/s", "TB/s", "ns", "us", "ms", "s", "h",
          "W", "kW", "TFLOPS", "FLOPS", "PFLOPS", "TOPS", "%", "GHz", "gb", "Gbps", "", "GiB/s/s",
          "sec");
  private static final List<JsonNode> EXTREMES =
      List.of(
          JsonNodeFactory.instance.numberNode(0),
          JsonNodeFactory.instance.numberNode(-1),
          JsonNodeFactory.instance.numberNode(1),
          JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE),
          JsonNodeFactory.instance.numberNode(2147483648L),
          JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
          JsonNodeFactory.instance.numberNode(1e308),
          JsonNodeFactory.instance.numberNode(-1e308),
          JsonNodeFactory.instance.numberNode(1e-308),
          JsonNodeFactory.instance.numberNode(0.5),
          JsonNodeFactory.instance.textNode("1e300 s"),
          JsonNodeFactory.instance.textNode("1e-300 B/s"),
          JsonNodeFactory.instance.textNode("0 GiB"),
          JsonNodeFactory.instance.textNode("-5 ns"),
          JsonNodeFactory.instance.textNode("NaN GB/s"),
          JsonNodeFactory.instance.textNode("1e400 W"));

  @TempDir Path dir;

  static Stream<String> examples() throws IOException {
    List<String> names = new ArrayList<>();
    for (String folder : List.of("examples", "examples/training")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        files
            .filter(p -> p.toString().endsWith(".yaml"))
            .sorted()
            .forEach(p -> names.add(p.toString()));
      }
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}, seed {0}.hashCode()")
  @MethodSource("examples")
  void everyMutantIsValidOrOneLocatedLine(String example) throws IOException {
    Path source = Path.of(example);
    SplittableRandom random = new SplittableRandom(example.hashCode());
    ObjectNode original = (ObjectNode) YAML.readTree(source.toFile());
    pointAtShortTrace(original, source);
    boolean runToo = source.getFileName().toString().equals(RUN_TOO);
    Path file = dir.resolve("mutant.yaml");
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < MUTANTS; i++) {
      String kind = pick(random, List.of("delete", "type", "extreme", "unit", "truncate"));
      ObjectNode tree = original.deepCopy();
      String text;
      if (kind.equals("truncate")) {
        String whole = YAML.writeValueAsString(tree);
        text = whole.substring(0, random.nextInt(whole.length()));
      } else {
        mutate(tree, kind, random);
        text = YAML.writeValueAsString(tree);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Outcome o = BadInputTest.run("validate", file.toString());
      String what = example + " mutant " + i + " (" + kind + "):\n" + text + "\n-> ";
      if (o.code() == 0) {
        assertTrue(o.out().contains(": valid: "), what + o.out());
        if (runToo) {
          Outcome run =
              BadInputTest.run("run", file.toString(), "--out", dir.resolve("out").toString());
          assertEquals(0, run.code(), what + "validates but does not run: " + run.err());
        }
      } else {
        assertEquals(2, o.code(), what + o.err());
        String line = o.err().strip();
        assertTrue(LOCATED.matcher(line).matches(), what + "not one located line: " + o.err());
        for (String word : FORBIDDEN) {
          assertFalse(line.contains(word), what + "names \"" + word + "\": " + line);
        }
      }
      outcomes.merge(kind + (o.code() == 0 ? " valid" : " refused"), 1, Integer::sum);
    }
    // The mutants reach both answers: a generator that only broke files would test too little.
    assertTrue(outcomes.keySet().stream().anyMatch(k -> k.endsWith("refused")), outcomes::toString);
  }

  /** A serving example reads a short copy of its trace, by absolute path. */
  private void pointAtShortTrace(ObjectNode tree, Path source) throws IOException {
    JsonNode requests = tree.path("workload").path("serving").path("requests");
    if (!requests.has("trace")) {
      return;
    }
    Path trace = source.toAbsolutePath().getParent().resolve(requests.get("trace").asText());
    List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
    Path shortTrace = dir.resolve(trace.getFileName());
    Files.write(shortTrace, lines.subList(0, Math.min(TRACE_LINES, lines.size())));
    ((ObjectNode) requests).put("trace", shortTrace.toString());
  }

  /** One mutation of {@code kind} at a random place of the tree. */
  private static void mutate(ObjectNode root, String kind, SplittableRandom random) {
    List<Place> places = new ArrayList<>();
    collect(root, places);
    Place p = places.get(random.nextInt(places.size()));
    JsonNode value = p.value();
    JsonNode replacement =
        switch (kind) {
          case "delete" -> null;
          case "type" -> otherType(value, random);
          case "extreme" -> pick(random, EXTREMES);
          default -> withUnit(value, random);
        };
    p.set(replacement);
  }

  private static JsonNode otherType(JsonNode value, SplittableRandom random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<JsonNode> others =
        new ArrayList<>(
            List.of(
                f.textNode("eight"),
                f.numberNode(8),
                f.booleanNode(true),
                f.arrayNode().add(1),
                f.objectNode().put("x", 1),
                f.nullNode(),
                f.textNode("")));
    others.removeIf(o -> o.getNodeType() == value.getNodeType());
    return pick(random, others);
  }

  /** A quantity with its unit replaced; any other value becomes a number with a unit. */
  private static JsonNode withUnit(JsonNode value, SplittableRandom random) {
    String number =
        value.isTextual()
            ? value.asText().replaceAll("[^0-9.eE+-].*$", "").strip()
            : value.isNumber() ? value.asText() : "1";
    return JsonNodeFactory.instance.textNode(number + " " + pick(random, UNITS));
  }

  private static <T> T pick(SplittableRandom random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** Every key of a mapping and every element of a list, with a way to replace or delete it. */
  private static void collect(JsonNode node, List<Place> places) {
    if (node instanceof ObjectNode o) {
      for (var names = o.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        places.add(new Place(o, name, -1));
        collect(o.get(name), places);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        places.add(new Place(a, null, i));
        collect(a.get(i), places);
      }
    }
  }

  private record Place(JsonNode parent, String key, int index) {
    JsonNode value() {
      return key != null ? parent.get(key) : parent.get(index);
    }

    /** Replaces the value, or deletes it when {@code replacement} is null. */
    void set(JsonNode replacement) {
      if (parent instanceof ObjectNode o) {
        if (replacement == null) {
          o.remove(key);
        } else {
          o.set(key, replacement);
        }
      } else if (replacement == null) {
        ((ArrayNode) parent).remove(index);
      } else {
        ((ArrayNode) parent).set(index, replacement);
      }
    }
  }
}
