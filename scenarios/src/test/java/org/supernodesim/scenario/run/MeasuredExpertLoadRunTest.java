package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * A measured expert load read from a file in SGLang's format ({@code experts.load.measured:
 * file.json}): a run gives the same bytes on every runtime, and a bad file is refused at its key.
 */
class MeasuredExpertLoadRunTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path SGLANG =
      Path.of("examples/validation/sglang-deepseek-v3-h100.yaml");
  private static final String PREFILL = "workload.serving.instances[0].experts.load";
  private static final String DECODE = "workload.serving.instances[1].experts.load";

  @Test
  void aRunWithMeasuredLoadsGivesTheSameBytesOnEveryRuntime() {
    Scenario s = LOADER.load(SGLANG, List.of(
        PREFILL + ".measured=sglang-expert-load/prefill_in4096.json",
        PREFILL + ".source=SGLang attachment_ep_statistics",
        DECODE + ".measured=sglang-expert-load/decode_in2000out100.json",
        DECODE + ".source=SGLang attachment_ep_statistics",
        "workload.serving.requests.window=1 s"));
    String reference = JsonReport.toJson(
        ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL).withRun(null));
    for (RuntimeChoice choice : List.of(RuntimeChoice.actors(2, 1),
        RuntimeChoice.actors(4, s.chips()))) {
      assertEquals(reference, JsonReport.toJson(ScenarioRunner.run(s, choice).withRun(null)),
          "measured expert loads on " + choice);
    }
  }

  @Test
  void aMissingFileIsRefusedAtItsKey() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(SGLANG,
        List.of(PREFILL + ".measured=sglang-expert-load/nowhere.json",
            PREFILL + ".source=test")));
    assertEquals("workload.serving.instances[0].experts.load.measured", e.keyPath());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void aFileWhoseRowsMatchNeitherTheLayersNorTheMoeLayersIsRefused(@TempDir Path dir)
      throws IOException {
    Files.copy(SGLANG, dir.resolve("s.yaml"));
    Files.writeString(dir.resolve("two.json"),
        "{\"logical_count\": [[1, 2], [3, 4]]}", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("flat.json"), "{\"counts\": [1, 2]}", StandardCharsets.UTF_8);
    ScenarioException rows = assertThrows(ScenarioException.class, () -> LOADER.load(
        dir.resolve("s.yaml"), List.of(PREFILL + ".measured=two.json", PREFILL + ".source=t")));
    assertTrue(rows.getMessage().contains("2 rows; deepseek-v3 has 61 layers, of them 58 MoE"),
        rows.getMessage());
    ScenarioException flat = assertThrows(ScenarioException.class, () -> LOADER.load(
        dir.resolve("s.yaml"), List.of(PREFILL + ".measured=flat.json", PREFILL + ".source=t")));
    assertTrue(flat.getMessage().contains("no \"logical_count\""), flat.getMessage());
  }
}
