package org.supernodesim.scenario.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  private static final ObjectMapper JSON = CatalogJson.MAPPER;
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
      Object fromJson;
      try (InputStream json = CatalogJson.open(getClass().getClassLoader(), resource, yaml)) {
        assertNotNull(json, "no JSON made from " + resource + " (see the build's catalog JSON line)");
        fromJson = JSON.readValue(json, type);
      }
      assertEquals(fromYaml, fromJson, resource);
      JsonNode yamlTree = TREE.valueToTree(fromYaml);
      assertEquals(yamlTree, TREE.valueToTree(fromJson), resource);
    }
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
