package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.transformer.Attention;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.MultiHeadLatentAttention;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.inference.CommunicationDemand.Collective;
import org.supernodesim.workload.inference.CommunicationDemand.RankGroup;

/**
 * The cost of one forward step of a serving instance, per chip: the one place where serving asks
 * the compute cost model for durations, so a calibrated {@link ComputeCostModel} reaches serving
 * without another change.
 *
 * <p>Per layer and chip, three kinds of kernel, each at the chip's calibrated roofline
 * (max(flops / (peak x the calibration's efficiency for the kernel's kind and its weight shard's
 * size), bytes / (HBM bandwidth x its achievable fraction))): the projections (attention weights /
 * tp, read once per step); attention itself (the KV cache of every request's context, read once
 * per step, and the score and context FLOPs of every new token); the FFN (dense: weights / tp;
 * MoE: the shared experts and router / tp, and the routed experts of the busiest EP rank: its
 * share of the micro-batch's token-to-expert assignments, {@link RankLoads#shares} (the expected
 * shares of {@link ExpertPlacement#rankShares}, plus the busiest rank's excess from the finite
 * draw of the micro-batch's assignments unless {@code sampling} is none), and its expert slots,
 * of which a step of T tokens touches the fraction 1 - (1 - k/E)^T). The busiest rank sets each
 * MoE layer's time; the same shares size what each rank receives in the dispatch and combine.
 * Decode therefore costs about weights plus KV over HBM bandwidth; prefill about 2 x active
 * parameters x tokens over the peak rate.
 *
 * <p>Communication is not priced here: a step lists its {@link CommunicationDemand}s (two TP
 * all-reduces per layer when tp > 1; an EP dispatch and combine per MoE layer when ep > 1, each
 * rank receiving its share of the tokens' k copies less its own tokens' local share, (ep-1)/ep,
 * in the options' wire precisions; a send per stage boundary when pp > 1) and the model's {@link
 * CommunicationPricer} prices them; the {@link Overlap} combines the two. With two-batch overlap
 * each micro-batch's kernels and collectives are priced on its own half of the batch. Tokens
 * spread evenly over the DP attention groups.
 *
 * <p>MLA (DeepSeek-V2/V3) caches the 576-element latent per token and layer, replicated on every
 * TP rank. A step that only decodes uses the absorbed form (W^UK folded into the query, W^UV into
 * the output, DeepSeek-V2 §2.1.2): 2·n·(r_kv + d_r) + 2·n·r_kv FLOPs per key, 278,528 for
 * DeepSeek-V3. A step with prefill tokens uses the prefill form, per-head keys and values
 * expanded from the latent: 2·n·(d_n + d_r) + 2·n·d_v per key, 81,920, plus the expansion of
 * every cached key it reads (2·r_kv·n·(d_n + d_v)); SGLang picks the kernel per batch the same
 * way (MHA for extend batches, absorbed MLA for decode batches).
 */
public final class StepCostModel {
  /** Activations cross the fabric in BF16 unless the options say otherwise. */
  static final int ACTIVATION_BYTES = 2;

  private static final int TABLE_BYTES = InstanceMemory.TABLE_BYTES;

  private final TransformerSpec model;
  private final InstanceLayout layout;
  private final Precision weights;
  private final Precision kvCache;
  private final Precision attentionPrecision;
  private final ComputeCostModel compute;
  private final CommunicationPricer pricer;
  private final ServingOptions options;
  /** Each EP rank's share of a MoE layer's assignments, expected and at a step's draw. */
  private final RankLoads rankLoads;
  /** One shared-expert rank's share of all the EP group's tokens; 0: shared experts everywhere. */
  private final double sharedRankShare;
  private final NonGemmKernels nonGemm;
  private final InstanceMemory memory;

  /**
   * A plain instance whose collectives are priced on one link per chip ({@link OneLinkPricer}).
   *
   * @param link what one chip's collectives see; null for a one-chip instance, which has none
   */
  public StepCostModel(
      TransformerSpec model, InstanceLayout layout, Precision weights, Precision kvCache,
      ComputeCostModel compute, LinkSpec link) {
    this(model, layout, weights, kvCache, compute, link == null ? null : new OneLinkPricer(link),
        ServingOptions.plain(), 0);
  }

  /**
   * @param model the transformer
   * @param layout the instance's parallelism
   * @param weights precision weights are stored and multiplied in (FP8/INT8 need the chip's rate)
   * @param kvCache precision of the KV cache (its bytes per element)
   * @param compute the chip's compute cost model
   * @param pricer prices the step's collectives; null for a one-chip instance, which has none
   * @param options overlap, speculative decoding, expert load and wire precisions
   * @param seed draws a skewed expert load (nothing else is random)
   */
  public StepCostModel(
      TransformerSpec model, InstanceLayout layout, Precision weights, Precision kvCache,
      ComputeCostModel compute, CommunicationPricer pricer, ServingOptions options, long seed) {
    this.model = model;
    this.layout = layout;
    this.weights = weights;
    this.kvCache = kvCache;
    this.attentionPrecision =
        weights == Precision.FP16 || weights == Precision.BF16 ? weights : Precision.BF16;
    this.compute = compute;
    this.pricer = pricer;
    this.options = options;
    this.nonGemm = new NonGemmKernels(model, layout, weights, options);
    if (pricer == null && layout.chips() > 1) {
      throw new IllegalArgumentException("an instance of " + layout.chips() + " chips needs the"
          + " pricer of its collectives");
    }
    if (!(model.ffn() instanceof FfnLayout.MoeAfterDense moe)) {
      if (layout.ep() > 1) {
        throw new IllegalArgumentException(model.id() + " is dense; ep must be 1, not "
            + layout.ep());
      }
      this.rankLoads = RankLoads.even(1);
      this.sharedRankShare = 0;
    } else {
      ExpertPlacement placement = options.experts();
      int experts = moe.moe().routedExperts();
      if (placement.sharedReplicas() > 0) {
        checkSharedReplicas(moe.moe());
      }
      placement.sharedReplicaProblem(experts, layout.ep()).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      this.rankLoads =
          placement.rankLoads(experts, layout.ep(), model.moeLayers(), seed);
      this.sharedRankShare = placement.sharedRankShare(experts, layout.ep());
    }
    this.memory = new InstanceMemory(model, layout, weights, kvCache, options, rankLoads,
        sharedRankShare);
    if (options.allToAll() == EpAllToAll.DEEPEP_NORMAL && layout.expertTensorParallel() > 1) {
      throw new IllegalArgumentException("deepep-normal sends whole tokens to whole experts; it"
          + " needs ep equal to the stage's " + layout.stageChips() + " chips, not "
          + layout.ep());
    }
    if (options.speculation().drafts() > 0 && model.mtpModules() == 0) {
      throw new IllegalArgumentException(model.id() + " has no multi-token-prediction module to"
          + " draft with");
    }
  }

