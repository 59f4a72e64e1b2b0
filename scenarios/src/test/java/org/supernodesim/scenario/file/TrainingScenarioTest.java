package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.training.ActivationStorage;
import org.supernodesim.workload.training.Recomputation;
import org.supernodesim.workload.training.Schedule;
import org.supernodesim.workload.training.TrainingJob;

/** Loading DeepSeek-V3's memory settings from {@code workload.training}, and their errors. */
class TrainingScenarioTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path H800 = Path.of("examples/training/deepseek-v3-2048-h800.yaml");

  @Test
  void theH800ExampleUsesDeepSeeksPublishedSettings() {
    TrainingJob job = Kinds.training(LOADER.load(H800, List.of()));

    assertEquals(Recomputation.NORMS_AND_ACTIVATION, job.recomputation());
    assertEquals(ActivationStorage.FP8, job.activationStorage());
    assertEquals(2, job.optimizerMomentBytes(), "bf16 Adam moments");
    assertEquals(Schedule.DUALPIPE, job.schedule(), "DeepSeek's DualPipe (§3.2.1)");
    assertTrue(job.overlapForwardBackward(), "its chunk pairs overlapped, by default");
  }

  @Test
  void anUnknownOptimizerStatePrecisionNamesItsKeyAndTheValidValues() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(H800,
        List.of("workload.training.optimizerStatePrecision=fp16")));

    assertEquals("workload.training.optimizerStatePrecision", e.keyPath());
    assertTrue(e.problem().contains("valid: fp32, bf16"), e.getMessage());
  }

  @Test
  void fp8ActivationsWithBf16GemmsAreRefused() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(H800,
        List.of("workload.training.precision=bf16")));

    assertEquals("workload.training.activationPrecision", e.keyPath());
    assertTrue(e.problem().contains("needs fp8 GEMMs (they are bf16)"), e.getMessage());
  }
}
