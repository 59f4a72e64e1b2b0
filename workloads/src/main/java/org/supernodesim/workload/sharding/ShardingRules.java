package org.supernodesim.workload.sharding;

import java.util.Optional;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * How far a transformer can be cut, the same for a training step and a serving instance: tensor
 * parallelism splits whole attention heads (and whole KV heads, when there are at least as many as
 * ranks; fewer are replicated, as Megatron-LM and vLLM do), expert parallelism whole routed
 * experts. Each rule answers with the problem in words, or nothing when the cut is possible.
 */
public final class ShardingRules {
  private ShardingRules() {}

  /** Why {@code tp} ranks cannot split {@code model}'s attention, if they cannot. */
  public static Optional<String> tensorParallel(TransformerSpec model, int tp) {
    int heads = model.attention().heads();
    if (heads % tp != 0) {
      return Optional.of(
          tp + " does not divide the " + heads + " attention heads of " + model.id());
    }
    if (model.attention() instanceof GroupedQueryAttention g
        && g.kvHeads() >= tp
        && g.kvHeads() % tp != 0) {
      return Optional.of(tp + " does not divide the " + g.kvHeads() + " KV heads of " + model.id());
    }
    return Optional.empty();
  }

  /** Why {@code ep} ranks cannot split {@code model}'s routed experts, if they cannot. */
  public static Optional<String> expertParallel(TransformerSpec model, int ep) {
    if (model.ffn() instanceof FfnLayout.MoeAfterDense l) {
      int experts = l.moe().routedExperts();
      return experts % ep == 0
          ? Optional.empty()
          : Optional.of(
              ep + " does not divide the " + experts + " routed experts of " + model.id());
    }
    return ep == 1
        ? Optional.empty()
        : Optional.of(ep + "; " + model.id() + " is dense, so expert parallelism must be 1");
  }
}