  /**
   * Shared-expert replicas are whole experts on whole ranks that every token reaches by the
   * direct all-to-all: the model must have a shared expert, ep must cover the stage's chips (no
   * expert tensor parallelism), and the all-to-all must be direct (deepep-normal's forwarding
   * assumes k distinct slots drawn evenly, which an always-selected expert is not).
   */
  private void checkSharedReplicas(MoeFfn moe) {
    if (moe.sharedMlp().isEmpty()) {
      throw new IllegalArgumentException("shared-expert replicas: " + model.id()
          + " has no shared expert");
    }
    if (layout.ep() < 2 || layout.expertTensorParallel() > 1) {
      throw new IllegalArgumentException("shared-expert replicas sit on ranks of their own; they"
          + " need ep equal to the stage's " + layout.stageChips() + " chips, not "
          + layout.ep());
    }
    if (options.allToAll() != EpAllToAll.DIRECT) {
      throw new IllegalArgumentException("shared-expert replicas are priced with the direct"
          + " all-to-all (epAllToAll: direct), not " + options.allToAll());
    }
  }

  public TransformerSpec model() {
    return model;
  }

  public InstanceLayout layout() {
    return layout;
  }

  public ServingOptions options() {
    return options;
  }

  /**
   * The busiest EP rank's expected share of a MoE layer's assignments over the mean rank's (1:
   * even): what an infinite batch draws.
   */
  public double expertImbalance() {
    return rankLoads.busiestOverMean(0);
  }

  /**
   * The same at a micro-batch of {@code tokens} over the instance, the step's finite draw of
   * their assignments ({@link RankLoads}) included unless the placement's sampling is off.
   */
  public double expertImbalance(double tokens) {
    return rankLoads.busiestOverMean(tokens * expertsPerToken());
  }

  /** Whether a step's expert load is its finite draw or the expected shares. */
  public ExpertSampling expertSampling() {
    return rankLoads.sampling();
  }

  /** Routed experts a token selects (0 for a dense model). */
  private int expertsPerToken() {
    return model.ffn() instanceof FfnLayout.MoeAfterDense m ? m.moe().expertsPerToken() : 0;
  }

  /** Each EP rank's share of a micro-batch of {@code tokens}' assignments, busiest first. */
  private double[] rankShares(double tokens) {
    return rankLoads.shares(tokens * expertsPerToken());
  }

  /** The busiest EP rank's share of a micro-batch of {@code tokens}' assignments. */
  private double busiestShare(double tokens) {
    return rankLoads.busiestShare(tokens * expertsPerToken());
  }

  /** The duration of one step and what it cost each chip. */
  public StepCost step(Batch batch) {
    if (batch.tokens() == 0) {
      return StepCost.idle();
    }
    Speculation speculation = options.speculation();
    int k = speculation.drafts();
    boolean decodeOnly = batch.tokens() == batch.logits();
    // Each request that produces output verifies its k drafts with it: k + 1 tokens, attending
    // one more key each.
    double tokens = batch.tokens() + (double) k * batch.logits();
    double attended = decodeOnly
        ? (k + 1.0) * batch.attendedTokens() + batch.logits() * k * (k + 1) / 2.0
        : batch.attendedTokens() * tokens / batch.tokens();
    Load whole = new Load(tokens, attended, batch.kvTokensRead(), batch.logits(), !decodeOnly);
    int micro = options.overlap() == Overlap.TWO_BATCH ? 2 : 1;
    Load part = whole.split(micro);

    Work work = new Work();
    List<CommunicationDemand> demands = new ArrayList<>();
    for (int m = 0; m < micro; m++) {
      forward(part, work);
    }
    communication(part, model.layers(), micro, demands);
    // Two-batch overlap pipelines the sparse layers' all-to-alls stage by stage.
    Optional<StepCost.Pipelined> pipelined = Optional.empty();
    if (micro == 2 && model.moeLayers() > 0 && layout.ep() > 1) {
      int dispatch = 0;
      while (demands.get(dispatch).collective() != Collective.EP_DISPATCH) {
        dispatch++;
      }
      TwoBatchPipeline pipeline = pipeline(part, decodeOnly);
      // Prefill's GEMMs run beside DeepEP's normal kernels on the SMs those leave
      // (CommunicationSms); the pipeline's compute carries the loss, and so does the step's.
      work.picos += pipeline.computePicos() - pipeline(part, decodeOnly, 1).computePicos();
      pipelined = Optional.of(new StepCost.Pipelined(pipeline, dispatch, dispatch + 1));
    }
    if (k > 0) {
      // Drafting: k passes of one token per request after a decode, one pass over the new
      // tokens after a prefill; each pass is the MTP module's block and the shared head.
      int passes = decodeOnly ? k : 1;
      Load draft = decodeOnly
          ? new Load(batch.logits(), batch.attendedTokens(), batch.kvTokensRead(),
              batch.logits(), false)
          : new Load(batch.tokens(), batch.attendedTokens(), batch.kvTokensRead(),
              batch.logits(), true);
      for (int p = 0; p < passes; p++) {
        mtpModule(draft, work);
      }
      communication(draft, 1, passes, demands);
    }
    long[] prices = new long[demands.size()];
    long communicationPicos = 0;
    for (int i = 0; i < prices.length; i++) {
      prices[i] = pricer.picos(demands.get(i));
      communicationPicos += prices[i];
    }
    int stages = micro == 2 ? Math.max(1, model.moeLayers()) : 1;
    double perStep = decodeOnly ? speculation.tokensPerStep() : 1;
    return new StepCost(
        StepCost.duration(options.overlap(), work.picos, prices, stages, perStep, pipelined,
            demands),
        work.picos, work.nonGemmPicos, communicationPicos, demands, options.overlap(), stages,
        work.flops, work.weightBytes, work.kvBytes, work.nonGemmBytes, perStep, pipelined);
  }

