package org.supernodesim.model.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.catalog.ModelShape;

class CatalogTransformersTest {

  @Test
  void qwen3MaxIsRefusedNamingEveryUnpublishedField() {
    UnsupportedShapeException e = assertThrows(UnsupportedShapeException.class,
        () -> CatalogTransformers.toSpec(CatalogModels.model("qwen3-max")));
    assertEquals("qwen3-max", e.modelId());
    for (String field : List.of("layers", "hiddenSize", "vocabSize", "tiedEmbeddings", "norm",
        "positionEmbedding", "attention", "ffn")) {
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(field + " is not given")),
          field + " not named in: " + e.getMessage());
    }
    assertTrue(e.getMessage().startsWith(
        "model qwen3-max cannot be represented as a TransformerSpec: "), e.getMessage());
  }

  @Test
  void everyOtherModelBuilds() {
    for (ModelShape shape : CatalogModels.all()) {
      if (!shape.id().equals("qwen3-max")) {
        TransformerSpec spec = CatalogTransformers.toSpec(shape);
        assertEquals(shape.layers(), spec.layers(), shape.id());
        assertEquals("moe".equals(shape.kind()), spec.ffn() instanceof FfnLayout.MoeAfterDense,
            shape.id());
      }
    }
  }

  @Test
  void simplificationsAreCarried() {
    TransformerSpec gpt3 = CatalogTransformers.toSpec(CatalogModels.model("gpt3-175b"));
    assertTrue(gpt3.simplifications().stream()
        .anyMatch(s -> s.contains("locally banded sparse") && s.contains("over-counts")),
        gpt3.simplifications().toString());
    TransformerSpec ling = CatalogTransformers.toSpec(CatalogModels.model("ling-plus"));
    assertTrue(ling.simplifications().stream().anyMatch(s -> s.contains("NormHead")),
        ling.simplifications().toString());
    assertEquals(List.of(),
        CatalogTransformers.toSpec(CatalogModels.model("llama-3.1-405b")).simplifications());
  }

  @Test
  void mixtralAndLingMapTheirMoe() {
    MoeFfn mixtral = ((FfnLayout.MoeAfterDense)
        CatalogTransformers.toSpec(CatalogModels.model("mixtral-8x7b")).ffn()).moe();
    assertEquals(RouterScoring.SOFTMAX_OVER_TOP_K, mixtral.router().scoring());
    assertEquals(0, mixtral.sharedExperts());
    MoeFfn lingLite = ((FfnLayout.MoeAfterDense)
        CatalogTransformers.toSpec(CatalogModels.model("ling-lite")).ffn()).moe();
    assertEquals(2, lingLite.sharedExperts());
    assertEquals(2816, lingLite.sharedMlp().orElseThrow().intermediateSize());
    TransformerSpec deepSeek = CatalogTransformers.toSpec(CatalogModels.model("deepseek-v3"));
    MoeFfn moe = ((FfnLayout.MoeAfterDense) deepSeek.ffn()).moe();
    assertEquals(new Router(RouterScoring.SIGMOID, true, 8, 4), moe.router());
    assertInstanceOf(GroupedQueryAttention.class,
        CatalogTransformers.toSpec(CatalogModels.model("qwen3-235b-a22b")).attention());
  }

  /** A catalog file edited as a copying mistake would edit it, to see the factory refuse it. */
  private static UnsupportedShapeException refusal(String file, String from, String to) {
    String yaml = CatalogModels.resource("models/" + file);
    assertTrue(yaml.contains(from), file + " no longer contains '" + from + "'");
    ModelShape shape = CatalogModels.parse(yaml.replace(from, to)).models().get(0);
    return assertThrows(UnsupportedShapeException.class, () -> CatalogTransformers.toSpec(shape));
  }

  @Test
  void contradictionsAndUnrepresentableFeaturesAreRefused() {
    assertProblem(refusal("deepseek-v3.yaml", "layerFrequency: 1", "layerFrequency: 2"),
        "interleaved MoE layers are not represented");
    assertProblem(refusal("deepseek-v3.yaml", "moeLayers: 58", "moeLayers: 61"),
        "moe.moeLayers 61 is not layers - denseLayersFirst = 58");
    assertProblem(refusal("deepseek-v3.yaml", "headDim: 192", "headDim: 128"),
        "attention.headDim 128 is not qkNopeHeadDim + qkRopeHeadDim = 192");
    assertProblem(refusal("deepseek-v3.yaml", "paramsPerLayer: 1835264", "paramsPerLayer: 1835008"),
        "moe.router.paramsPerLayer 1835008 is not routedExperts x hiddenSize (+ bias) = 1835264");
    assertProblem(refusal("deepseek-v3.yaml", "sharesOutputHead: true", "sharesOutputHead: false"),
        "MTP modules with their own embedding or output head");
    assertProblem(refusal("llama-3.1-8b.yaml", "matrices: 3", "matrices: 2"),
        "ffn.matrices 2 contradicts ffn.activation swiglu");
    assertProblem(refusal("llama-3.1-8b.yaml", "kind: gqa", "kind: mha"),
        "attention.kind mha with 32 heads and 8 KV heads");
    assertProblem(refusal("llama-3.1-8b.yaml", "kvHeads: 8", "kvHeads: 5"),
        "multiple of KV heads");
    assertProblem(refusal("mixtral-8x7b.yaml", "scoring: softmax-over-top-k", "scoring: argmax"),
        "moe.router.scoring 'argmax'");
  }

  private static void assertProblem(UnsupportedShapeException e, String expected) {
    assertTrue(e.problems().stream().anyMatch(p -> p.contains(expected)),
        "expected a problem containing '" + expected + "' in: " + e.getMessage());
  }
}
