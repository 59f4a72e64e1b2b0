package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supernodesim.scenario.file.Sections.ScenarioSection;

/**
 * The direct binder against databind's strict mapper: the collectives scenarios a short run reads
 * bind directly, to records equal to databind's; what it does not know is left to databind (the
 * suite's other tests bind every scenario both ways, see the surefire configuration).
 */
class DirectBinderTest {
  private static final ObjectMapper STRICT = ScenarioLoader.strictMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {
    "examples/allreduce-384.yaml",
    "examples/ring-collectives-8.yaml",
    "examples/congestion-fat-tree.yaml",
    "examples/busbw-hgx-h100-8.yaml",
    "examples/preset-cloudmatrix384.yaml",
    "cds/hierarchy-16.yaml"
  })
  void aCollectivesScenarioBindsDirectlyAsDatabindBindsIt(String file) throws IOException {
    JsonNode tree = STRICT.readTree(Files.readString(Path.of(file)));
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove(List.of("sweep", "plan"));

    ScenarioSection direct = DirectBinder.bind(tree, ScenarioSection.class);

    assertNotNull(direct, "bound directly");
    assertEquals(STRICT.treeToValue(tree, ScenarioSection.class), direct);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // a number where a size is text, an unknown key, a required key missing, a label unknown,
    // a number written as text, two workload kinds
    "{name: a, cluster: {chips: 8, chip: h100}, workload: {collectives: [{kind: all-reduce, size: 8}]}}",
    "{name: a, cluster: {chips: 8, chip: h100, colour: red}, workload: {collectives: [{kind: all-reduce, size: 8 MiB}]}}",
    "{name: a, cluster: {chips: 8, chip: h100}, workload: {collectives: [{size: 8 MiB}]}}",
    "{name: a, cluster: {chips: 8, chip: h100}, workload: {collectives: [{kind: all-reduse, size: 8 MiB}]}}",
    "{name: a, cluster: {chips: '8', chip: h100}, workload: {collectives: [{kind: all-reduce, size: 8 MiB}]}}",
    "{name: a, cluster: {chips: 8, chip: h100}, workload: {collectives: [], trace: {}}}"
  })
  void whatItDoesNotBindExactlyIsLeftToDatabind(String yaml) throws IOException {
    assertNull(DirectBinder.bind(STRICT.readTree(yaml), ScenarioSection.class), yaml);
  }
}