  /**
   * One micro-batch's sparse layer cut as SGLang's strategy cuts it: attention's input
   * projections; its core (the attention kernel and the output projection, the projections'
   * share of heads x value width x hidden); the shared experts and router; the routed experts.
   */
  private TwoBatchPipeline pipeline(Load part, boolean decode) {
    return pipeline(part, decode, decode ? 1 : options.communicationSms().gemmShare());
  }

  /** The same with the GEMMs on {@code gemmShare} of the chip's SMs (attention on them all). */
  private TwoBatchPipeline pipeline(Load part, boolean decode, double gemmShare) {
    LayerParts p = layerParts(part, model.ffnOfLayer(model.layers() - 1));
    long projections = p.projections().picos(compute, gemmShare);
    long h = model.hiddenSize();
    long output = model.attention() instanceof MultiHeadLatentAttention m
        ? (long) m.heads() * m.vHeadDim() * h
        : (long) ((GroupedQueryAttention) model.attention()).heads()
            * ((GroupedQueryAttention) model.attention()).headDim() * h;
    // The output projection is the projections' last GEMM: its own time where each GEMM is priced
    // at its shape, its share of the weights where the part is priced as one.
    Part projectionsPart = p.projections();
    long outputPicos = compute.pricesEachGemm(weights)
        ? projectionsPart.gemm(projectionsPart.gemms().size() - 1).picos(compute, gemmShare)
        : Math.round(projections * (double) output / model.attention().projectionWeights(h));
    // The non-GEMM kernels run in the stage of the GEMMs beside them, at HBM's rate whatever
    // SMs the GEMMs are left.
    NonGemmKernels.LayerBytes b = p.nonGemm();
    NonGemmKernels.LayerKernels n = nonGemm.kernels(model.ffnOfLayer(model.layers() - 1));
    // The attention kernel is not capped as DeepGEMM is: it runs on every SM the all-to-all
    // leaves it while one runs, on all of them otherwise (TwoBatchPipeline).
    long attentionKernel = p.attention().picos(compute);
    // The absorbed form's W^UK runs with the projections before attention, W^UV after it.
    long absorbedQuery = p.absorbed().map(a -> a.query().picos(compute, gemmShare)).orElse(0L);
    long absorbedValue = p.absorbed().map(a -> a.value().picos(compute, gemmShare)).orElse(0L);
    List<Part> ffn = p.ffn();
    return new TwoBatchPipeline(decode, model.moeLayers(),
        new TwoBatchPipeline.Stages(
            projections - outputPicos + absorbedQuery
                + memoryPicos(b.attentionInput(), n.attentionInput()),
            outputPicos + absorbedValue + attentionKernel
                + memoryPicos(b.attentionOutput(), n.attentionOutput()),
            ffn.get(0).picos(compute, gemmShare) + ffn.get(1).picos(compute, gemmShare)
                + memoryPicos(b.shared(), n.shared()),
            ffn.get(2).picos(compute, gemmShare) + memoryPicos(b.experts(), n.experts())),
        new TwoBatchPipeline.AttentionKernel(attentionKernel, gemmShare), hooks(part));
  }

