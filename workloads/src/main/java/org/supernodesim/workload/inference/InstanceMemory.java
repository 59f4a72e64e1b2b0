package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * What one chip of a serving instance holds: its weights layer by layer, a step's activations and
 * the KV cache, and so how many tokens of KV the instance keeps. {@link StepCostModel} prices the
 * time of a step; this its memory, with the same layout, precisions and expert placement.
 */
final class InstanceMemory {
  /**
   * Embedding, output head, norms and router gates stay in BF16 under 8-bit weights
   * (DeepSeek-V3 §3.3.1 keeps them in their original precision; its FP8 checkpoint ships them in
   * BF16).
   */
  static final int TABLE_BYTES = 2;

  private final TransformerSpec model;
  private final InstanceLayout layout;
  private final Precision weights;
  private final Precision kvCache;
  private final ServingOptions options;
  private final RankLoads rankLoads;
  private final double sharedRankShare;

  /**
   * @param rankLoads each EP rank's share of a step's token-to-expert assignments ({@link
   *     ExpertPlacement#rankLoads})
   * @param sharedRankShare one shared-expert rank's share of the EP group's tokens; 0: shared
   *     experts everywhere
   */
  InstanceMemory(TransformerSpec model, InstanceLayout layout, Precision weights,
      Precision kvCache, ServingOptions options, RankLoads rankLoads, double sharedRankShare) {
    this.model = model;
    this.layout = layout;
    this.weights = weights;
    this.kvCache = kvCache;
    this.options = options;
    this.rankLoads = rankLoads;
    this.sharedRankShare = sharedRankShare;
  }

  /**
   * Weights one chip holds, in bytes, layer by layer: its stage's layers (attention and dense
   * FFNs / tp; a MoE layer's router and shared experts / tp, and the routed expert slots of the
   * fullest EP rank, ceil((E + redundant) / ep), each split over the expert-TP chips), the
   * embedding on the first stage and the head on the last (BF16 under 8-bit weights), and the MTP
   * module on the last stage when speculative decoding runs it. The fullest stage counts.
   */
  double weightBytesPerChip() {
    return memory().weightBytes();
  }

  /** Weights, layer by layer, with the breakdown {@link ChipMemory} reports. */
  ChipMemory memory() {
    long h = model.hiddenSize();
    double tp = layout.tp();
    double wb = weights.bytes();
    int stageLayers = (model.layers() + layout.pp() - 1) / layout.pp();
    double best = -1;
    ChipMemory fullest = null;
    for (int s = 0; s < layout.pp(); s++) {
      double attention = 0;
      double dense = 0;
      double shared = 0;
      double experts = 0;
      double small = 0;
      int from = s * stageLayers;
      int to = Math.min(model.layers(), from + stageLayers);
      List<FeedForward> ffns = new ArrayList<>();
      for (int i = from; i < to; i++) {
        ffns.add(model.ffnOfLayer(i));
      }
      boolean last = s == layout.pp() - 1;
      if (last && options.speculation().drafts() > 0) {
        ffns.add(model.mtpFfn());
        attention += 2.0 * h * h * wb / tp;
        small += 3.0 * model.normParameters() * TABLE_BYTES;
      }
      for (FeedForward ffn : ffns) {
        attention += model.attention().projectionWeights(h) * (double) wb / tp;
        small += (model.attention().parameters(h) - model.attention().projectionWeights(h)
            + 2.0 * model.normParameters()) * TABLE_BYTES;
        if (ffn instanceof MoeFfn m) {
          small += m.routerParameters(h) * (double) TABLE_BYTES;
          double slots =
              Math.ceil(options.experts().slotsPerRank(m.routedExperts(), layout.ep()));
          long sharedParameters = m.sharedMlp().map(x -> x.parameters(h)).orElse(0L);
          long routedParameters = m.routedExpert().parameters(h);
          if (sharedRankShare > 0 && sharedParameters > routedParameters) {
            // The fullest rank holds shared-expert replicas, one copy a slot.
            shared += slots * sharedParameters * (double) wb;
          } else if (sharedRankShare > 0) {
            experts += slots * routedParameters * (double) wb;
          } else {
            shared += sharedParameters * (double) wb / tp;
            experts += slots * routedParameters * (double) wb / layout.expertTensorParallel();
          }
        } else {
          dense += ffn.parameters(h) * (double) wb / tp;
        }
      }
      double table = (double) model.vocabSize() * h * tableBytes() / tp;
      double tables = (s == 0 ? table : 0)
          + (last && !(model.tiedEmbeddings() && layout.pp() == 1) ? table : 0);
      ChipMemory m = new ChipMemory(attention, dense, shared, experts, tables, small);
      if (m.weightBytes() > best) {
        best = m.weightBytes();
        fullest = m;
      }
    }
    return fullest;
  }

