package org.supernodesim.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.model.catalog.ModelShape;

/**
 * Parameter counts computed from every catalog shape against the published totals (1%), and
 * against the catalog's own recomputation ({@code paramsCheck}, exact) so that a disagreement
 * says which component differs.
 */
class CatalogParameterCountTest {
  private static final double TOLERANCE = 0.01;

  /**
   * Models whose published total is more than 1% from the shape, with the catalog's reason
   * (models/README.md, "Differences above 1%"); each is checked by its reason instead.
   */
  private static final Map<String, String> TOTAL_BEYOND_ONE_PERCENT = Map.of(
      "megatron-sc21-1.7b", "SC'21 Table 1 prints eq. 2 rounded to one decimal (1.652B -> 1.7)",
      "megatron-sc21-3.6b", "SC'21 Table 1 prints eq. 2 rounded to one decimal (3.562B -> 3.6)",
      "llama-2-7b", "the published size is the model's name: the checkpoint has 6.74B (-> 7B)",
      "llama-2-70b", "the published size is the model's name: the checkpoint has 68.98B (-> 70B)",
      "gpt3-350m", "GPT-3 Table 2.1 rounds n_params: 355.9M printed as 350M",
      "gpt3-1.3b", "GPT-3 Table 2.1 rounds n_params: 1.316B printed as 1.3B",
      "gpt3-2.7b", "GPT-3 Table 2.1 rounds n_params: 2.652B printed as 2.7B",
      "kimi-k2", "the report's 1.04T exceeds the released config's 1.026T by about one MoE layer,"
          + " which the report does not explain (the model card says 1T)");

  /** As {@link #TOTAL_BEYOND_ONE_PERCENT}, for active parameters. */
  private static final Map<String, String> ACTIVE_BEYOND_ONE_PERCENT = Map.of(
      "deepseek-v3", "the 37B of the paper is a rounding of 36.6B/36.7B (README_WEIGHTS), which"
          + " leaves out the 0.93B input-embedding table that the catalog's active count includes");

  /** Models with no published shape: formula none in paramsCheck. */
  private static final List<String> NOT_COMPUTABLE = List.of("qwen3-max");

  static Stream<String> computableIds() {
    return CatalogModels.all().stream()
        .map(ModelShape::id)
        .filter(id -> !NOT_COMPUTABLE.contains(id));
  }

  static Stream<String> moeIds() {
    return CatalogModels.all().stream()
        .filter(m -> "moe".equals(m.kind()) && !NOT_COMPUTABLE.contains(m.id()))
        .map(ModelShape::id);
  }

  private static long check(ModelShape shape, String key) {
    Object value = shape.paramsCheck().get(key);
    assertNotNull(value, shape.id() + ": paramsCheck." + key + " missing");
    return ((Number) value).longValue();
  }

  private static double checkPercent(ModelShape shape, String key) {
    Object value = shape.paramsCheck().get(key);
    assertNotNull(value, shape.id() + ": paramsCheck." + key + " missing");
    return ((Number) value).doubleValue();
  }

  private static double relativeError(long computed, long published) {
    return (double) computed / published - 1;
  }

