package org.supernodesim.model.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.transformer.CatalogModels;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.MultiHeadLatentAttention;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.transformer.Router;
import org.supernodesim.model.transformer.RouterScoring;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * Published {@code config.json} files (test resources, provenance in their README) mapped family
 * by family: each gives exactly the parameters of the catalog model with the same shape, which
 * the catalog checks against the published totals, or the closed form of its architecture.
 */
class HuggingFaceShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode config(String name) {
    String path = "org/supernodesim/model/huggingface/" + name + ".json";
    try (InputStream in = HuggingFaceShapesTest.class.getClassLoader().getResourceAsStream(path)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HuggingFaceModel map(ObjectNode tree) {
    Set<String> keys = new HashSet<>();
    tree.fieldNames().forEachRemaining(keys::add);
    try {
      return HuggingFaceShapes.toModel(
          JSON.treeToValue(tree, HuggingFaceConfig.class), keys, "test-model");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HuggingFaceConfigException refusal(String name, Consumer<ObjectNode> edit) {
    ObjectNode tree = config(name);
    edit.accept(tree);
    return assertThrows(HuggingFaceConfigException.class, () -> map(tree));
  }

  @ParameterizedTest(name = "{0} is catalog {1}")
  @CsvSource({
    "llama-2-7b, llama-2-7b", "llama-2-70b, llama-2-70b", "qwen2.5-72b, qwen2.5-72b",
    "qwen3-32b, qwen3-32b", "qwen3-235b-a22b, qwen3-235b-a22b", "mixtral-8x7b, mixtral-8x7b",
    "mixtral-8x22b, mixtral-8x22b", "kimi-k2, kimi-k2"
  })
  void aPublishedConfigCountsAsItsCatalogModel(String file, String catalogId) {
    // Given the published config and the catalog's shape of the same model (whose totals the
    // catalog tests hold within 1% of the published ones).
    TransformerSpec fromConfig = map(config(file)).toSpec();
    TransformerSpec fromCatalog = CatalogTransformers.toSpec(CatalogModels.model(catalogId));

    // Then every component of the count is equal, to the parameter.
    ParameterCounts a = fromConfig.parameterCounts();
    ParameterCounts b = fromCatalog.parameterCounts();
    assertEquals(b.total(), a.total(), file + ": total breakdown");
    assertEquals(b.active(), a.active(), file + ": active breakdown");
    assertEquals(fromCatalog.attention(), fromConfig.attention(), file + ": attention");
    assertEquals(fromCatalog.ffn(), fromConfig.ffn(), file + ": FFN layout and router");
    assertEquals(fromCatalog.kvCacheElementsPerToken(), fromConfig.kvCacheElementsPerToken(),
        file + ": KV cache");
  }

  @Test
  void absentKvHeadsAndHeadDimMeanMultiHeadAttentionOverTheWidth() {
    // Llama 1-era files lack num_key_value_heads; LlamaConfig then uses one KV head per query
    // head, and head_dim = hidden_size / num_attention_heads = 4096 / 32 = 128.
    ObjectNode tree = config("llama-2-7b");
    tree.remove("num_key_value_heads");
    HuggingFaceModel model = map(tree);

    assertEquals(new GroupedQueryAttention(32, 32, 128, false, false, false),
        model.toSpec().attention());
    assertTrue(model.shape().sources().get("attention.kvHeads").contains("absent"),
        model.shape().sources().toString());
  }

  @Test
  void qwen2BiasesQkvAndQwen3NormsQk() {
    GroupedQueryAttention qwen2 = (GroupedQueryAttention) map(config("qwen2.5-72b")).toSpec()
        .attention();
    assertTrue(qwen2.qkvBias() && !qwen2.outBias() && !qwen2.qkNorm(), qwen2.toString());
    GroupedQueryAttention qwen3 = (GroupedQueryAttention) map(config("qwen3-32b")).toSpec()
        .attention();
    // Qwen3-32B: 64 heads of 128 = 8192 wide on h = 5120, with QK-norm and no bias.
    assertEquals(new GroupedQueryAttention(64, 8, 128, false, false, true), qwen3);
  }

  @Test
  void kimiK2ReadsAsDeepSeekV3WithItsOwnExpertsAndRouter() {
    TransformerSpec k2 = map(config("kimi-k2")).toSpec();
    assertEquals(new MultiHeadLatentAttention(64, 1536, 512, 128, 64, 128), k2.attention());
    FfnLayout.MoeAfterDense layout = assertInstanceOf(FfnLayout.MoeAfterDense.class, k2.ffn());
    assertEquals(1, layout.denseLayersFirst());
    assertEquals(384, layout.moe().routedExperts());
    // noaux_tc with n_group 1: a sigmoid router with the balancing bias, ungrouped.
    assertEquals(new Router(RouterScoring.SIGMOID, true, 1, 1), layout.moe().router());
    assertEquals(0, k2.mtpModules(), "num_nextn_predict_layers 0");
  }

  @Test
  void gpt2SmallIsTheGptClosedFormAnd124M() {
    // 12·L·h² + 13·L·h + (V + s)·h + 2h, L = 12, h = 768, V = 50,257, s = 1,024: tied head,
    // learned positions, LayerNorm, GELU MLP of 4h, biases everywhere.
    long l = 12;
    long h = 768;
    long expected = 12 * l * h * h + 13 * l * h + (50_257 + 1_024) * h + 2 * h;
    long counted = map(config("gpt2")).toSpec().parameterCounts().totalParameters();

    assertEquals(124_439_808L, expected, "the closed form itself");
    assertEquals(expected, counted, "GPT-2 small");
    assertEquals(124e6, counted, 0.01 * 124e6, "the model card's 124M, within 1%");
  }

  @Test
  void gptNeoxIsTheGptClosedFormWithAnUntiedHeadAndNoPositionTable() {
    // Pythia-160M: 12·L·h² + 13·L·h + 2·V·h + 2h (embed_in and embed_out separate, rotary).
    long l = 12;
    long h = 768;
    long v = 50_304;
    HuggingFaceModel model = map(config("pythia-160m"));

    assertEquals(12 * l * h * h + 13 * l * h + 2 * v * h + 2 * h,
        model.toSpec().parameterCounts().totalParameters());
    assertTrue(model.simplifications().stream().anyMatch(s -> s.contains("use_parallel_residual")),
        model.simplifications().toString());
  }

  @Test
  void uncompressedQueriesAreANullRankNotAMissingOne() {
    // DeepSeek-V2-Lite writes q_lora_rank: null (queries projected from h directly); a file
    // without the key gives no rank at all, which is a mistake.
    ObjectNode withNull = config("kimi-k2");
    withNull.putNull("q_lora_rank");
    assertEquals(0, ((MultiHeadLatentAttention) map(withNull).toSpec().attention()).qLoraRank());

    HuggingFaceConfigException e = refusal("kimi-k2", t -> t.remove("q_lora_rank"));
    assertEquals("q_lora_rank", e.problems().get(0).key());
    assertTrue(e.problems().get(0).message().startsWith("missing"), e.getMessage());
  }

  @Test
  void everyMissingKeyIsNamedInOnePass() {
    HuggingFaceConfigException e = refusal("llama-2-70b", t -> {
      t.remove("hidden_size");
      t.remove("vocab_size");
    });
    assertEquals(List.of("hidden_size", "vocab_size"),
        e.problems().stream().map(ConfigProblem::key).toList());
    assertTrue(e.problems().get(0).message().contains("a llama config must give it"),
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " | ", value = {
    "unknown model type | llama-2-7b | model_type | falcon | is not a supported model type",
    "KV heads not dividing the heads | llama-2-70b | num_key_value_heads | 7 | must divide",
    "experts in every other layer | qwen3-235b-a22b | decoder_sparse_step | 2 | not represented",
    "MLA with biases | kimi-k2 | attention_bias | true | MLA with biased projections",
    "an unknown expert selection | kimi-k2 | topk_method | best | valid: greedy",
    "a count of zero | mixtral-8x7b | num_local_experts | 0 | must be a positive count",
  })
  void anUnrepresentableValueIsRefusedAtItsKey(
      String what, String file, String key, String value, String expected) {
    HuggingFaceConfigException e = refusal(file, t -> t.set(key, JSON.valueToTree(
        value.matches("-?\\d+") ? (Object) Integer.parseInt(value)
            : value.equals("true") ? (Object) Boolean.TRUE : value)));
    assertEquals(key, e.problems().get(0).key(), what + ": " + e.getMessage());
    assertTrue(e.problems().get(0).message().contains(expected), what + ": " + e.getMessage());
  }

  @Test
  void qwen3NeedsItsHeadDimAndDenseLayersOnlyFirst() {
    // Qwen3's head_dim is not hidden_size / heads (5120 / 64 = 80, but the heads are 128 wide),
    // so a file without it cannot be read by derivation.
    assertEquals("head_dim", refusal("qwen3-32b", t -> t.remove("head_dim")).problems().get(0)
        .key());
    // Dense layers [0, 1] are the first two; [5] is not representable.
    TransformerSpec twoDense = map(edited("qwen3-235b-a22b",
        t -> t.set("mlp_only_layers", JSON.valueToTree(List.of(0, 1))))).toSpec();
    assertEquals(2, twoDense.denseLayers());
    assertEquals("mlp_only_layers", refusal("qwen3-235b-a22b",
        t -> t.set("mlp_only_layers", JSON.valueToTree(List.of(5)))).problems().get(0).key());
  }

  private static ObjectNode edited(String name, Consumer<ObjectNode> edit) {
    ObjectNode tree = config(name);
    edit.accept(tree);
    return tree;
  }
}
