package org.supernodesim.workload.training;

import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.Activation;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.NormKind;
import org.supernodesim.model.transformer.PositionEncoding;
import org.supernodesim.model.transformer.TransformerSpec;

/** GPT shapes as Megatron-LM SC'21 defines them (4h GELU MLP, MHA, tied head, V = 51,200). */
final class Gpt {
  private Gpt() {}

  static TransformerSpec of(int layers, int hidden, int heads) {
    return new TransformerSpec("gpt-" + layers + "x" + hidden, 51200, hidden, layers,
        new PositionEncoding.Learned(2048), NormKind.LAYER_NORM,
        GroupedQueryAttention.multiHead(heads, hidden / heads, true, true),
        new FfnLayout.AllDense(new DenseFfn(new Mlp(4L * hidden, Activation.GELU, true))), true,
        0, List.of());
  }

  static TrainingJob job(TransformerSpec model, Parallelism p, int globalBatch,
      Recomputation recomputation) {
    return new TrainingJob(model, p, 0, 2048, globalBatch, 1, recomputation, Precision.BF16,
        false, true, 80_000_000, 2, 1.0, List.of());
  }

  static Parallelism layout(int tp, int pp, int dp) {
    return new Parallelism(tp, pp, dp, 1, 1, 1, false);
  }
}
