package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.transformer.TransformerSpec;

/** Activation and model-state bytes against Korthikanti et al. (MLSys 2023) and ZeRO (SC'20). */
class MemoryModelTest {
  private static final TransformerSpec GPT_18B = Gpt.of(40, 6144, 48);

  @Test
  void gptLayerKeepsSbhTimes34PlusFiveAsOverHWithoutRecomputation() {
    // Korthikanti eq. 1: s·b·h·(34 + 5·a·s/h) bytes per layer, tp = 1, no recomputation.
    TrainingJob job = Gpt.job(GPT_18B, Gpt.layout(1, 1, 1), 1, Recomputation.NONE);
    double s = 2048;
    double h = 6144;
    double a = 48;
    double expected = s * h * (34 + 5 * a * s / h);
    double actual = new MemoryModel(job).layerActivationBytes(GPT_18B.ffnOfLayer(0));
    assertEquals(expected, actual, expected * 1e-12, "eq. 1 exactly");
  }

  @Test
  void tensorParallelismSplitsAllButTenSbhUnlessSequenceParallel() {
    // Eq. 2: s·b·h·(10 + 24/t + 5·a·s/(h·t)); with sequence parallelism everything over t.
    double s = 2048;
    double h = 6144;
    double a = 48;
    int t = 8;
    TrainingJob tp = Gpt.job(GPT_18B, Gpt.layout(t, 1, 1), 1, Recomputation.NONE);
    double eq2 = s * h * (10 + 24.0 / t + 5 * a * s / (h * t));
    assertEquals(eq2, new MemoryModel(tp).layerActivationBytes(GPT_18B.ffnOfLayer(0)),
        eq2 * 1e-12, "eq. 2");
    TrainingJob sp = new TrainingJob(GPT_18B, new Parallelism(t, 1, 1, 1, 1, 1, true), 0, 2048, 1,
        1, Recomputation.NONE, org.supernodesim.model.chip.Precision.BF16, false, true, 1, 2, 1,
        java.util.List.of());
    double eq4 = s * h / t * (34 + 5 * a * s / h);
    assertEquals(eq4, new MemoryModel(sp).layerActivationBytes(GPT_18B.ffnOfLayer(0)),
        eq4 * 1e-12, "§4.2.2: with sequence parallelism everything is split");
  }

  @Test
  void fullRecomputationKeepsOnlyEachLayersInput() {
    TrainingJob job = Gpt.job(GPT_18B, Gpt.layout(1, 1, 1), 1, Recomputation.FULL);
    assertEquals(2.0 * 2048 * 6144,
        new MemoryModel(job).layerActivationBytes(GPT_18B.ffnOfLayer(0)), 1e-3, "2·s·b·h");
  }

  @Test
  void zeroOneShardsTwelveOfEighteenBytesPerParameterOverDp() {
    // ZeRO §3: weights 2, fp32 gradients 4, Adam states 12 bytes per parameter; ZeRO-1 shards
    // the 12 over dp.
    TrainingJob job = new TrainingJob(GPT_18B, Gpt.layout(1, 1, 8), 1, 2048, 8, 1,
        Recomputation.FULL, org.supernodesim.model.chip.Precision.BF16, false, true, 1, 2, 1,
        java.util.List.of());
    double params = 1e9;
    StageMemory m = new MemoryModel(job).of(0, new StageParameters(params, 0), 0, 0);
    assertEquals(2 * params, m.weightsBytes(), 1e-3, "bf16 weights");
    assertEquals(4 * params, m.gradientBytes(), 1e-3, "fp32 gradients");
    assertEquals(12 * params / 8, m.optimizerBytes(), 1e-3, "Adam states over dp = 8");
  }
}
