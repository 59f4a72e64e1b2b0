package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.transformer.Attention;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.MultiHeadLatentAttention;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Kernel;

/**
 * The cost of one forward step of a serving instance, per chip: the one place where serving asks
 * the compute cost model for durations, so a calibrated {@link ComputeCostModel} reaches serving
 * without another change.
 *
 * <p>Per layer and chip, three kinds of kernel, each at the chip's calibrated roofline
 * (max(flops / (peak x the calibration's efficiency for the kernel's kind and its weight shard's
 * size), bytes / (HBM bandwidth x its achievable fraction))): the projections (attention
 * weights / tp, read once per step);
 * attention itself (the KV cache of every request's context, read once per step, and the score and
 * context FLOPs of every new token); the FFN (dense: weights / tp; MoE: the routed experts a step's
 * tokens reach, E/ep per chip, of which a step of T tokens touches the fraction 1 - (1 - k/E)^T
 * under uniform routing, plus the shared experts / tp). Decode therefore costs about weights plus
 * KV over HBM bandwidth; prefill about 2 x active parameters x tokens over the peak rate.
 *
 * <p>Communication is added, not overlapped: two ring all-reduces of the activations per layer
 * when tp > 1 (2(n-1)/n·S/B + 2(n-1)·α), an all-to-all dispatch and combine per MoE layer when
 * ep > 1 (each chip sends its tokens' (ep-1)/ep remote share over its link), and one send per
 * stage boundary when pp > 1. One batch is in flight (pipeline stages do not overlap batches),
 * the conservative bound. Tokens spread evenly over the DP attention groups.
 *
 * <p>MLA (DeepSeek-V2/V3) caches the 576-element latent per token and layer, replicated on every
 * TP rank; decode uses the absorbed form (W^UK folded into the query, W^UV into the output,
 * DeepSeek-V2 §2.1.2), whose attention costs 2·n·(r_kv + d_r) + 2·n·r_kv FLOPs per key.
 */
public final class StepCostModel {
  /** Activations cross the fabric in BF16. */
  static final int ACTIVATION_BYTES = 2;

  private final TransformerSpec model;
  private final InstanceLayout layout;
  private final Precision weights;
  private final Precision kvCache;
  private final Precision attentionPrecision;
  private final ComputeCostModel compute;
  private final LinkSpec link;

  /**
   * @param model the transformer
   * @param layout the instance's parallelism
   * @param weights precision weights are stored and multiplied in (FP8/INT8 need the chip's rate)
   * @param kvCache precision of the KV cache (its bytes per element)
   * @param compute the chip's compute cost model
   * @param link what one chip's collectives see: bandwidth per direction and latency per step;
   *     null for a one-chip instance, which has none
   */
  public StepCostModel(
      TransformerSpec model, InstanceLayout layout, Precision weights, Precision kvCache,
      ComputeCostModel compute, LinkSpec link) {
    this.model = model;
    this.layout = layout;
    this.weights = weights;
    this.kvCache = kvCache;
    this.attentionPrecision =
        weights == Precision.FP16 || weights == Precision.BF16 ? weights : Precision.BF16;
    this.compute = compute;
    this.link = link;
    if (link == null && layout.chips() > 1) {
      throw new IllegalArgumentException("an instance of " + layout.chips() + " chips needs the"
          + " link its chips communicate over");
    }
    if (!(model.ffn() instanceof org.supernodesim.model.transformer.FfnLayout.MoeAfterDense)
        && layout.ep() > 1) {
      throw new IllegalArgumentException(model.id() + " is dense; ep must be 1, not "
          + layout.ep());
    }
  }

  public TransformerSpec model() {
    return model;
  }

  public InstanceLayout layout() {
    return layout;
  }