  /**
   * The SM phases of the low-latency all-to-all (the direct one, DeepEP's low-latency kernels
   * with a receive hook) on the busiest chip, one sparse layer and micro-batch, where the chip's
   * calibration measures them ({@code lowLatencyAllToAll}); none otherwise, and none for DeepEP's
   * normal kernels, whose SMs {@link CommunicationSms} accounts for. The dispatch's send reads
   * the rank's tokens in BF16, writes them in the wire format and posts each of their k copies;
   * its hook copies the received copies out of the receive buffer into the experts' rows. The
   * combine's send reads each expert output row, writes it in the wire format and posts it back;
   * its hook reads a token's k returned rows and writes their weighted sum in BF16. Each is one
   * kernel at the memory figures (latency included) besides the posting.
   */
  private TwoBatchPipeline.Hooks hooks(Load part) {
    ComputeCalibration.LowLatencyAllToAll sm = compute.calibration().lowLatencyAllToAll();
    if (sm == null || options.allToAll() != EpAllToAll.DIRECT) {
      return TwoBatchPipeline.Hooks.none();
    }
    MoeFfn moe = (MoeFfn) model.mtpFfn();
    long h = model.hiddenSize();
    int k = moe.expertsPerToken();
    double tokens = part.tokens / layout.ep();
    double received = part.tokens * k * busiestShare(part.tokens);
    double dispatchWire = ServingOptions.wireBytesPerToken(options.dispatch(), h);
    double combineWire = ServingOptions.wireBytesPerToken(options.combine(), h);
    double bf16 = h * (double) ACTIVATION_BYTES;
    double perCopyPicos = sm.sendNanosPerCopy() * 1e3;
    return new TwoBatchPipeline.Hooks(
        Math.round(tokens * k * perCopyPicos) + memoryPicos(tokens * (bf16 + dispatchWire), 1),
        memoryPicos(2 * received * dispatchWire, 1),
        Math.round(received * perCopyPicos) + memoryPicos(received * (bf16 + combineWire), 1),
        memoryPicos(tokens * (k * combineWire + bf16), 1));
  }

  /**
   * The non-GEMM kernels alone of one sparse layer's stages on the busiest chip, for a
   * micro-batch of {@code tokens} over the instance: the part of each {@link TwoBatchPipeline}
   * stage that is memory-bound kernels rather than GEMMs or attention (for a comparison of the
   * GEMMs with published rates).
   */
  public TwoBatchPipeline.Stages nonGemmStages(double tokens) {
    MoeFfn moe = (MoeFfn) model.ffnOfLayer(model.layers() - 1);
    double assignments = tokens * moe.expertsPerToken() * busiestShare(tokens);
    NonGemmKernels.LayerBytes b = nonGemm.layer(moe, tokens / layout.dpAttention(), assignments,
        assignments / moe.expertsPerToken());
    NonGemmKernels.LayerKernels n = nonGemm.kernels(moe);
    return new TwoBatchPipeline.Stages(
        memoryPicos(b.attentionInput(), n.attentionInput()),
        memoryPicos(b.attentionOutput(), n.attentionOutput()),
        memoryPicos(b.shared(), n.shared()), memoryPicos(b.experts(), n.experts()));
  }

  /**
   * The decode GEMMs SGLang runs outside DeepGEMM, on the busiest chip for one sparse layer and a
   * micro-batch of {@code tokens} over the instance: MLA's absorbed W^UK and W^UV (BF16 batched
   * GEMMs; zero for GQA) and the router (BF16), in picoseconds, for a comparison with published
   * per-kernel profiles.
   */
  public DecodeGemms decodeGemms(double tokens) {
    double groupTokens = tokens / layout.dpAttention();
    Optional<Absorbed> absorbed =
        absorbed(new Load(tokens, 0, 0, 0, false), groupTokens);
    long router = model.ffnOfLayer(model.layers() - 1) instanceof MoeFfn m
        ? router(m, groupTokens).picos(compute) : 0;
    return new DecodeGemms(absorbed.map(a -> a.query().picos(compute)).orElse(0L),
        absorbed.map(a -> a.value().picos(compute)).orElse(0L), router);
  }

  /** {@link #decodeGemms}: each kernel's time on the busiest chip, picoseconds. */
  public record DecodeGemms(long absorbedQueryPicos, long absorbedValuePicos, long routerPicos) {}

  /** A whole forward of the main model on one chip: every layer and the head. */
  private void forward(Load load, Work work) {
    for (int kind = 0; kind < 2; kind++) {
      int layers = kind == 0 ? model.denseLayers() : model.moeLayers();
      if (layers > 0) {
        layer(load, model.ffnOfLayer(kind == 0 ? 0 : model.layers() - 1), layers, work);
      }
    }
    head(load, work);
  }

  /** One MTP module: its block (the last layer's shape), the 2h x h projection and the head. */
  private void mtpModule(Load load, Work work) {
    layer(load, model.mtpFfn(), 1, work);
    long h = model.hiddenSize();
    double groupTokens = load.tokens / layout.dpAttention();
    work.add(new Part(Kernel.Kind.MATMUL, 2.0 * 2 * h * h * groupTokens / layout.tp(),
        2.0 * h * h * weights.bytes() / layout.tp(), shard(h), weights), 1, false);
    head(load, work);
  }

  /** {@code layers} layers of one FFN kind. */
  private void layer(Load load, FeedForward ffn, int layers, Work work) {
    LayerParts p = layerParts(load, ffn);
    work.add(p.projections(), layers, false);
    p.absorbed().ifPresent(a -> {
      work.add(a.query(), layers, false);
      work.add(a.value(), layers, false);
    });
    work.add(p.attention(), layers, true);
    for (Part f : p.ffn()) {
      work.add(f, layers, false);
    }
    NonGemmKernels.LayerBytes b = p.nonGemm();
    NonGemmKernels.LayerKernels n = nonGemm.kernels(ffn);
    work.addMemory(b.attentionInput(), n.attentionInput(), layers);
    work.addMemory(b.attentionOutput(), n.attentionOutput(), layers);
    work.addMemory(b.shared(), n.shared(), layers);
    work.addMemory(b.experts(), n.experts(), layers);
  }

  /**
   * A layer's kernels on one chip: projections, attention (reading the KV cache), FFN parts, and
   * the memory-bound kernels between them.
   */
  private record LayerParts(Part projections, Optional<Absorbed> absorbed, Part attention,
      List<Part> ffn, NonGemmKernels.LayerBytes nonGemm) {}

