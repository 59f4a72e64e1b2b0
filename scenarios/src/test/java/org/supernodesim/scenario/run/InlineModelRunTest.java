package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/** A model written into the scenario runs end to end, and its result names its parameters. */
class InlineModelRunTest {

  @Test
  void theInlineExampleRunsAndReportsItsCountedParameters() {
    Scenario scenario = new ScenarioLoader(Catalog.standard()::chip)
        .load(Path.of("examples/training/inline-model-16-h100.yaml"), List.of());

    TrainingResult t = Kinds.training(ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL));

    assertEquals("my-3b", t.model());
    // Dense: 3,212,749,824 counted from the shape (ModelSourcesTest derives it), all active.
    assertEquals(3_212_749_824L, t.parameters());
    assertEquals(t.parameters(), t.activeParameters());
    assertTrue(t.stepSeconds() > 0 && t.fits(), "a step that ran and fits: " + t);
    // 6·N·tokens is the model FLOPs without attention: the reported rate must exceed it per
    // chip-second (attention adds), and stay below the H100's dense BF16 peak.
    double sixNd = 6.0 * t.parameters() * t.tokensPerSecond() / t.chips() / 1e12;
    assertTrue(t.modelTflopsPerChip() > sixNd && t.modelTflopsPerChip() < 989,
        t.modelTflopsPerChip() + " TFLOP/s vs 6ND " + sixNd);
  }
}
