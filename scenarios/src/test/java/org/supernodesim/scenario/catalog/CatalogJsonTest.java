package org.supernodesim.scenario.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.catalog.CatalogEntry;
import org.supernodesim.model.catalog.ModelFile;
import org.supernodesim.model.catalog.Prices;

/** The JSON made from the catalog at build time binds to the same records as its YAML source. */
class CatalogJsonTest {
  private static final Path SOURCES = Path.of("../cluster-model/src/main/resources");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectMapper JSON = CatalogJson.Databind.MAPPER;
  private static final ObjectMapper TREE = new ObjectMapper();

  @Test
  void everyShippedFileHasATwinThatBindsToEqualRecords() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Stream.concat(
        Files.walk(SOURCES.resolve(Catalog.ROOT)), Files.walk(SOURCES.resolve(Calibrations.ROOT)))) {
      sources = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    // 13 chips, 9 systems, 17 model files, the prices and 10 calibrations at the time of writing
    assertEquals(true, sources.size() >= 50, "catalog files found: " + sources.size());
    for (Path source : sources) {
      String resource = SOURCES.relativize(source).toString().replace('\\', '/');
      byte[] yaml = Files.readAllBytes(source);
      Class<?> type = typeOf(resource);
      Object fromYaml = YAML.readValue(yaml, type);
      byte[] twin;
      try (InputStream json = CatalogJson.open(getClass().getClassLoader(), resource, yaml)) {
        assertNotNull(json, "no JSON made from " + resource + " (see the build's catalog JSON line)");
        twin = json.readAllBytes();
      }
      Object fromJson = JSON.readValue(twin, type);
      // What a run reads: the twin without databind, never left to databind for a shipped file.
      Object fast = TwinReader.read(twin, type);
      assertNotNull(fast, "TwinReader left " + resource + " to databind");
      JsonNode yamlTree = TREE.valueToTree(fromYaml);
      for (Object read : List.of(fromJson, fast)) {
        assertEquals(fromYaml, read, resource);
        assertEquals(yamlTree, TREE.valueToTree(read), resource);
        // Maps in the file's order, as databind reads them (a report lists them so).
        assertEquals(yamlTree.toString(), TREE.valueToTree(read).toString(), resource);
      }
    }
  }

  record Strict(@JsonProperty(required = true) String name, int count, List<Double> sizes) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Lenient(String name, Map<String, Object> extra) {}

  @Test
  void whatTheTwinReaderDoesNotKnowIsLeftToDatabind() throws IOException {
    // Read here: keys in any order, an absent primitive as databind passes it (0), untyped values.
    assertEquals(new Strict("a", 0, List.of(1.0, 2.5)),
        TwinReader.read(bytes("{\"sizes\":[1,2.5],\"name\":\"a\"}"), Strict.class));
    byte[] lenientJson =
        bytes("{\"name\":7,\"skip\":{\"x\":[1]},\"extra\":{\"i\":1,\"l\":5000000000,"
            + "\"d\":1.5,\"t\":true,\"n\":null,\"s\":\"x\",\"a\":[1,\"b\"]}}");
    Lenient lenient = TwinReader.read(lenientJson, Lenient.class);
    assertEquals("7", lenient.name(), "a number where text is expected, as written");
    assertEquals(JSON.readValue(lenientJson, Lenient.class), lenient);
    assertEquals(Integer.class, lenient.extra().get("i").getClass());
    assertEquals(Long.class, lenient.extra().get("l").getClass());
    // Left to databind (null): an unknown key of a strict record, a required key missing, a
    // duplicate key, a number it would have to coerce, a null primitive, trailing text.
    for (String json : List.of(
        "{\"name\":\"a\",\"other\":1}",
        "{\"count\":1}",
        "{\"name\":\"a\",\"name\":\"b\"}",
        "{\"name\":\"a\",\"count\":1.5}",
        "{\"name\":\"a\",\"count\":null}",
        "{\"name\":\"a\",\"count\":\"1\"}",
        "{\"name\":\"a\"} {}")) {
      assertNull(TwinReader.read(bytes(json), Strict.class), json);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void numbersKeepTheirText() throws IOException {
    String json = new String(CatalogJson.convert(
        "a: 1.10\nb: +0.01\nc: '0x10'\nd: [1, -2e3]\ne: ~\nf: true\n".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
    assertEquals("{\"a\":1.10,\"b\":0.01,\"c\":\"0x10\",\"d\":[1,-2e3],\"e\":null,\"f\":true}", json);
    record Version(String a) {}
    assertEquals("1.10", JSON.readValue(json.replaceAll(",\"b\".*", "}"), Version.class).a());
  }

  @Test
  void aNumberJsonCannotSpellLeavesTheFileToItsYaml() {
    assertThrows(IOException.class,
        () -> CatalogJson.convert("a: 0x10\n".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IOException.class,
        () -> CatalogJson.convert("a: 1_000\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTwinIsNamedByTheBytesItWasMadeFrom() {
    byte[] one = "a: 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] two = "a: 2\n".getBytes(StandardCharsets.UTF_8);
    assertNotEquals(CatalogJson.name("x.yaml", one), CatalogJson.name("x.yaml", two));
    assertEquals(CatalogJson.name("x.yaml", one), CatalogJson.name("x.yaml", one.clone()));
  }

  private static Class<?> typeOf(String resource) {
    String file = resource.substring(resource.lastIndexOf("model/") + "model/".length());
    if (file.startsWith("calibration/")) {
      return ComputeCalibration.class;
    } else if (file.equals("catalog/prices.yaml")) {
      return Prices.class;
    } else if (file.startsWith("catalog/models/")) {
      return ModelFile.class;
    }
    return CatalogEntry.class;
  }
}
