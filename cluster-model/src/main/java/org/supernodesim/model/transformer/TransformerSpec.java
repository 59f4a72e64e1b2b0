package org.supernodesim.model.transformer;

import java.util.List;

/**
 * A decoder-only transformer as the simulator uses it: enough shape to count parameters, FLOPs and
 * KV cache, and to generate the operations of a training step layer by layer. Immutable and
 * validated; build one from the catalog with {@link CatalogTransformers#toSpec}.
 *
 * <p>The model is: token embedding (+ learned positions) -> {@code layers} pre-norm blocks, each
 * {@code norm -> attention -> norm -> FFN} with residuals -> final norm -> output head. Norms are
 * of one {@link NormKind} throughout.
 *
 * @param id catalog id, for messages
 * @param vocabSize rows of the embedding and output matrices as shipped (padded), V
 * @param hiddenSize model width h
 * @param layers transformer blocks of the main model, L (MTP modules excluded)
 * @param positions RoPE or a learned table
 * @param norm LayerNorm or RMSNorm
 * @param attention the attention block of every layer
 * @param ffn which FFN each layer has
 * @param tiedEmbeddings the output head reuses the token-embedding matrix (GPT-3, Megatron)
 * @param mtpModules DeepSeek-V3 multi-token-prediction modules (§2.2): each is one more block with
 *     the last layer's FFN, a {@code 2h × h} projection and three norms, and shares the embedding
 *     and the output head with the main model; 0 for other models
 * @param simplifications where this spec departs from the published model, in words (e.g.
 *     GPT-3's sparse attention layers counted as dense); empty when it is exact
 */
public record TransformerSpec(
    String id,
    long vocabSize,
    long hiddenSize,
    int layers,
    PositionEncoding positions,
    NormKind norm,
    Attention attention,
    FfnLayout ffn,
    boolean tiedEmbeddings,
    int mtpModules,
    List<String> simplifications) {
  public TransformerSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a transformer spec needs an id");
    }
    if (vocabSize <= 0 || hiddenSize <= 0 || layers <= 0) {
      throw new IllegalArgumentException(
          id + ": vocabSize, hiddenSize and layers must be positive, got " + vocabSize + ", "
              + hiddenSize + ", " + layers);
    }
    if (positions == null || norm == null || attention == null || ffn == null) {
      throw new IllegalArgumentException(id + ": positions, norm, attention and ffn are required");
    }
    if (ffn instanceof FfnLayout.MoeAfterDense moe && moe.denseLayersFirst() >= layers) {
      throw new IllegalArgumentException(
          id + ": " + moe.denseLayersFirst() + " leading dense layers leave no MoE layer among "
              + layers + "; use FfnLayout.AllDense");
    }
    if (mtpModules < 0) {
      throw new IllegalArgumentException(id + ": negative MTP modules " + mtpModules);
    }
    simplifications = simplifications == null ? List.of() : List.copyOf(simplifications);
  }

  /** The FFN of layer {@code index}, 0-based. */
  public FeedForward ffnOfLayer(int index) {
    if (index < 0 || index >= layers) {
      throw new IndexOutOfBoundsException(id + " has layers 0.." + (layers - 1) + ", not " + index);
    }
    return ffn.ffnOfLayer(index);
  }

  /** Layers with a dense FFN. */
  public int denseLayers() {
    return ffn.denseLayers(layers);
  }

  /** Layers with a MoE FFN. */
  public int moeLayers() {
    return layers - denseLayers();
  }

  /** Parameters of one norm over the model width. */
  public long normParameters() {
    return norm.parameters(hiddenSize);
  }

  /** Attention + FFN + the block's two norms, for layer {@code index}. */
  public long layerParameters(int index) {
    return attention.parameters(hiddenSize)
        + ffnOfLayer(index).parameters(hiddenSize)
        + 2 * normParameters();
  }

  /** As {@link #layerParameters} with only what one token uses. */
  public long layerActiveParameters(int index) {
    return attention.parameters(hiddenSize)
        + ffnOfLayer(index).activeParameters(hiddenSize)
        + 2 * normParameters();
  }

  /**
   * The FFN of an MTP module: DeepSeek-V3's module is a full block of the main model's shape
   * (§2.2), i.e. like its last layer, a MoE layer.
   */
  public FeedForward mtpFfn() {
    return ffnOfLayer(layers - 1);
  }

  /**
   * Parameters unique to one MTP module: one block ({@link #layerParameters} of the last layer),
   * the projection of the concatenated [norm(h_i); norm(emb)] of {@code 2h × h}, and the two
   * input norms and the output norm (DeepSeek-V3 §2.2; catalog README). Embedding and head are
   * shared.
   */
  public long mtpModuleParameters() {
    return layerParameters(layers - 1) + 2 * hiddenSize * hiddenSize + 3 * normParameters();
  }

  /** Total and active parameters with their breakdown. */
  public ParameterCounts parameterCounts() {
    return ParameterCounts.of(this);
  }

  /**
   * Forward FLOPs of one token when each query attends to {@code attendedTokens} keys; see {@link
   * ForwardFlops#of}.
   */
  public ForwardFlops forwardFlopsPerToken(double attendedTokens) {
    return ForwardFlops.of(this, attendedTokens);
  }

  /** KV-cache elements per token over all layers of the main model. */
  public long kvCacheElementsPerToken() {
    return layers * attention.kvCacheElementsPerToken();
  }
}
