package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.Activation;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.Router;
import org.supernodesim.model.transformer.RouterScoring;
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
    StageMemory m = new MemoryModel(job).of(0, new StageParameters(params, 0), 1, 0);
    assertEquals(2 * params, m.weightsBytes(), 1e-3, "bf16 weights");
    assertEquals(4 * params, m.gradientBytes(), 1e-3, "fp32 gradients");
    assertEquals(12 * params / 8, m.optimizerBytes(), 1e-3, "Adam states over dp = 8");
  }

  @Test
  void normsActivationRecomputationDropsNormOutputsAndTheGeluOutput() {
    // 34h less the attention's input 2h, the MLP's input 2h and the GELU output 2·4h = 22h, the
    // unfused scores 5·a·s still kept (tp = 1).
    TrainingJob job = Gpt.job(GPT_18B, Gpt.layout(1, 1, 1), 1, Recomputation.NORMS_AND_ACTIVATION);
    double s = 2048;
    double h = 6144;
    double expected = s * h * (22 + 5 * 48 * s / h);
    assertEquals(expected, new MemoryModel(job).layerActivationBytes(GPT_18B.ffnOfLayer(0)),
        expected * 1e-12, "22·s·h + 5·a·s²");
  }

  @Test
  void deepSeekStorageOfAMoeLayerByHand() {
    // A DeepSeek-V3 MoE layer (h 7168, 8 of 256 routed experts and 1 shared, SwiGLU width 2048),
    // fused attention, per token. Korthikanti in bf16: 10h outside + 5h attention + shared
    // (2h + 6w + h) + routed 8·(2h + 6w) + h = 35h + 54w. DeepSeek (§3.2.3, §3.3.4): norms and
    // SwiGLU recomputed, fp8 cache, attention output projection input in E5M6 (1.5 bytes):
    // 8h outside + (3h + 1.5h) + shared (0 + 2w + 0 + h) + routed 8·(h + 2w) + h = 22.5h + 18w.
    double h = 7168;
    double w = 2048;
    TransformerSpec model = Gpt.of(4, 7168, 56);
    MoeFfn moe = new MoeFfn(256, 8, new Mlp(2048, Activation.SWIGLU, false), 1,
        Optional.of(new Mlp(2048, Activation.SWIGLU, false)),
        Router.ungrouped(RouterScoring.SOFTMAX, false));
    TrainingJob bf16 = new TrainingJob(model, Gpt.layout(1, 1, 1), 0, 4096, 1, 1,
        Recomputation.NONE, Precision.FP8, true, true, 1, 2, 1, List.of());
    assertEquals(4096 * (35 * h + 54 * w), new MemoryModel(bf16).layerActivationBytes(moe),
        1e-3, "bf16, nothing recomputed");
    TrainingJob deepSeek = new TrainingJob(model, Gpt.layout(1, 1, 1), 0, 4096, 1, 1,
        Recomputation.NORMS_AND_ACTIVATION, Precision.FP8, true, true, 1, 2, 1, List.of(),
        ActivationStorage.FP8, 2);
    assertEquals(4096 * (22.5 * h + 18 * w), new MemoryModel(deepSeek).layerActivationBytes(moe),
        1e-3, "fp8 cache, norms and SwiGLU recomputed");
  }

  @Test
  void bf16MomentsMakeAdamEightBytesPerParameter() {
    // fp32 master weights 4 + bf16 momentum 2 + bf16 variance 2, ZeRO-1 over dp = 8.
    TrainingJob job = new TrainingJob(GPT_18B, Gpt.layout(1, 1, 8), 1, 2048, 8, 1,
        Recomputation.FULL, Precision.BF16, false, true, 1, 2, 1, List.of(),
        ActivationStorage.BF16, 2);
    double params = 1e9;
    StageMemory m = new MemoryModel(job).of(0, new StageParameters(params, 0), 1, 0);
    assertEquals(8 * params / 8, m.optimizerBytes(), 1e-3, "8 bytes over dp = 8");
    assertEquals(4 * params, m.gradientBytes(), 1e-3, "gradients stay fp32");
  }

  @Test
  void fp8ActivationStorageNeedsFp8Gemms() {
    LayoutException e = assertThrows(LayoutException.class, () -> new TrainingJob(GPT_18B,
        Gpt.layout(1, 1, 1), 0, 2048, 1, 1, Recomputation.NONE, Precision.BF16, true, true, 1,
        2, 1, List.of(), ActivationStorage.FP8, 4));
    assertEquals(LayoutException.Parameter.ACTIVATION_STORAGE, e.parameter());
  }
}