  /** The duration of one step and what it cost each chip. */
  public StepCost step(Batch batch) {
    if (batch.tokens() == 0) {
      return new StepCost(0, 0, 0, 0, 0);
    }
    double groupTokens = batch.tokens() / (double) layout.dpAttention();
    double tp = layout.tp();
    Attention attention = model.attention();
    long h = model.hiddenSize();
    int wb = weights.bytesPerElement();

    Part projections = new Part(Kernel.Kind.MATMUL,
        2.0 * attention.projectionWeights(h) * groupTokens / tp,
        (double) attention.projectionWeights(h) * wb / tp,
        shard(attention.projectionWeights(h) / h / layout.tp()), weights);
    double kvElements = attention.kvCacheElementsPerToken() * (double) kvCache.bytesPerElement()
        / kvSplit();
    double newKv = groupTokens * kvElements;
    Part core = new Part(Kernel.Kind.FUSED_ATTENTION,
        attentionFlopsPerKey() * (batch.attendedTokens() / (double) layout.dpAttention()) / tp,
        batch.kvTokensRead() / (double) layout.dpAttention() * kvElements + newKv,
        headDimension(), attentionPrecision);

    long total = 0;
    double flops = 0;
    double weightBytes = 0;
    double kvBytes = 0;
    long communication = 0;
    for (int kind = 0; kind < 2; kind++) {
      int layers = kind == 0 ? model.denseLayers() : model.moeLayers();
      if (layers == 0) {
        continue;
      }
      FeedForward ffn = model.ffnOfLayer(kind == 0 ? 0 : model.layers() - 1);
      List<Part> parts = new ArrayList<>(List.of(projections, core));
      parts.addAll(ffnParts(ffn, batch.tokens(), groupTokens));
      long layerPicos = 0;
      for (Part p : parts) {
        layerPicos += p.picos(compute);
        flops += layers * p.flops;
        weightBytes += p == core ? 0 : layers * p.bytes;
      }
      kvBytes += layers * core.bytes;
      long layerComm = tensorParallelPicos(groupTokens)
          + (ffn instanceof MoeFfn m ? expertParallelPicos(batch.tokens(), m) : 0);
      communication += layers * layerComm;
      total += layers * (layerPicos + layerComm);
    }
    // The output head: logits of the tokens that produce output.
    double logitRows = batch.logits() / (double) layout.dpAttention();
    Part head = new Part(Kernel.Kind.MATMUL,
        2.0 * model.vocabSize() * h * logitRows / tp,
        (double) model.vocabSize() * h * wb / tp, shard(model.vocabSize() / layout.tp()), weights);
    total += head.picos(compute);
    flops += head.flops;
    weightBytes += head.bytes;
    long pipeline = layout.pp() == 1
        ? 0 : (layout.pp() - 1) * transferPicos(groupTokens * h * ACTIVATION_BYTES);
    communication += pipeline;
    total += pipeline;
    return new StepCost(total, flops, weightBytes, kvBytes, communication);
  }

  /** Weights one chip holds, in bytes: its stage's layers and the embedding or head. */
  public double weightBytesPerChip() {
    long h = model.hiddenSize();
    double perLayerDense = 0;
    double perLayerMoe = 0;
    double attention = model.attention().parameters(h) / (double) layout.tp();
    double norms = 2.0 * model.normParameters();
    for (int kind = 0; kind < 2; kind++) {
      if ((kind == 0 ? model.denseLayers() : model.moeLayers()) == 0) {
        continue;
      }
      FeedForward ffn = model.ffnOfLayer(kind == 0 ? 0 : model.layers() - 1);
      double ffnParams = ffn instanceof MoeFfn m
          ? m.routerParameters(h) + m.sharedMlp().map(s -> s.parameters(h)).orElse(0L)
              / (double) layout.tp()
              + (double) m.routedExperts() / layout.ep() * m.routedExpert().parameters(h)
                  / layout.expertTensorParallel()
          : ffn.parameters(h) / (double) layout.tp();
      if (kind == 0) {
        perLayerDense = attention + norms + ffnParams;
      } else {
        perLayerMoe = attention + norms + ffnParams;
      }
    }
    // The densest stage: the most layers per stage, all of one kind if it has any MoE.
    int stageLayers = (model.layers() + layout.pp() - 1) / layout.pp();
    double layers = stageLayers * Math.max(perLayerDense, perLayerMoe);
    double table = (double) model.vocabSize() * h / layout.tp();
    double ends = layout.pp() == 1 ? 2 * table : table;
    return (layers + ends) * weights.bytesPerElement();
  }

  /** KV-cache bytes one token of context takes on one chip of its DP group. */
  public double kvBytesPerTokenPerChip() {
    int stageLayers = (model.layers() + layout.pp() - 1) / layout.pp();
    return stageLayers * model.attention().kvCacheElementsPerToken()
        * (double) kvCache.bytesPerElement() / kvSplit();
  }

  /** KV-cache bytes of one token over the whole model: what a prefill hands to a decode. */
  public long kvBytesPerToken() {
    return model.kvCacheElementsPerToken() * kvCache.bytesPerElement();
  }

  /**
   * Tokens of KV cache the instance holds: per chip, HBM x {@code usableFraction} less the
   * weights, over the KV bytes per token; times the DP attention groups (each group keeps the
   * KV of its own requests).
   *
   * @throws IllegalArgumentException if the weights leave no room, saying how much is missing
   */
  public long kvCapacityTokens(double hbmBytes, double usableFraction) {
    double free = hbmBytes * usableFraction - weightBytesPerChip();
    if (free <= kvBytesPerTokenPerChip()) {
      throw new IllegalArgumentException(String.format(
          "%s weights take %.1f GB per chip with tp=%d pp=%d ep=%d, leaving no KV cache in %.1f GB"
              + " x %.2f usable HBM; raise tp, pp or ep, or use smaller weights",
          model.id(), weightBytesPerChip() / 1e9, layout.tp(), layout.pp(), layout.ep(),
          hbmBytes / 1e9, usableFraction));
    }
    return (long) (free / kvBytesPerTokenPerChip()) * layout.dpAttention();
  }

