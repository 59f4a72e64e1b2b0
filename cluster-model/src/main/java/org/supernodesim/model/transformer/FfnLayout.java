package org.supernodesim.model.transformer;

import java.util.Optional;

/** Which FFN each layer of a model has. */
public sealed interface FfnLayout permits FfnLayout.AllDense, FfnLayout.MoeAfterDense {

  /** The FFN of layer {@code index} (0-based; the caller checks the index against the model). */
  FeedForward ffnOfLayer(int index);

  /** Dense layers among {@code layers}. */
  int denseLayers(int layers);

  /** Every layer has the same dense FFN (GPT-3, Megatron, Llama, Qwen2.5, Qwen3 dense). */
  record AllDense(DenseFfn ffn) implements FfnLayout {
    public AllDense {
      if (ffn == null) {
        throw new IllegalArgumentException("a dense layout needs its FFN");
      }
    }

    @Override
    public FeedForward ffnOfLayer(int index) {
      return ffn;
    }

    @Override
    public int denseLayers(int layers) {
      return layers;
    }
  }

  /**
   * The first {@code denseLayersFirst} layers are dense, every later layer is MoE. DeepSeek-V3
   * keeps its first 3 layers dense (§4.2, {@code n_dense_layers}); Qwen3-MoE, Ling and Mixtral
   * have none. Interleaved layouts (a MoE layer every n-th) are not represented: the catalog does
   * not say which layers of such a model are MoE.
   *
   * @param denseLayersFirst dense layers at the bottom of the stack
   * @param dense their FFN; present exactly when {@code denseLayersFirst > 0}
   * @param moe the FFN of every other layer
   */
  record MoeAfterDense(int denseLayersFirst, Optional<DenseFfn> dense, MoeFfn moe)
      implements FfnLayout {
    public MoeAfterDense {
      if (moe == null || dense == null) {
        throw new IllegalArgumentException("a MoE layout needs its MoE FFN and dense FFN slot");
      }
      if (denseLayersFirst < 0 || (denseLayersFirst > 0) != dense.isPresent()) {
        throw new IllegalArgumentException(
            denseLayersFirst + " leading dense layers: a dense FFN must be given exactly when"
                + " the count is positive");
      }
    }

    /** A layout where every layer is MoE. */
    public static MoeAfterDense allMoe(MoeFfn moe) {
      return new MoeAfterDense(0, Optional.empty(), moe);
    }

    @Override
    public FeedForward ffnOfLayer(int index) {
      return index < denseLayersFirst ? dense.orElseThrow() : moe;
    }

    @Override
    public int denseLayers(int layers) {
      return Math.min(denseLayersFirst, layers);
    }
  }
}
