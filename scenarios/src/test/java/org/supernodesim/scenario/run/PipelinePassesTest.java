package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * The pipeline schedule a training page draws is read back from the simulated stages: each stage
 * runs 1F1B's order (Narayanan et al., SC'21 §2.2.1: min(p - s - 1, m) warm-up forwards, then one
 * forward and one backward, then the remaining backwards), its passes never overlap, and a pass on
 * stage s + 1 begins after the same micro-batch's forward left stage s.
 */
class PipelinePassesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        // 4 stages, 4 micro-batches per replica (global batch 8 over dp 2).
        "1F1B | workload.training.globalBatch=8 | 1",
        // Full recomputation: each backward runs its forward again, named as a forward.
        "1F1B, full recomputation | workload.training.globalBatch=8;"
            + "workload.training.recomputation=full | 1",
        // Interleaved: two chunks per stage, 2 x 4 x 2 passes per stage.
        "interleaved | workload.training.globalBatch=8;"
            + "workload.training.parallelism.virtualStages=2 | 2",
      })
  void eachStageRunsItsScheduleInOrderWithoutOverlap(String what, String sets, int chunks) {
    List<String> edits = new ArrayList<>(List.of("report=[json]"));
    edits.addAll(List.of(sets.split(";")));
    Scenario s =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(Path.of("examples", "llama-3.1-70b-64-h100.yaml"), edits);
    TrainingResult t = (TrainingResult) ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL).workload();
    int p = 4;
    int m = t.microBatches();
    assertEquals(p, t.pipeline().size(), what + ": one lane per stage");
    for (TrainingResult.StagePasses stage : t.pipeline()) {
      List<TrainingResult.Pass> passes = stage.passes();
      assertEquals(2 * m * chunks, passes.size(), what + ": 2 x m x v passes");
      for (int i = 1; i < passes.size(); i++) {
        assertTrue(
            passes.get(i).startPicos() >= passes.get(i - 1).endPicos(),
            what + ": stage " + stage.stage() + " pass " + i + " overlaps the one before");
      }
      if (chunks == 1) {
        assertEquals(order(stage.stage(), p, m), describe(passes), what + ": 1F1B order");
      }
    }
    if (chunks == 1) {
      // Micro-batch 0's forward reaches stage s + 1 only after it left stage s.
      for (int s1 = 1; s1 < p; s1++) {
        assertTrue(
            forward0(t, s1).startPicos() >= forward0(t, s1 - 1).endPicos(),
            what + ": stage " + s1 + " starts mb0 before stage " + (s1 - 1) + " sent it");
      }
    }
  }

  private static TrainingResult.Pass forward0(TrainingResult t, int stage) {
    return t.pipeline().get(stage).passes().stream()
        .filter(x -> x.direction() == TrainingResult.Direction.FORWARD && x.microBatch() == 0)
        .findFirst()
        .orElseThrow();
  }

  /** 1F1B on stage s of p with m micro-batches: "F0 F1 B0 ...". */
  private static String order(int s, int p, int m) {
    List<String> units = new ArrayList<>();
    int warmup = Math.min(p - s - 1, m);
    int f = 0;
    int b = 0;
    for (; f < warmup; f++) {
      units.add("F" + f);
    }
    while (f < m) {
      units.add("F" + f++);
      units.add("B" + b++);
    }
    while (b < m) {
      units.add("B" + b++);
    }
    return String.join(" ", units);
  }

  private static String describe(List<TrainingResult.Pass> passes) {
    List<String> units = new ArrayList<>();
    for (TrainingResult.Pass x : passes) {
      units.add((x.direction() == TrainingResult.Direction.FORWARD ? "F" : "B") + x.microBatch());
    }
    return String.join(" ", units);
  }
}