  /** How many TP ranks split a token's KV: GQA splits KV heads (up to their count), MLA none. */
  private int kvSplit() {
    if (model.attention() instanceof GroupedQueryAttention g) {
      return Math.min(layout.tp(), g.kvHeads());
    }
    return 1;
  }

  private double attentionFlopsPerKey() {
    if (model.attention() instanceof MultiHeadLatentAttention m) {
      return 2.0 * m.heads() * (m.kvLoraRank() + m.qkRopeHeadDim()) + 2.0 * m.heads()
          * m.kvLoraRank();
    }
    return model.attention().scoreAndContextFlopsPerAttendedToken();
  }

  /**
   * The size a GEMM's efficiency is read at: the smaller of the hidden width and the chip's shard
   * of the weight's other side. Not the token count: a step of few tokens is a GEMV-like kernel
   * whose limit is reading its weights, which the roofline's byte term already charges (inference
   * kernels tile small batches by 8-16 rows, not the 128 of a training GEMM); reading the
   * calibration's fall-off at m = 1..32 tokens would price decode as compute-bound at a few per
   * cent of peak, which no serving measurement shows.
   */
  private long shard(long width) {
    return Math.max(1, Math.min(model.hiddenSize(), width));
  }

  /** The FFN's GEMMs on one chip: a dense MLP, or a MoE layer's shared path, router and experts. */
  private List<Part> ffnParts(FeedForward ffn, long tokens, double groupTokens) {
    long h = model.hiddenSize();
    int wb = weights.bytesPerElement();
    double tp = layout.tp();
    if (ffn instanceof DenseFfn d) {
      return List.of(new Part(Kernel.Kind.MATMUL, 2.0 * d.mlp().weights(h) * groupTokens / tp,
          (double) d.mlp().weights(h) * wb / tp,
          shard(d.mlp().intermediateSize() / layout.tp()), weights));
    }
    MoeFfn m = (MoeFfn) ffn;
    long shared = m.sharedMlp().map(s -> s.weights(h)).orElse(0L) + m.routerParameters(h);
    double etp = layout.expertTensorParallel();
    long expert = m.routedExpert().weights(h);
    double assignmentsPerChip = (double) tokens * m.expertsPerToken() / layout.ep();
    double touched = 1 - Math.pow(1 - (double) m.expertsPerToken() / m.routedExperts(), tokens);
    double expertsPerChip = (double) m.routedExperts() / layout.ep();
    long sharedWidth =
        m.sharedMlp().map(x -> x.intermediateSize()).orElse((long) m.routedExperts());
    return List.of(
        new Part(Kernel.Kind.MATMUL, 2.0 * shared * groupTokens / tp, shared * wb / tp,
            shard(sharedWidth / layout.tp()), weights),
        new Part(Kernel.Kind.MATMUL, 2.0 * expert * assignmentsPerChip / etp,
            expertsPerChip * touched * expert / etp * wb,
            shard(m.routedExpert().intermediateSize() / layout.expertTensorParallel()), weights));
  }

  /** The head dimension attention kernels tile by: d (GQA), or the MLA latent's d_c. */
  private long headDimension() {
    if (model.attention() instanceof GroupedQueryAttention g) {
      return g.headDim();
    }
    return ((MultiHeadLatentAttention) model.attention()).kvLoraRank();
  }

  /** Two ring all-reduces of the group's activations per layer. */
  private long tensorParallelPicos(double groupTokens) {
    int n = layout.tp();
    if (n == 1) {
      return 0;
    }
    double bytes = groupTokens * model.hiddenSize() * ACTIVATION_BYTES;
    long one = Math.round(2.0 * (n - 1) / n * bytes / link.bytesPerSecond() * 1e12)
        + 2L * (n - 1) * link.latencyPicos();
    return 2 * one;
  }

  /** Dispatch and combine: each chip's tokens go to k experts, (ep-1)/ep of them remote. */
  private long expertParallelPicos(long tokens, MoeFfn m) {
    int ep = layout.ep();
    if (ep == 1) {
      return 0;
    }
    double tokensPerChip = tokens / (double) layout.stageChips();
    double bytes = tokensPerChip * m.expertsPerToken() * model.hiddenSize() * ACTIVATION_BYTES
        * (ep - 1) / ep;
    return 2 * transferPicos(bytes);
  }

  private long transferPicos(double bytes) {
    return link.latencyPicos() + Math.round(bytes / link.bytesPerSecond() * 1e12);
  }

  /** One kernel of a layer on one chip, at the calibrated roofline of its kind and shape. */
  private record Part(
      Kernel.Kind kind, double flops, double bytes, long dimension, Precision precision) {
    long picos(ComputeCostModel compute) {
      return Math.round(
          compute.seconds(new Kernel(kind, flops, bytes, dimension, precision)) * 1e12);
    }
  }
}
