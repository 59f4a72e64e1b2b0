package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A transformer's shape as the model catalog publishes it (schema in {@code models/README.md}).
 * Counts are elements, not bytes; sequence lengths are tokens. A value that was not published is
 * {@code null} (and named in {@link #unknown()} or {@link #uncertain()}), never filled by analogy,
 * hence boxed types throughout.
 *
 * @param kind dense or moe
 * @param weights open, closed or none (a benchmark configuration never released)
 * @param released "YYYY-MM"
 * @param vocabSize rows of the embedding matrix as shipped (often padded)
 * @param moe {@code null} for dense models
 * @param publishedRun a measured run from the same source (Megatron-LM SC'21 Table 1)
 * @param paramsCheck parameter counts recomputed from the shape, with the formula and the
 *     difference from the published count; keys vary by model, so a map in file order
 * @param sources field path -> source string ("refId: location (what it says)")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelShape(
    String id,
    String name,
    String organization,
    List<String> aliases,
    String released,
    String weights,
    String kind,
    Integer layers,
    Long hiddenSize,
    Long vocabSize,
    Long tokenizerVocab,
    Boolean tiedEmbeddings,
    String positionEmbedding,
    String norm,
    Attention attention,
    Ffn ffn,
    Moe moe,
    Mtp mtp,
    String outputHead,
    Sequence sequence,
    Training training,
    Parameters parameters,
    PublishedRun publishedRun,
    Map<String, Object> paramsCheck,
    Derived derived,
    List<Uncertain> uncertain,
    List<String> unknown,
    Map<String, String> sources) {
  public ModelShape {
    if (id == null) {
      throw new IllegalArgumentException("a model needs an id");
    }
    aliases = Copies.list(aliases);
    paramsCheck = Copies.map(paramsCheck);
    uncertain = Copies.list(uncertain);
    unknown = Copies.list(unknown);
    sources = Copies.map(sources);
  }

  /**
   * Attention of one layer.
   *
   * @param kind mha, gqa or mla
   * @param headDim query/key head dimension (MLA: nope + rope part)
   * @param pattern only where attention is not dense causal everywhere (GPT-3)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Attention(
      String kind,
      Integer heads,
      Integer kvHeads,
      Integer headDim,
      Boolean qkvBias,
      Boolean outBias,
      Boolean qkNorm,
      Double ropeTheta,
      String ropeScaling,
      String pattern,
      Mla mla) {}

  /** Multi-head latent attention (DeepSeek-V3) dimensions. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Mla(
      Integer qLoraRank,
      Integer kvLoraRank,
      Integer qkNopeHeadDim,
      Integer qkRopeHeadDim,
      Integer vHeadDim) {}

  /**
   * The feed-forward block.
   *
   * @param intermediateSize width of the dense FFN; {@code null} when no layer is dense
   * @param configIntermediateSize the config value when unused or meaning the expert width
   * @param matrices 2 for a GELU MLP (up, down), 3 for SwiGLU (gate, up, down)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ffn(
      Long intermediateSize,
      Long configIntermediateSize,
      String activation,
      Integer matrices,
      Boolean bias) {}

  /**
   * Mixture of experts.
   *
   * @param sharedIntermediateSize total width of the shared path (shared experts x their width)
   * @param denseLayersFirst the first k layers are dense; the rest (every {@code
   *     layerFrequency}-th) are MoE
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Moe(
      Integer routedExperts,
      Integer expertsPerToken,
      Integer sharedExperts,
      Long expertIntermediateSize,
      Long sharedIntermediateSize,
      Integer denseLayersFirst,
      Integer moeLayers,
      Integer layerFrequency,
      Router router) {}

  /**
   * How tokens choose experts.
   *
   * @param scoring softmax, softmax-over-top-k or sigmoid
   * @param groups group-limited routing (DeepSeek-V3: 8 groups, 4 chosen)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Router(
      String scoring,
      Boolean normalizeTopK,
      Boolean bias,
      Integer groups,
      Integer topKGroups,
      Double scalingFactor,
      String loadBalancing,
      Long paramsPerLayer) {}

  /** Multi-token-prediction modules (DeepSeek-V3). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Mtp(
      Integer modules, Boolean sharesEmbedding, Boolean sharesOutputHead, String perModule) {}

  /** Sequence lengths in tokens. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Sequence(
      Long pretrain,
      Long context,
      Long maxPositionEmbeddings,
      Long maxOutputTokens,
      @JsonProperty("default") Long defaultTokens) {}

  /** The published pre-training run. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Training(
      Long tokens,
      String tokensAsPublished,
      Long batchTokens,
      Long batchSequences,
      Long gpuHours,
      String gpuHoursAsPublished,
      String note) {}

  /**
   * Parameter counts as published ({@code active} is {@code null} for dense models); the text as
   * published sits beside each number.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Parameters(
      Long total,
      String totalAsPublished,
      Long totalLowerBound,
      Long active,
      String activeAsPublished,
      Long nonEmbedding,
      String nonEmbeddingAsPublished,
      Long checkpointTotal,
      String checkpointTotalAsPublished,
      Long mtpUnique,
      String mtpUniqueAsPublished,
      String note) {}

  /** A measured run from the model's source, for validation. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PublishedRun(
      Integer tensorParallel,
      Integer pipelineParallel,
      Integer gpus,
      Integer batchSize,
      Double tflopsPerGpu,
      Double percentOfPeak,
      Double aggregatePflops,
      String hardware) {}

  /** Values derived from the shape. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Derived(Long kvCacheElementsPerTokenPerLayer) {}

  /** A value that conflicts between sources or depends on a reading. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Uncertain(String field, String note) {}
}