  /**
   * MLA's absorbed form's two batched GEMMs (decode): the query's no-RoPE part by W^UK, before
   * attention, and the attention's latent output by W^UV, after it.
   */
  private record Absorbed(Part query, Part value) {}

  /**
   * {@code kernels} memory-bound kernels moving {@code bytes} at the calibrated HBM bandwidth,
   * each with the calibration's per-kernel latency, in picoseconds.
   */
  private long memoryPicos(double bytes, int kernels) {
    return Math.round(compute.memoryKernelsSeconds(bytes, kernels) * 1e12);
  }

  private LayerParts layerParts(Load load, FeedForward ffn) {
    double groupTokens = load.tokens / layout.dpAttention();
    double tp = layout.tp();
    Attention attention = model.attention();
    long h = model.hiddenSize();
    double wb = weights.bytes();
    Optional<Absorbed> absorbed = absorbed(load, groupTokens);
    // The absorbed form's W^UK and W^UV leave the projections for batched GEMMs of their own.
    double projectionWeights = attention.projectionWeights(h)
        - (absorbed.isPresent() ? absorbedWeights() : 0);
    Part projections = new Part(Kernel.Kind.MATMUL,
        2.0 * projectionWeights * groupTokens / tp, projectionWeights * wb / tp,
        shard(attention.projectionWeights(h) / h / layout.tp()), weights,
        projectionGemms(absorbed.isPresent(), projectionWeights));
    double kvElements = attention.kvCacheElementsPerToken() * kvCache.bytes()
        / memory.kvSplit();
    double groupKeys = load.attended / layout.dpAttention();
    double cachedKeys = Math.max(0, load.kvRead - load.tokens) / layout.dpAttention();
    Part kernel = new Part(Kernel.Kind.FUSED_ATTENTION,
        (attentionFlopsPerKey(load.prefillForm) * groupKeys
            + (load.prefillForm ? expansionFlopsPerCachedKey() * cachedKeys : 0)) / tp,
        load.kvRead / layout.dpAttention() * kvElements + groupTokens * kvElements,
        headDimension(), attentionPrecision);
    double assignments = ffn instanceof MoeFfn m
        ? load.tokens * m.expertsPerToken() * busiestShare(load.tokens) : 0;
    double received = ffn instanceof MoeFfn m ? assignments / m.expertsPerToken() : 0;
    return new LayerParts(projections, absorbed, kernel,
        ffnParts(ffn, load.tokens, groupTokens),
        nonGemm.layer(ffn, groupTokens, assignments, received));
  }

  /** MLA's W^UK and W^UV: its KV up-projection, kv_lora_rank x heads x (d_nope + d_v). */
  private double absorbedWeights() {
    MultiHeadLatentAttention m = (MultiHeadLatentAttention) model.attention();
    return (double) m.kvLoraRank() * m.heads() * (m.qkNopeHeadDim() + m.vHeadDim());
  }

  /**
   * MLA's absorbed (decode) form as SGLang runs it ({@code forward_absorb}): {@code torch.bmm}
   * over the chip's heads, W^UK (d_nope x d_c) on the query's no-RoPE part and W^UV (d_c x d_v)
   * on attention's latent output, each head's GEMM at its own shape (m = the chip's tokens). On
   * CUDA with DeepSeek-V3's 128 x 128 block-scaled FP8 checkpoint SGLang dequantises W^UK and
   * W^UV to BF16 at load (its FP8 DeepGEMM batched path is off unless SGL_USE_DEEPGEMM_BMM is
   * set), so they run in BF16 (FP16 for an FP16 model) on the one matmul curve, read at the
   * weight's smaller side as every serving GEMM is ({@link #shard}); the bytes are the weights
   * and the activations both, which at decode's shapes are of a size (the query's 512-wide
   * latent per head and token). Empty for GQA and for MLA's prefill form.
   */
  private Optional<Absorbed> absorbed(Load load, double groupTokens) {
    if (!(model.attention() instanceof MultiHeadLatentAttention m) || load.prefillForm) {
      return Optional.empty();
    }
    double heads = (double) m.heads() / layout.tp();
    return Optional.of(new Absorbed(
        batchedGemm(heads, groupTokens, m.kvLoraRank(), m.qkNopeHeadDim()),
        batchedGemm(heads, groupTokens, m.vHeadDim(), m.kvLoraRank())));
  }

  /** {@code batch} GEMMs of m x k by k x n in the attention precision. */
  private Part batchedGemm(double batch, double m, long n, long k) {
    double elements = m * k + (double) k * n + m * n;
    return new Part(Kernel.Kind.MATMUL, 2.0 * batch * m * n * k,
        batch * elements * attentionPrecision.bytes(), Math.min(n, k), attentionPrecision);
  }

  /** The output head: logits of the tokens that produce output. */
  private void head(Load load, Work work) {
    long h = model.hiddenSize();
    double rows = load.logits / layout.dpAttention();
    work.add(new Part(Kernel.Kind.MATMUL, 2.0 * model.vocabSize() * h * rows / layout.tp(),
        (double) model.vocabSize() * h * memory.tableBytes() / layout.tp(),
        shard(model.vocabSize() / layout.tp()),
        memory.tableBytes() == TABLE_BYTES ? attentionPrecision : weights),
        1, false);
    work.addMemory(nonGemm.outsideLayers(load.tokens / layout.dpAttention()),
        NonGemmKernels.OUTSIDE_LAYER_KERNELS, 1);
  }

