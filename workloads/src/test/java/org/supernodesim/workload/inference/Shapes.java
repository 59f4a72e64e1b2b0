package org.supernodesim.workload.inference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.transformer.Activation;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.MultiHeadLatentAttention;
import org.supernodesim.model.transformer.NormKind;
import org.supernodesim.model.transformer.PositionEncoding;
import org.supernodesim.model.transformer.Router;
import org.supernodesim.model.transformer.RouterScoring;
import org.supernodesim.model.transformer.TransformerSpec;

/** Model shapes and chips for the tests, with their figures written out. */
final class Shapes {
  private Shapes() {}

  /** Llama-3.1 8B (config.json of meta-llama/Llama-3.1-8B): h 4096, 32 layers, GQA 32/8. */
  static TransformerSpec llama8b() {
    return new TransformerSpec("llama-3.1-8b", 128_256, 4096, 32, new PositionEncoding.Rope(5e5),
        NormKind.RMS_NORM, new GroupedQueryAttention(32, 8, 128, false, false, false),
        new FfnLayout.AllDense(new DenseFfn(new Mlp(14_336, Activation.SWIGLU, false))), false, 0,
        List.of());
  }

  /** A small MoE of 64 experts, top-4, on the 8B's attention: for the expert arithmetic. */
  static TransformerSpec smallMoe() {
    MoeFfn moe = new MoeFfn(64, 4, new Mlp(1024, Activation.SWIGLU, false), 0, Optional.empty(),
        Router.ungrouped(RouterScoring.SOFTMAX, false));
    return new TransformerSpec("small-moe", 32_000, 4096, 8, new PositionEncoding.Rope(1e4),
        NormKind.RMS_NORM, new GroupedQueryAttention(32, 8, 128, false, false, false),
        FfnLayout.MoeAfterDense.allMoe(moe), false, 0, List.of());
  }

  /**
   * DeepSeek-V3 (config.json of deepseek-ai/DeepSeek-V3; arXiv 2412.19437 §4.2): h 7168, 61
   * layers of which the first 3 dense (FFN 18,432), MLA of 128 heads (q latent 1536, KV latent
   * 512, nope 128, rope 64, v 128), 256 routed experts of width 2048 top-8 in 8 groups (top 4)
   * plus 1 shared, vocabulary 129,280, one MTP module.
   */
  static TransformerSpec deepseekV3() {
    MoeFfn moe = new MoeFfn(256, 8, new Mlp(2048, Activation.SWIGLU, false), 1,
        Optional.of(new Mlp(2048, Activation.SWIGLU, false)),
        new Router(RouterScoring.SIGMOID, true, 8, 4));
    return new TransformerSpec("deepseek-v3", 129_280, 7168, 61, new PositionEncoding.Rope(1e4),
        NormKind.RMS_NORM, new MultiHeadLatentAttention(128, 1536, 512, 128, 64, 128),
        new FfnLayout.MoeAfterDense(3,
            Optional.of(new DenseFfn(new Mlp(18_432, Activation.SWIGLU, false))), moe),
        false, 1, List.of());
  }

  /** NVIDIA H20 as the catalog has it (reported): 148 TFLOPS BF16, 296 FP8, 4.0 TB/s, 96 GB. */
  static ChipSpec h20() {
    return new ChipSpec("nvidia-h20", "NVIDIA H20", Map.of(
        ChipFigure.BF16_DENSE_FLOPS, known(1.48e14),
        ChipFigure.FP8_DENSE_FLOPS, known(2.96e14),
        ChipFigure.HBM_BANDWIDTH, known(4.0e12),
        ChipFigure.HBM_CAPACITY, known(9.6e10)));
  }

  private static Figure known(double value) {
    return new Figure.Known(value, Confidence.REPORTED, "catalog chips/nvidia-h20.yaml");
  }
}
