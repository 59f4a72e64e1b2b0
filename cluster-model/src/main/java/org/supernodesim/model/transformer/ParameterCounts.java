package org.supernodesim.model.transformer;

/**
 * Total and active (per token) parameters of a model, by the formulas of the catalog's {@code
 * models/README.md} ("Parameter count"):
 *
 * <pre>
 * total  = L_d·P_d + L_m·P_m + P_e + P_o + P_f
 * active = L_d·P_d + L_m·P_a + P_e + P_o + P_f
 * </pre>
 *
 * where a MoE layer counts all E routed experts in P_m and the top-k in P_a. The active count
 * includes the input embedding, as the catalog and most model cards do, though a token reads only
 * one row of it; {@link #activeWithoutInputEmbedding()} leaves it out (DeepSeek's README_WEIGHTS
 * counts that way). MTP modules are outside the main model's counts and reported on their own.
 *
 * @param total every parameter of the main model
 * @param active what one token uses
 * @param mtpUnique parameters of the MTP modules not shared with the main model (0 without MTP)
 */
public record ParameterCounts(
    ParameterBreakdown total, ParameterBreakdown active, long mtpUnique) {

  /** Counts for {@code spec}. */
  public static ParameterCounts of(TransformerSpec spec) {
    long h = spec.hiddenSize();
    long embedding = spec.vocabSize() * h + spec.positions().parameters(h);
    long outputHead = spec.tiedEmbeddings() ? 0 : spec.vocabSize() * h;
    long attention = spec.layers() * spec.attention().parameters(h);
    long norms = 2L * spec.layers() * spec.normParameters() + spec.normParameters();
    long denseFfn = 0;
    long routed = 0;
    long routedActive = 0;
    long shared = 0;
    long router = 0;
    if (spec.ffn() instanceof FfnLayout.AllDense dense) {
      denseFfn = spec.layers() * dense.ffn().parameters(h);
    } else if (spec.ffn() instanceof FfnLayout.MoeAfterDense layout) {
      MoeFfn moe = layout.moe();
      long moeLayers = spec.moeLayers();
      denseFfn = layout.dense().map(d -> spec.denseLayers() * d.parameters(h)).orElse(0L);
      routed = moeLayers * moe.routedExperts() * moe.routedExpert().parameters(h);
      routedActive = moeLayers * moe.expertsPerToken() * moe.routedExpert().parameters(h);
      shared = moeLayers * moe.sharedMlp().map(m -> m.parameters(h)).orElse(0L);
      router = moeLayers * moe.routerParameters(h);
    }
    ParameterBreakdown total =
        new ParameterBreakdown(
            embedding, attention, denseFfn, routed, shared, router, norms, outputHead);
    ParameterBreakdown active =
        new ParameterBreakdown(
            embedding, attention, denseFfn, routedActive, shared, router, norms, outputHead);
    return new ParameterCounts(total, active, spec.mtpModules() * spec.mtpModuleParameters());
  }

  /** Every parameter of the main model. */
  public long totalParameters() {
    return total.sum();
  }

  /** Parameters one token uses, input embedding included. */
  public long activeParameters() {
    return active.sum();
  }

  /** Parameters one token uses, without the input-embedding table (its one row is a lookup). */
  public long activeWithoutInputEmbedding() {
    return active.sum() - active.embedding();
  }

  /** Main model plus the unique parameters of its MTP modules: what training updates. */
  public long totalWithMtp() {
    return total.sum() + mtpUnique;
  }
}