  /**
   * Activation bytes one chip needs at the peak of a step of {@code tokenBudget} tokens: the
   * residual stream, a layer's widest intermediate (attention's query and output heads, the dense
   * FFN's gate and up, or the busiest EP rank's received tokens through its experts), and the
   * logits in FP32 of the step's rows (at most one per request of the batch). One layer's
   * buffers live at a time (inference frees them).
   *
   * @param tokenBudget the most tokens one step runs
   * @param maxBatch the most requests one step holds
   */
  double activationBytesPerChip(long tokenBudget, int maxBatch) {
    long h = model.hiddenSize();
    double groupTokens = tokenBudget / (double) layout.dpAttention();
    double widest = 0;
    for (int kind = 0; kind < 2; kind++) {
      if ((kind == 0 ? model.denseLayers() : model.moeLayers()) == 0) {
        continue;
      }
      FeedForward ffn = model.ffnOfLayer(kind == 0 ? 0 : model.layers() - 1);
      double width;
      if (ffn instanceof MoeFfn m) {
        double assignments = (double) tokenBudget * m.expertsPerToken();
        double received = assignments * rankLoads.busiestShare(assignments)
            / layout.expertTensorParallel();
        width = received * (h + 2.0 * m.routedExpert().intermediateSize()) / groupTokens;
        if (sharedRankShare > 0) {
          double replicaReceived = tokenBudget * sharedRankShare;
          long sharedWidth = m.sharedMlp().orElseThrow().intermediateSize();
          width = Math.max(width, replicaReceived * (h + 2.0 * sharedWidth) / groupTokens);
        }
      } else {
        width = 2.0 * ((DenseFfn) ffn).mlp().intermediateSize() / layout.tp();
      }
      widest = Math.max(widest, width);
    }
    double attentionWidth = (double) model.attention().projectionWeights(h) / h / layout.tp();
    widest = Math.max(widest, attentionWidth);
    double rows = Math.min(groupTokens, maxBatch / (double) layout.dpAttention());
    double logits = rows * model.vocabSize() / layout.tp() * 4;
    return groupTokens * (3.0 * h + widest) * StepCostModel.ACTIVATION_BYTES + logits;
  }

  /** KV-cache bytes one token of context takes on one chip of its DP group. */
  double kvBytesPerTokenPerChip() {
    int stageLayers = (model.layers() + layout.pp() - 1) / layout.pp();
    return stageLayers * model.attention().kvCacheElementsPerToken()
        * kvCache.bytes() / kvSplit();
  }

  /** KV-cache bytes of one token over the whole model: what a prefill hands to a decode. */
  long kvBytesPerToken() {
    return Math.round(model.kvCacheElementsPerToken() * kvCache.bytes());
  }

  /**
   * Tokens of KV cache the instance holds: per chip, HBM x {@code usableFraction} less the
   * weights and a step's activations, over the KV bytes per token; times the DP attention groups
   * (each group keeps the KV of its own requests).
   *
   * @param tokenBudget the most tokens one step runs (sizes the activations)
   * @param maxBatch the most requests one step holds (sizes the logits)
   * @throws IllegalArgumentException if the weights leave no room, saying how much is missing
   */
  long kvCapacityTokens(
      double hbmBytes, double usableFraction, long tokenBudget, int maxBatch) {
    double activations = activationBytesPerChip(tokenBudget, maxBatch);
    double free = hbmBytes * usableFraction - weightBytesPerChip() - activations;
    if (free <= kvBytesPerTokenPerChip()) {
      throw new IllegalArgumentException(String.format(
          "%s weights take %.1f GB and a step of %d tokens %.1f GB per chip with tp=%d pp=%d"
              + " ep=%d, leaving no KV cache in %.1f GB x %.2f usable HBM; raise tp, pp or ep,"
              + " lower the token budget, or use smaller weights",
          model.id(), weightBytesPerChip() / 1e9, tokenBudget, activations / 1e9, layout.tp(),
          layout.pp(), layout.ep(), hbmBytes / 1e9, usableFraction));
    }
    return (long) (free / kvBytesPerTokenPerChip()) * layout.dpAttention();
  }

  /** How many TP ranks split a token's KV: GQA splits KV heads (up to their count), MLA none. */
  int kvSplit() {
    if (model.attention() instanceof GroupedQueryAttention g) {
      return Math.min(layout.tp(), g.kvHeads());
    }
    return 1;
  }

  /** Bytes an element of the embedding, head, norms and router takes: BF16 under 8-bit weights. */
  double tableBytes() {
    return Math.max(TABLE_BYTES, weights.bytes());
  }
}
