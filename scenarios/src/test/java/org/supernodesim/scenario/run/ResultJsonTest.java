package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * result.json of real runs, one or more of each kind, is the text Jackson's databind writes of
 * the same result: the writer that replaced databind's serializers (for start-up) changes no byte.
 */
class ResultJsonTest {
  @ParameterizedTest
  @CsvSource({
    "ring-collectives-8.yaml, \"collectives\" : [ {",
    "busbw-hgx-h100-8.yaml, \"publishedBusBandwidth\" : [ {",
    "congestion-fat-tree.yaml, \"busiestLinks\" : [ {",
    "replay-chakra-allreduce-8.yaml, \"replay\" : {",
    "serving-mooncake-ssd-tier-h20.yaml, \"ssd\" : {",
    "training/llama-3.1-8b-hf-8-h100.yaml, \"training\" : {"
  })
  void theFileIsDatabindsText(String example, String mark) {
    Scenario s = new ScenarioLoader(Catalog.standard()::chip)
        .load(Path.of("examples").resolve(example), List.of());
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);

    String json = JsonReport.toJson(run.result());

    assertTrue(json.contains(mark), "the kind's part is there: " + mark);
    assertEquals(JsonReport.toJsonByDatabind(run.result()), json);
  }
}