  /**
   * The collectives of {@code layers} layers (MoE layers among them as the model has them, or
   * one MTP block) for a load, run {@code times} times (once per micro-batch or draft pass).
   */
  private void communication(
      Load load, int layers, int times, List<CommunicationDemand> demands) {
    double groupTokens = load.tokens / layout.dpAttention();
    long h = model.hiddenSize();
    boolean mtp = layers == 1;
    int moeLayers = mtp ? 1 : model.moeLayers();
    if (layout.tp() > 1) {
      long bytes = Math.round(groupTokens * h * ACTIVATION_BYTES);
      demands.add(new CommunicationDemand(Collective.ALL_REDUCE, RankGroup.TENSOR,
          2 * layers * times, Collections.nCopies(layout.tp(), bytes)));
    }
    if (gathersForExperts() && moeLayers > 0) {
      // DP attention under expert tensor parallelism (ep 1: every chip of the stage holds a
      // 1/stageChips slice of every expert, SGLang's "--tp N --dp N --enable-dp-attention"
      // without DeepEP): before each MoE layer the attention groups' tokens meet in one buffer
      // of the stage's tokens on every chip, zero-filled but for the chip's own rows and summed
      // over the stage (`_dp_gather`: tensor_model_parallel_all_reduce of the global buffer),
      // and the experts' partial outputs are summed over the stage again (the MoE's own
      // all-reduce) before each group takes its rows back (`dp_scatter`, a local copy).
      long bytes = Math.round(load.tokens * h * ACTIVATION_BYTES);
      demands.add(new CommunicationDemand(Collective.ALL_REDUCE, RankGroup.ATTENTION_DP,
          2 * moeLayers * times, Collections.nCopies(layout.stageChips(), bytes)));
    }
    if (layout.ep() > 1 && moeLayers > 0) {
      MoeFfn moe = (MoeFfn) model.mtpFfn();
      int ep = layout.ep();
      int etp = layout.expertTensorParallel();
      boolean perNode = options.allToAll() == EpAllToAll.DEEPEP_NORMAL;
      // Direct: what each rank receives, its share of the tokens' k copies less the local share.
      // Per node: one copy of each of the rank's tokens, times its load over the mean rank's;
      // the pricer spreads it over nodes and GPUs ({@link ForwardedLegs}).
      double copies = perNode
          ? load.tokens * ep / (double) layout.stageChips()
          : load.tokens * moe.expertsPerToken() * (ep - 1) / (double) ep / etp;
      // Shared-expert replicas: each token's one more copy goes to a replica, spread evenly, so a
      // replica's rank receives its share of all the tokens less the local share.
      double sharedCopies = load.tokens * sharedRankShare * (ep - 1) / ep;
      CommunicationDemand.Route route = perNode
          ? new CommunicationDemand.Route.PerNode(moe.expertsPerToken(),
              moe.routedExperts() + options.experts().redundantExperts())
          : CommunicationDemand.Route.DIRECT;
      for (Collective c : List.of(Collective.EP_DISPATCH, Collective.EP_COMBINE)) {
        double wire = ServingOptions.wireBytesPerToken(
            c == Collective.EP_DISPATCH ? options.dispatch() : options.combine(), h);
        List<Long> perChip = new ArrayList<>();
        double[] rankShares = rankShares(load.tokens);
        for (int chip = 0; chip < layout.stageChips(); chip++) {
          int rank = chip / etp;
          perChip.add(Math.round(rank < rankShares.length
              ? rankShares[rank] * copies * wire
              : sharedCopies * wire));
        }
        demands.add(
            new CommunicationDemand(c, RankGroup.EXPERT, moeLayers * times, perChip, route));
      }
    }
    if (layout.pp() > 1 && !mtp) {
      long bytes = Math.round(groupTokens * h * ACTIVATION_BYTES);
      demands.add(new CommunicationDemand(Collective.STAGE_SEND, RankGroup.PIPELINE,
          (layout.pp() - 1) * times, Collections.nCopies(layout.stageChips(), bytes)));
    }
  }

  /**
   * Whether a MoE layer gathers the DP-attention groups' tokens: the experts are split over the
   * whole stage (ep 1) and the stage holds several attention groups, so every chip computes its
   * slice of every group's tokens.
   */
  private boolean gathersForExperts() {
    return model.moeLayers() > 0 && layout.ep() == 1 && layout.dpAttention() > 1;
  }

  /**
   * Weights one chip holds, in bytes, layer by layer ({@link InstanceMemory#weightBytesPerChip}):
   * the fullest pipeline stage's.
   */
  public double weightBytesPerChip() {
    return memory.weightBytesPerChip();
  }

  /** Weights, layer by layer, with the breakdown {@link ChipMemory} reports. */
  public ChipMemory memory() {
    return memory.memory();
  }

  /**
   * Activation bytes one chip needs at the peak of a step ({@link
   * InstanceMemory#activationBytesPerChip}).
   */
  public double activationBytesPerChip(long tokenBudget, int maxBatch) {
    return memory.activationBytesPerChip(tokenBudget, maxBatch);
  }

  /** KV-cache bytes one token of context takes on one chip of its DP group. */
  public double kvBytesPerTokenPerChip() {
    return memory.kvBytesPerTokenPerChip();
  }

  /** KV-cache bytes of one token over the whole model: what a prefill hands to a decode. */
  public long kvBytesPerToken() {
    return memory.kvBytesPerToken();
  }

  /**
   * Tokens of KV cache the instance holds ({@link InstanceMemory#kvCapacityTokens}).
   *
   * @throws IllegalArgumentException if the weights leave no room, saying how much is missing
   */
  public long kvCapacityTokens(
      double hbmBytes, double usableFraction, long tokenBudget, int maxBatch) {
    return memory.kvCapacityTokens(hbmBytes, usableFraction, tokenBudget, maxBatch);
  }

