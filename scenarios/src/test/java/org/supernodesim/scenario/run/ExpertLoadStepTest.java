package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * Per-rank expert loads in a training step: Mixtral 8x7B over the 8 H100 of one HGX node, ep 8
 * (every layer's dispatch and combine an 8-way all-to-all over NVLink), gradient reduction after
 * backward. Three loads of the same busiest rank: skewed (expertLoad 2, drawn per layer and rank
 * from the seed), padded (capacityFactor 2: every rank's buffer padded to twice the mean) and
 * uniform (1).
 */
class ExpertLoadStepTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);

  private static final String MOE =
      """
      name: moe-skew
      seed: 7
      cluster: { system: hgx-h100-8, nodes: 1 }
      workload:
        training:
          model: mixtral-8x7b
          parallelism: { tp: 1, pp: 1, ep: 8 }
          sequence: 4096
          globalBatch: 8
          overlapGradientReduce: false
          fidelity: chip
      network: { model: flow }
      """;

  private static RunResult run(String... sets) {
    Scenario s = LOADER.load("moe.yaml", MOE, List.of(sets), false);
    return ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL);
  }

  private static double step(String... sets) {
    return ((TrainingResult) run(sets).workload()).stepSeconds();
  }

  private static long bytesMoved(String... sets) {
    return ((TrainingResult) run(sets).workload()).network().bytesPerTier().get("scale-up");
  }

  private static final String SKEWED = "workload.training.expertLoad=2";
  private static final String PADDED = "workload.training.capacityFactor=2";
  private static final String STAGE = "workload.training.fidelity=stage";

  /**
   * On the flow model each all-to-all of the skewed step takes its busiest rank's closed form,
   * (n-1)/n x S_max / B (UnevenExpertAllToAllTest), which is the padded step's, every rank of
   * which moves S_max: the two agree within 0.5 %. So the skewed step is slower than the uniform
   * one by the closed-form difference the stage fidelity prices (every all-to-all at the busiest
   * rank's bytes, the expert GEMMs at the busiest rank's tokens), within 0.5 % of the step.
   */
  @Test
  void theBusiestRankSetsTheStepAndTheOthersCarryTheirOwnTokens() {
    double skewed = step(SKEWED);
    double padded = step(PADDED);
    double uniform = step();
    assertEquals(padded, skewed, 0.005 * padded, "skewed and padded: the same busiest rank");
    double closedForm = step(PADDED, STAGE) - step(STAGE);
    assertTrue(closedForm > 0.3 * uniform, "a load of 2 costs: " + closedForm);
    assertEquals(closedForm, skewed - uniform, 0.005 * padded,
        "skewed over uniform: the busiest rank's closed-form difference");
    // What crossed NVLink: the skewed ranks move the mean tokens, as the uniform ones; only the
    // padded ranks move twice the mean's all-to-all bytes.
    long mean = bytesMoved();
    assertEquals(mean, bytesMoved(SKEWED), 1e-6 * mean, "skewed: each rank its own tokens");
    assertTrue(bytesMoved(PADDED) > 1.5 * mean, "padded: every rank twice the mean");
  }

  /** The stage fidelity charges every expert rank the busiest rank's load: the same as padded. */
  @Test
  void stageModelsTheSameBusiestRank() {
    assertEquals(step(PADDED, STAGE), step(SKEWED, STAGE), 0.0);
    assertEquals(step(PADDED, STAGE),
        step("workload.training.expertLoads=[4, 2, 1, 1, 1, 1, 3, 3]", STAGE), 0.0,
        "per-expert loads whose busiest rank (ep 8: one expert each) carries 2x the mean");
  }

  /** Given per-expert loads are honoured at the chip fidelity: the busiest one's rank sets it. */
  @Test
  void perExpertLoadsAreHonoured() {
    double given = step("workload.training.expertLoads=[4, 2, 1, 1, 1, 1, 3, 3]");
    assertEquals(step(PADDED), given, 0.005 * given);
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> run("workload.training.expertLoads=[1, 2, 3]"));
    assertEquals("workload.training.expertLoads", e.keyPath());
    assertTrue(e.problem().contains("8 routed experts"), e.getMessage());
    ScenarioException both = assertThrows(ScenarioException.class,
        () -> run("workload.training.expertLoads=[1, 1, 1, 1, 1, 1, 1, 1]", SKEWED));
    assertTrue(both.problem().contains("not both"), both.getMessage());
  }

  /** Same seed: byte-identical result.json on every runtime and thread count. */
  @Test
  void drawnLoadsAreTheSameOnEveryRuntime() {
    Scenario s = LOADER.load("moe.yaml", MOE, List.of(SKEWED), false);
    String reference = JsonReport.toJson(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL)
        .withRun(null));
    List<RuntimeChoice> choices = new ArrayList<>();
    choices.add(RuntimeChoice.actors(2, 1));
    choices.add(RuntimeChoice.actors(3, 4));
    for (RuntimeChoice choice : choices) {
      assertEquals(reference, JsonReport.toJson(ScenarioRunner.run(s, choice).withRun(null)),
          "on " + choice);
    }
  }
}