  @Test
  void theCatalogHasTheModelsOfTheIssue() {
    List<String> ids = CatalogModels.all().stream().map(ModelShape::id).toList();
    for (String id : List.of("gpt3-175b", "megatron-sc21-1.7b", "megatron-sc21-1t",
        "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "qwen2.5-72b", "qwen3-235b-a22b",
        "deepseek-v3", "ling-lite", "ling-plus", "mixtral-8x7b",
        // Issue 16: Llama 2, the rest of GPT-3's Table 2.1, Mixtral 8x22B, Kimi K2.
        "llama-2-7b", "llama-2-13b", "llama-2-70b", "gpt3-125m", "gpt3-350m", "gpt3-760m",
        "gpt3-1.3b", "gpt3-2.7b", "gpt3-6.7b", "gpt3-13b", "mixtral-8x22b", "kimi-k2")) {
      assertTrue(ids.contains(id), id + " missing from the catalog: " + ids);
    }
    assertEquals(10, ids.stream().filter(id -> id.startsWith("megatron-sc21-")).count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("computableIds")
  void componentsEqualTheCatalogsRecomputation(String id) {
    ModelShape shape = CatalogModels.model(id);
    TransformerSpec spec = CatalogTransformers.toSpec(shape);
    ParameterCounts counts = spec.parameterCounts();
    Map<String, Object> pc = shape.paramsCheck();
    long h = spec.hiddenSize();
    assertEquals(check(shape, "embedding"), counts.total().embedding(), id + " embedding");
    assertEquals(check(shape, "outputHead"), counts.total().outputHead(), id + " output head");
    assertEquals(check(shape, "attentionPerLayer"), spec.attention().parameters(h),
        id + " attention per layer");
    if (pc.containsKey("denseLayer")) {
      assertEquals(check(shape, "denseLayer"), spec.layerParameters(0), id + " dense layer");
    }
    if (spec.ffn() instanceof FfnLayout.MoeAfterDense layout) {
      int last = spec.layers() - 1;
      assertEquals(check(shape, "expert"), layout.moe().routedExpert().parameters(h),
          id + " expert");
      assertEquals(check(shape, "moeLayer"), spec.layerParameters(last), id + " MoE layer");
      assertEquals(check(shape, "moeLayerActive"), spec.layerActiveParameters(last),
          id + " MoE layer, active");
    }
    assertEquals(check(shape, "computedTotal"), counts.totalParameters(), id + " total");
    assertEquals(check(shape, "computedActive"), counts.activeParameters(), id + " active");
    assertEquals(check(shape, "computedNonEmbedding"), counts.total().withoutEmbeddingAndHead(),
        id + " non-embedding");
    assertEquals(shape.derived().kvCacheElementsPerTokenPerLayer(),
        spec.attention().kvCacheElementsPerToken(), id + " KV cache per token and layer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("computableIds")
  void totalIsWithinOnePercentOfThePublishedTotal(String id) {
    ModelShape shape = CatalogModels.model(id);
    long computed = CatalogTransformers.toSpec(shape).parameterCounts().totalParameters();
    long published = shape.parameters().total();
    double error = relativeError(computed, published);
    String what = String.format("%s total: computed %,d vs published %,d (%s): %+.3f%%", id,
        computed, published, shape.parameters().totalAsPublished(), 100 * error);
    if (TOTAL_BEYOND_ONE_PERCENT.containsKey(id)) {
      // Kept honest: an exception that no longer needs to be one is removed from the list.
      assertTrue(Math.abs(error) > TOLERANCE, what + " is within 1%: drop the exception");
      assertEquals(checkPercent(shape, "diffTotalPercent") / 100.0, error, 0.00005,
          what + " vs the catalog's stated difference, because "
              + TOTAL_BEYOND_ONE_PERCENT.get(id));
    } else {
      assertTrue(Math.abs(error) <= TOLERANCE, what + " exceeds the tolerance of 1%");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("moeIds")
  void activeIsWithinOnePercentOfThePublishedActive(String id) {
    ModelShape shape = CatalogModels.model(id);
    long computed = CatalogTransformers.toSpec(shape).parameterCounts().activeParameters();
    long published = shape.parameters().active();
    double error = relativeError(computed, published);
    String what = String.format("%s active: computed %,d vs published %,d (%s): %+.3f%%", id,
        computed, published, shape.parameters().activeAsPublished(), 100 * error);
    if (ACTIVE_BEYOND_ONE_PERCENT.containsKey(id)) {
      assertTrue(Math.abs(error) > TOLERANCE, what + " is within 1%: drop the exception");
      assertEquals(checkPercent(shape, "diffActivePercent") / 100.0, error, 0.00005,
          what + " vs the catalog's stated difference, because "
              + ACTIVE_BEYOND_ONE_PERCENT.get(id));
    } else {
      assertTrue(Math.abs(error) <= TOLERANCE, what + " exceeds the tolerance of 1%");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("computableIds")
  void denseModelsActivateEveryParameter(String id) {
    ModelShape shape = CatalogModels.model(id);
    ParameterCounts counts = CatalogTransformers.toSpec(shape).parameterCounts();
    if ("dense".equals(shape.kind())) {
      assertEquals(counts.totalParameters(), counts.activeParameters(), id);
    } else {
      assertTrue(counts.activeParameters() < counts.totalParameters(), id);
    }
  }

  /**
   * Megatron-LM SC'21 Table 1 gives eq. 2 rounded to 0.1B; the shapes reproduce eq. 2 exactly,
   * and the spec adds the final LayerNorm (2h) that eq. 2 leaves out.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("computableIds")
  void megatronTable1IsEquation2RoundedToOneDecimal(String id) {
    if (!id.startsWith("megatron-sc21-")) {
      return;
    }
    ModelShape shape = CatalogModels.model(id);
    TransformerSpec spec = CatalogTransformers.toSpec(shape);
    long eq2 = MegatronFormulas.parametersEq2(spec.layers(), spec.hiddenSize(), spec.vocabSize(),
        ((PositionEncoding.Learned) spec.positions()).maxPositions());
    assertEquals(check(shape, "megatronEq2"), eq2, id + " eq. 2");
    assertEquals(eq2 + 2 * spec.hiddenSize(), spec.parameterCounts().totalParameters(),
        id + ": eq. 2 plus the final LayerNorm");
    assertEquals(shape.parameters().total(), Math.round(eq2 / 1e8) * 100_000_000L,
        id + ": Table 1 is eq. 2 (" + eq2 + ") in billions to one decimal");
  }

  /**
   * DeepSeek-V3: the 671B main model, the 11.5B unique MTP parameters (README_WEIGHTS) and the
   * 685B checkpoint (README: 671B + 14B MTP), and the active count without the input embedding.
   */
  @Test
  void deepSeekV3MtpAndActiveCountsAsTheCatalogStates() {
    ModelShape shape = CatalogModels.model("deepseek-v3");
    TransformerSpec spec = CatalogTransformers.toSpec(shape);
    ParameterCounts counts = spec.parameterCounts();
    assertEquals(3, spec.denseLayers());
    assertEquals(58, spec.moeLayers());
    assertEquals(1, spec.mtpModules());

    assertEquals(check(shape, "computedMtpUnique"), counts.mtpUnique(), "MTP unique");
    double mtpError = relativeError(counts.mtpUnique(), shape.parameters().mtpUnique());
    assertTrue(Math.abs(mtpError) <= TOLERANCE, String.format(
        "MTP unique %,d vs published 11.5B: %+.3f%%, tolerance 1%%", counts.mtpUnique(),
        100 * mtpError));

    // The checkpoint stores the MTP module with its own copies of embedding and head
    // (catalog paramsCheck.explanation), though training shares them.
    long checkpoint = counts.totalWithMtp() + counts.total().embedding()
        + counts.total().outputHead();
    assertEquals(check(shape, "computedCheckpointTotal"), checkpoint, "checkpoint");
    double checkpointError = relativeError(checkpoint, shape.parameters().checkpointTotal());
    assertTrue(Math.abs(checkpointError) <= TOLERANCE, String.format(
        "checkpoint %,d vs 685B: %+.3f%%, tolerance 1%%", checkpoint, 100 * checkpointError));

    assertEquals(check(shape, "computedActiveWithoutInputEmbedding"),
        counts.activeWithoutInputEmbedding(), "active without the input embedding");
    // README_WEIGHTS: 36.7B activated (embedding and head included, by its current text); the
    // catalog quotes it in paramsCheck.explanation. Our count without the input table is within
    // 1% of it, which is why the published 37B misses by 1.49%.
    double weightsError = relativeError(counts.activeWithoutInputEmbedding(), 36_700_000_000L);
    assertTrue(Math.abs(weightsError) <= TOLERANCE, String.format(
        "active w/o input embedding %,d vs README_WEIGHTS 36.7B: %+.3f%%, tolerance 1%%",
        counts.activeWithoutInputEmbedding(), 100 * weightsError));
  }
}