  /** Score and context FLOPs per key: MLA's prefill or absorbed (decode) form, or GQA's. */
  double attentionFlopsPerKey(boolean prefillForm) {
    if (model.attention() instanceof MultiHeadLatentAttention m && !prefillForm) {
      return 2.0 * m.heads() * (m.kvLoraRank() + m.qkRopeHeadDim()) + 2.0 * m.heads()
          * m.kvLoraRank();
    }
    return model.attention().scoreAndContextFlopsPerAttendedToken();
  }

  /** MLA's prefill form expands a cached key's latent to per-head keys and values. */
  private double expansionFlopsPerCachedKey() {
    if (model.attention() instanceof MultiHeadLatentAttention m) {
      return 2.0 * m.kvLoraRank() * m.heads() * (m.qkNopeHeadDim() + m.vHeadDim());
    }
    return 0;
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

  /**
   * The FFN's GEMMs on one chip: a dense MLP, or a MoE layer's router, shared experts and routed
   * experts.
   */
  private List<Part> ffnParts(FeedForward ffn, double tokens, double groupTokens) {
    long h = model.hiddenSize();
    double wb = weights.bytes();
    double tp = layout.tp();
    if (ffn instanceof DenseFfn d) {
      return List.of(new Part(Kernel.Kind.MATMUL, 2.0 * d.mlp().weights(h) * groupTokens / tp,
          (double) d.mlp().weights(h) * wb / tp,
          shard(d.mlp().intermediateSize() / layout.tp()), weights,
          mlpGemms(d.mlp(), layout.tp(), d.mlp().weights(h))));
    }
    MoeFfn m = (MoeFfn) ffn;
    boolean replicated = sharedRankShare > 0;
    long shared = replicated ? 0 : m.sharedMlp().map(s -> s.weights(h)).orElse(0L);
    double etp = layout.expertTensorParallel();
    long expert = m.routedExpert().weights(h);
    double assignments = tokens * m.expertsPerToken() * busiestShare(tokens);
    double touched = 1 - Math.pow(1 - (double) m.expertsPerToken() / m.routedExperts(), tokens);
    double slots = Math.ceil(options.experts().slotsPerRank(m.routedExperts(), layout.ep()));
    long sharedWidth = replicated
        ? m.routedExperts()
        : m.sharedMlp().map(x -> x.intermediateSize()).orElse((long) m.routedExperts());
    Part routed = new Part(Kernel.Kind.MATMUL, 2.0 * expert * assignments / etp,
        slots * touched * expert / etp * wb,
        shard(m.routedExpert().intermediateSize() / layout.expertTensorParallel()), weights,
        mlpGemms(m.routedExpert(), layout.expertTensorParallel(), expert));
    return List.of(router(m, groupTokens),
        new Part(Kernel.Kind.MATMUL, 2.0 * shared * groupTokens / tp, shared * wb / tp,
            shard(sharedWidth / layout.tp()), weights,
            replicated ? List.of() : sharedGemms(m, shared)),
        replicated ? busier(routed, sharedReplicaPart(m, tokens, slots)) : routed);
  }

  /**
   * A shared-expert rank's expert kernel: the shared expert for its share of all the tokens, each
   * of its slots a copy read once (ep = the stage's chips, so whole experts).
   */
  private Part sharedReplicaPart(MoeFfn m, double tokens, double slots) {
    long h = model.hiddenSize();
    long weightsPerCopy = m.sharedMlp().orElseThrow().weights(h);
    return new Part(Kernel.Kind.MATMUL, 2.0 * weightsPerCopy * tokens * sharedRankShare,
        slots * weightsPerCopy * weights.bytes(),
        shard(m.sharedMlp().orElseThrow().intermediateSize()), weights,
        mlpGemms(m.sharedMlp().orElseThrow(), 1, weightsPerCopy));
  }

  /** The busier of a routed rank's and a shared-expert rank's expert kernel sets the layer. */
  private Part busier(Part routed, Part shared) {
    return shared.picos(compute) > routed.picos(compute) ? shared : routed;
  }

  /**
   * The attention projections' GEMMs on one chip, the output projection last. MLA: the query and
   * KV down-projections fused (h x (r_q + r_kv + d_r), as SGLang runs them; DeepGEMM's N 2112 for
   * DeepSeek-V3), the query up-projection, the KV up-projection, the output; GQA: q, k and v fused,
   * the output. Column-parallel GEMMs split their output side over tp, the output projection its
   * input side.
   */
  private List<Gemm> projectionGemms(boolean absorbedForm, double total) {
    long h = model.hiddenSize();
    int tp = layout.tp();
    List<Gemm> gemms = new ArrayList<>();
    if (model.attention() instanceof MultiHeadLatentAttention m) {
      long queryWidth = (long) m.heads() * m.queryKeyHeadDim();
      long down = m.qLoraRank() + m.kvLoraRank() + m.qkRopeHeadDim();
      gemms.add(gemm(h, m.qLoraRank() > 0 ? down : m.kvLoraRank() + m.qkRopeHeadDim(), tp, false,
          total));
      if (m.qLoraRank() > 0) {
        gemms.add(gemm(m.qLoraRank(), queryWidth, tp, false, total));
      } else {
        gemms.add(gemm(h, queryWidth, tp, false, total));
      }
      if (!absorbedForm) {
        gemms.add(gemm(m.kvLoraRank(), (long) m.heads() * (m.qkNopeHeadDim() + m.vHeadDim()), tp,
            false, total));
      }
      gemms.add(gemm((long) m.heads() * m.vHeadDim(), h, tp, true, total));
    } else {
      GroupedQueryAttention g = (GroupedQueryAttention) model.attention();
      long queryWidth = (long) g.heads() * g.headDim();
      gemms.add(gemm(h, queryWidth + 2L * g.kvHeads() * g.headDim(), tp, false, total));
      gemms.add(gemm(queryWidth, h, tp, true, total));
    }
    return gemms;
  }

  /**
   * An FFN's GEMMs on one chip, split {@code split} ways, in a part of {@code partWeights}: gate
   * and up fused (or up alone), then down.
   */
  private List<Gemm> mlpGemms(Mlp mlp, int split, double partWeights) {
    long h = model.hiddenSize();
    long up = (mlp.activation().matrices() - 1) * mlp.intermediateSize();
    return List.of(gemm(h, up, split, false, partWeights),
        gemm(mlp.intermediateSize(), h, split, true, partWeights));
  }

  /** A MoE layer's shared experts' GEMMs, where they run beside the routed ones. */
  private List<Gemm> sharedGemms(MoeFfn m, long sharedWeights) {
    return m.sharedMlp().map(s -> mlpGemms(s, layout.tp(), sharedWeights)).orElse(List.of());
  }

  /**
   * A MoE layer's router (h x E, its bias with it) on every TP rank's tokens: a replicated linear
   * layer that stays in BF16 under 8-bit weights (TABLE_BYTES; SGLang's {@code MoEGate} is an
   * unquantised {@code F.linear}), priced in the precision its bytes are counted in, on the one
   * matmul curve at its weight's smaller side.
   */
  private Part router(MoeFfn m, double groupTokens) {
    long h = model.hiddenSize();
    double parameters = m.routerParameters(h);
    return new Part(Kernel.Kind.MATMUL, 2.0 * parameters * groupTokens,
        parameters * memory.tableBytes(), Math.max(1, Math.min(h, m.routedExperts())),
        memory.tableBytes() == TABLE_BYTES ? attentionPrecision : weights);
  }

  /**
   * A GEMM of an {@code in x out} weight in a part of {@code partWeights}: its share, and the
   * smaller side of its shard, the output side split {@code split} ways (the input side for a
   * row-parallel GEMM).
   */
  private static Gemm gemm(long in, long out, int split, boolean rowParallel,
      double partWeights) {
    long dimension = rowParallel ? Math.min(in / split, out) : Math.min(in, out / split);
    return new Gemm(in * (double) out / partWeights, Math.max(1, dimension));
  }

  /** The head dimension attention kernels tile by: d (GQA), or the MLA latent's d_c. */
  private long headDimension() {
    if (model.attention() instanceof GroupedQueryAttention g) {
      return g.headDim();
    }
    return ((MultiHeadLatentAttention) model.attention()).kvLoraRank();
  }

  /** What one micro-batch or draft pass computes, in fractional counts. */
  private record Load(
      double tokens, double attended, double kvRead, double logits, boolean prefillForm) {
    Load split(int parts) {
      return new Load(tokens / parts, attended / parts, kvRead / parts, logits / parts,
          prefillForm);
    }
  }

  /** Sums of a step's kernels on one chip. */
  private final class Work {
    long picos;
    long nonGemmPicos;
    double flops;
    double weightBytes;
    double kvBytes;
    double nonGemmBytes;

    /** {@code layers} times {@code kernels} memory-bound kernels of {@code bytes}. */
    void addMemory(double bytes, int kernels, int layers) {
      long p = layers * memoryPicos(bytes, kernels);
      picos += p;
      nonGemmPicos += p;
      nonGemmBytes += layers * bytes;
    }

    void add(Part p, int layers, boolean kv) {
      picos += layers * p.picos(compute);
      flops += layers * p.flops;
      if (kv) {
        kvBytes += layers * p.bytes;
      } else {
        weightBytes += layers * p.bytes;
      }
    }
  }

  /**
   * One GEMM of a part on one chip: its share of the part's weights (and so of its FLOPs and
   * bytes) and the smaller side of its weight shard, the dimension a per-GEMM curve is read at.
   */
  record Gemm(double share, long dimension) {}

  /**
   * One kernel of a layer on one chip, at the calibrated roofline of its kind and shape: as one
   * kernel at {@code dimension}, or, where the calibration prices each GEMM of the precision at
   * its own shape ({@link ComputeCostModel#pricesEachGemm}), as the sum of its {@code gemms}.
   */
  private record Part(Kernel.Kind kind, double flops, double bytes, long dimension,
      Precision precision, List<Gemm> gemms) {
    Part(Kernel.Kind kind, double flops, double bytes, long dimension, Precision precision) {
      this(kind, flops, bytes, dimension, precision, List.of());
    }

    long picos(ComputeCostModel compute) {
      return picos(compute, 1);
    }

    /**
     * On {@code smShare} of the chip's SMs: the compute term at that share of the peak (the
     * kernel's flops over it), HBM's term as it is.
     */
    long picos(ComputeCostModel compute, double smShare) {
      if (gemms.isEmpty() || !compute.pricesEachGemm(precision)) {
        return Math.round(compute.seconds(
            new Kernel(kind, flops / smShare, bytes, dimension, precision)) * 1e12);
      }
      double seconds = 0;
      for (Gemm g : gemms) {
        seconds += compute.seconds(new Kernel(kind, flops * g.share() / smShare,
            bytes * g.share(), g.dimension(), precision));
      }
      return Math.round(seconds * 1e12);
    }

    /** Its {@code i}-th GEMM alone. */
    Part gemm(int i) {
      Gemm g = gemms.get(i);
      return new Part(kind, flops * g.share(), bytes * g.share(), g.dimension(), precision);
    }
  }
}
