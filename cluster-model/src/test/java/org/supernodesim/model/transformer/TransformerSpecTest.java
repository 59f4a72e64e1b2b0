package org.supernodesim.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransformerSpecTest {

  /** Llama 3.1 8B built by hand (Llama 3 paper Table 3; config.json): the package-info example. */
  static TransformerSpec llama8b() {
    return new TransformerSpec("llama-3.1-8b", 128_256, 4096, 32,
        new PositionEncoding.Rope(500_000), NormKind.RMS_NORM,
        new GroupedQueryAttention(32, 8, 128, false, false, false),
        new FfnLayout.AllDense(new DenseFfn(new Mlp(14_336, Activation.SWIGLU, false))),
        false, 0, List.of());
  }

  /** The package-info numbers, each computed by hand there. */
  @Test
  void llama8bWorkedExample() {
    TransformerSpec spec = llama8b();
    assertEquals(spec, CatalogTransformers.toSpec(CatalogModels.model("llama-3.1-8b")),
        "hand-built spec equals the catalog's");
    ParameterBreakdown total = spec.parameterCounts().total();
    assertEquals(41_943_040, spec.attention().parameters(4096));
    assertEquals(525_336_576, total.embedding());
    assertEquals(1_342_177_280, total.attention());
    assertEquals(5_637_144_576L, total.denseFfn());
    assertEquals(266_240, total.norms());
    assertEquals(525_336_576, total.outputHead());
    assertEquals(8_030_261_248L, total.sum());
    ForwardFlops flops = spec.forwardFlopsPerToken(8192);
    assertEquals(15_009_316_864.0, flops.matmulOnly());
    assertEquals(4_294_967_296.0, flops.attentionScores());
    assertEquals(19_304_284_160.0, flops.mainModel());
    assertEquals(flops.mainModel(), flops.withMtp(), "no MTP modules");
    assertEquals(32 * 2048, spec.kvCacheElementsPerToken());
  }

  @Test
  void deepSeekV3LayersAndFlops() {
    TransformerSpec spec = CatalogTransformers.toSpec(CatalogModels.model("deepseek-v3"));
    MultiHeadLatentAttention mla = assertInstanceOf(MultiHeadLatentAttention.class,
        spec.attention());
    assertEquals(192, mla.queryKeyHeadDim());
    assertEquals(576, mla.kvCacheElementsPerToken());
    for (int layer = 0; layer < 3; layer++) {
      assertInstanceOf(DenseFfn.class, spec.ffnOfLayer(layer), "layer " + layer);
    }
    for (int layer = 3; layer < 61; layer++) {
      assertInstanceOf(MoeFfn.class, spec.ffnOfLayer(layer), "layer " + layer);
    }
    assertThrows(IndexOutOfBoundsException.class, () -> spec.ffnOfLayer(61));

    ForwardFlops flops = spec.forwardFlopsPerToken(4096);
    long h = 7168;
    assertEquals(58 * 2.0 * 8 * 3 * h * 2048, flops.routedExperts(), "8 of 256 experts");
    assertEquals(58 * 2.0 * 3 * h * 2048, flops.sharedExperts(), "1 shared expert");
    assertEquals(3 * 2.0 * 3 * h * 18_432, flops.denseFfn(), "3 dense layers");
    assertEquals(58 * 2.0 * 256 * h, flops.router());
    // Per layer per key: QK over 128 heads of 192, values over 128 heads of 128.
    assertEquals(61 * 4096.0 * (2 * 128 * 192 + 2 * 128 * 128), flops.attentionScores());
    // Matmuls read every active weight except the embedding lookup, norms and router bias.
    ParameterCounts counts = spec.parameterCounts();
    long nonMatmul = counts.active().embedding() + counts.active().norms()
        + 61L * (1536 + 512) // MLA latent norms
        + 58L * 256; // router bias
    assertEquals(2.0 * (counts.activeParameters() - nonMatmul), flops.matmulOnly());
    // MTP: one more MoE block, the 2h x h projection and a second pass through the head.
    assertTrue(flops.mtp() > 0);
    assertEquals(flops.mainModel() + flops.mtp(), flops.withMtp());
    double mtpByHand = 2.0 * mla.projectionWeights(h)
        + 4096.0 * mla.scoreAndContextFlopsPerAttendedToken()
        + 2.0 * spec.mtpFfn().activeMatmulWeights(h) + 2.0 * 2 * h * h + 2.0 * 129_280 * h;
    assertEquals(mtpByHand, flops.mtp());
  }

  @Test
  void tiedHeadHasNoParametersButStillMultiplies() {
    TransformerSpec gpt3 = CatalogTransformers.toSpec(CatalogModels.model("gpt3-175b"));
    assertEquals(0, gpt3.parameterCounts().total().outputHead());
    assertEquals(2.0 * 50_257 * 12_288, gpt3.forwardFlopsPerToken(2048).outputHead());
  }

  @Test
  void biasesAndLayerNormOfTheGptShape() {
    // One layer of h = 8, 2 heads of 4, f = 32, LayerNorm: by the catalog README formulas
    // attention 4h² + 4h = 288, MLP 8h² + 4h + h = 552, norms 2·2h = 32.
    TransformerSpec tiny = new TransformerSpec("tiny", 10, 8, 1, new PositionEncoding.Learned(6),
        NormKind.LAYER_NORM, GroupedQueryAttention.multiHead(2, 4, true, true),
        new FfnLayout.AllDense(new DenseFfn(new Mlp(32, Activation.GELU, true))), true, 0, null);
    assertEquals(288, tiny.attention().parameters(8));
    assertEquals(288 + 552 + 32, tiny.layerParameters(0));
    ParameterBreakdown total = tiny.parameterCounts().total();
    assertEquals(10 * 8 + 6 * 8, total.embedding());
    assertEquals(0, total.outputHead());
    assertEquals(128 + 288 + 552 + 32 + 16, total.sum());
    assertEquals(MegatronFormulas.parametersEq2(1, 8, 10, 6) + 16, total.sum(),
        "eq. 2 + final LayerNorm");
    assertEquals(List.of(), tiny.simplifications());
  }

  @Test
  void activeCountsTopKExperts() {
    MoeFfn moe = new MoeFfn(4, 2, new Mlp(16, Activation.SWIGLU, false), 1,
        Optional.of(new Mlp(16, Activation.SWIGLU, false)), Router.ungrouped(RouterScoring.SOFTMAX,
        true));
    // h = 8: expert 3·8·16 = 384; router 4·8 + 4 = 36.
    assertEquals(36 + 4 * 384 + 384, moe.parameters(8));
    assertEquals(36 + 2 * 384 + 384, moe.activeParameters(8));
    assertEquals(32 + 2 * 384 + 384, moe.activeMatmulWeights(8));
  }

  @Test
  void invalidShapesAreRejectedWithTheReason() {
    Mlp mlp = new Mlp(16, Activation.SWIGLU, false);
    Router router = Router.ungrouped(RouterScoring.SOFTMAX, false);
    assertMessage("multiple of KV heads",
        () -> new GroupedQueryAttention(12, 5, 64, false, false, false));
    assertMessage("expertsPerToken <= routedExperts",
        () -> new MoeFfn(4, 5, mlp, 0, Optional.empty(), router));
    assertMessage("shared MLP exactly when",
        () -> new MoeFfn(4, 2, mlp, 1, Optional.empty(), router));
    assertMessage("not 3 equal experts",
        () -> new MoeFfn(4, 2, mlp, 3, Optional.of(mlp), router));
    assertMessage("cannot be chosen from 1 groups of 2",
        () -> new MoeFfn(8, 3, mlp, 0, Optional.empty(), new Router(RouterScoring.SIGMOID, false,
            4, 1)));
    assertMessage("dense FFN must be given exactly when",
        () -> new FfnLayout.MoeAfterDense(0, Optional.of(new DenseFfn(mlp)),
            new MoeFfn(4, 2, mlp, 0, Optional.empty(), router)));
    assertMessage("positive width", () -> new Mlp(0, Activation.GELU, false));
    FfnLayout threeDenseFirst = new FfnLayout.MoeAfterDense(3, Optional.of(new DenseFfn(mlp)),
        new MoeFfn(4, 2, mlp, 0, Optional.empty(), router));
    assertMessage("leave no MoE layer among 3",
        () -> new TransformerSpec("x", 10, 8, 3, new PositionEncoding.Rope(1e4),
            NormKind.RMS_NORM, new GroupedQueryAttention(2, 1, 4, false, false, false),
            threeDenseFirst, false, 0, List.of()));
  }

  private static void assertMessage(String expected, Runnable construction) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, construction::run);
    assertTrue(e.getMessage().contains(expected),
        "message '" + e.getMessage() + "' should contain '" + expected + "'");
  }
}
