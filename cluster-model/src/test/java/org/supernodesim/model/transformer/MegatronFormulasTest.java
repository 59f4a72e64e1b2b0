package org.supernodesim.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.model.catalog.ModelShape;

class MegatronFormulasTest {
  /** Relative tolerance for doubles near 1e18, far above rounding (2^-52), far below any error. */
  private static final double RELATIVE = 1e-12;

  /**
   * GPT-3 175B as Megatron-LM SC'21 §5.1 trains it: B = 1536, s = 2048, l = 96, h = 12288, V =
   * 51,200. By hand, 72·B·s·l·h²·(1 + s/(6h) + V/(12lh)) = 72Bslh² + 12Bs²lh + 6BsVh:
   *
   * <pre>
   * 72·1536·2048·96·12288²   = 3,283,124,128,353,091,584
   * 12·1536·2048²·96·12288   =    91,197,892,454,252,544
   *  6·1536·2048·51200·12288 =    11,874,725,579,980,800
   * sum                      = 3,386,196,746,387,324,928  (3.386 EFLOP per iteration)
   * </pre>
   */
  @Test
  void modelFlopsOfGpt3AtBatch1536() {
    double flops = MegatronFormulas.modelFlopsPerIteration(1536, 2048, 96, 12288, 51200);
    assertEquals(3_386_196_746_387_324_928.0, flops, RELATIVE * flops);
  }

  /**
   * Eq. 3 of SC'21 (with recomputation) for the same run: 96Bslh² + 16Bs²lh + 6BsVh, the layers
   * 4/3 of the model FLOPs and the logit layer unchanged (it is not recomputed).
   */
  @Test
  void equation3OfGpt3AtBatch1536() {
    double flops =
        MegatronFormulas.flopsPerIterationWithRecomputation(1536, 2048, 96, 12288, 51200);
    double byHand = 4.0 / 3 * (3_283_124_128_353_091_584.0 + 91_197_892_454_252_544.0)
        + 11_874_725_579_980_800.0;
    assertEquals(4_510_970_753_323_106_304.0, byHand, RELATIVE * byHand);
    assertEquals(byHand, flops, RELATIVE * flops);
  }

  /**
   * SC'21 §5.1 estimates 34 days for GPT-3 on 300B tokens with 1024 A100s at 140 TFLOP/s each,
   * from eq. 3 per token (≈ 8P FLOPs). Our eq. 3 gives the same to within a day.
   */
  @Test
  void equation3ReproducesThe34DayEstimate() {
    double perIteration =
        MegatronFormulas.flopsPerIterationWithRecomputation(1536, 2048, 96, 12288, 51200);
    double iterations = 300e9 / (1536 * 2048);
    double days = perIteration * iterations / (1024 * 140e12) / 86_400;
    assertEquals(34, days, 1.0, "days: " + days);
  }

  static java.util.stream.Stream<String> megatronIds() {
    return CatalogModels.all().stream()
        .map(ModelShape::id)
        .filter(id -> id.startsWith("megatron-sc21-") || id.equals("gpt3-175b"));
  }

  /**
   * For the GPT shape, 3 × the spec's forward FLOPs per token (attending to all s keys, as
   * Megatron counts) × B·s is exactly the model FLOPs formula: the general counter and the closed
   * form agree.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("megatronIds")
  void threeForwardPassesOfTheSpecAreTheModelFlops(String id) {
    TransformerSpec spec = CatalogTransformers.toSpec(CatalogModels.model(id));
    long batch = 1536;
    long s = 2048;
    double fromSpec = 3 * spec.forwardFlopsPerToken(s).mainModel() * batch * s;
    double formula = MegatronFormulas.modelFlopsPerIteration(
        batch, s, spec.layers(), spec.hiddenSize(), spec.vocabSize());
    assertEquals(formula, fromSpec, RELATIVE * formula, id);
  }
}
