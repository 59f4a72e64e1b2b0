package org.supernodesim.model.huggingface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.supernodesim.model.catalog.ModelShape;

/**
 * Maps a Hugging Face {@code config.json} of a {@link HuggingFaceFamily} to the catalog's shape
 * schema, so that it becomes a spec through the same checks as a catalog file. A key the shape
 * needs and the file lacks is a {@link ConfigProblem}; a key with a documented meaning when absent
 * (no KV-head count means multi-head attention, no {@code head_dim} means {@code hidden_size /
 * num_attention_heads}, no bias flag means no bias) takes that meaning, recorded in the shape's
 * {@code sources}. What each family reads is listed in the README ("Models").
 *
 * <p>Worked example, meta-llama/Llama-3.1-8B: {@code hidden_size} 4096, {@code
 * num_hidden_layers} 32, {@code num_attention_heads} 32, {@code num_key_value_heads} 8 (head
 * dimension 4096 / 32 = 128), {@code intermediate_size} 14336, {@code vocab_size} 128256, {@code
 * tie_word_embeddings} false: the catalog's llama-3.1-8b shape, 8,030,261,248 parameters.
 */
public final class HuggingFaceShapes {
  private HuggingFaceShapes() {}

  /**
   * The shape of {@code config}.
   *
   * @param presentKeys the top-level keys the file has, null-valued ones included: {@code
   *     q_lora_rank: null} (uncompressed queries) differs from a file without the key
   * @param id the model's id in results
   * @throws HuggingFaceConfigException naming each key that is missing, null or invalid, or the
   *     model type when it is not a supported family
   */
  public static HuggingFaceModel toModel(
      HuggingFaceConfig config, Set<String> presentKeys, String id) {
    String type = config.modelType();
    if (type == null) {
      throw new HuggingFaceConfigException(List.of(new ConfigProblem("model_type",
          (presentKeys.contains("model_type") ? "null" : "missing")
              + "; it names the architecture; supported: " + HuggingFaceFamily.supported())));
    }
    HuggingFaceFamily family = HuggingFaceFamily.of(type).orElseThrow(() ->
        new HuggingFaceConfigException(List.of(new ConfigProblem("model_type", "\"" + type
            + "\" is not a supported model type; supported: " + HuggingFaceFamily.supported()))));
    return new Mapping(config, family, new ConfigReader(type, presentKeys), id).build();
  }

  /** One file's mapping: reads keys in the family's way, then assembles the shape. */
  private static final class Mapping {
    private final HuggingFaceConfig c;
    private final HuggingFaceFamily family;
    private final ConfigReader r;
    private final String id;
    private final List<String> simplifications = new ArrayList<>();
    // The shape's parts, filled by the family's reader.
    private Integer layers;
    private Long hidden;
    private Long vocab;
    private Boolean tied;
    private String norm;
    private String positions;
    private Long learnedPositions;
    private Double ropeTheta;
    private ModelShape.Attention attention;
    private ModelShape.Ffn ffn;
    private ModelShape.Moe moe;
    private ModelShape.Mtp mtp;

    Mapping(HuggingFaceConfig c, HuggingFaceFamily family, ConfigReader r, String id) {
      this.c = c;
      this.family = family;
      this.r = r;
      this.id = id;
    }

    HuggingFaceModel build() {
      switch (family) {
        case GPT2 -> gpt2();
        case GPT_NEOX -> gptNeox();
        case DEEPSEEK -> deepSeek();
        default -> gqaDecoder();
      }
      if (r.failed()) {
        throw new HuggingFaceConfigException(r.problems());
      }
      Long context = learnedPositions != null ? learnedPositions : c.maxPositionEmbeddings();
      ModelShape shape = new ModelShape(id, id, null, List.of(), null, null,
          moe == null ? "dense" : "moe", layers, hidden, vocab, null, tied, positions, norm,
          attention, ffn, moe, mtp, null,
          new ModelShape.Sequence(null, context, context, null, null),
          null, null, null, Map.of(), null, List.of(), List.of(), r.sources());
      return new HuggingFaceModel(shape, simplifications);
    }

    /** The shared trunk: width, depth, vocabulary, and whether the head is the embedding. */
    private void trunk(Long width, String widthKey, Integer depth, String depthKey,
        boolean tiedByDefault) {
      hidden = r.count(width, widthKey, "hiddenSize");
      layers = r.count(depth, depthKey, "layers");
      vocab = r.count(c.vocabSize(), "vocab_size", "vocabSize");
      tied = r.optional(c.tieWordEmbeddings(), "tie_word_embeddings", "tiedEmbeddings",
          tiedByDefault, tiedByDefault ? "the head shares the token embedding (class default)"
              : "a separate output head (class default)");
    }

    /** Llama, Mistral, Qwen2/3, Qwen3-MoE, Mixtral: GQA, gated SiLU MLP, RMSNorm, RoPE. */
    private void gqaDecoder() {
      trunk(c.hiddenSize(), "hidden_size", c.numHiddenLayers(), "num_hidden_layers", false);
      rmsNormAndRope(family == HuggingFaceFamily.MIXTRAL ? 1e6 : 10_000.0);
      boolean qwen3 = family == HuggingFaceFamily.QWEN3 || family == HuggingFaceFamily.QWEN3_MOE;
      boolean qkvBias;
      boolean outBias;
      if (family == HuggingFaceFamily.QWEN2) {
        qkvBias = true;
        outBias = false;
        r.fixed("attention.qkvBias", "modeling_qwen2: q, k and v projections carry a bias, o none");
      } else if (family == HuggingFaceFamily.MIXTRAL) {
        qkvBias = false;
        outBias = false;
        r.fixed("attention.qkvBias", "modeling_mixtral: bias-free projections");
      } else {
        qkvBias = r.optional(c.attentionBias(), "attention_bias", "attention.qkvBias", false,
            "no bias on q, k, v and o (class default)");
        outBias = qkvBias;
      }
      Integer heads = r.count(c.numAttentionHeads(), "num_attention_heads", "attention.heads");
      Integer kvHeads = r.optional(c.numKeyValueHeads(), "num_key_value_heads",
          "attention.kvHeads", heads, "one KV head per query head: multi-head attention");
      Integer headDim = qwen3
          ? r.count(c.headDim(), "head_dim", "attention.headDim")
          : headDim(heads);
      if (heads != null && kvHeads != null) {
        r.check(kvHeads > 0 && heads % kvHeads == 0, "num_key_value_heads", kvHeads
            + "; must divide num_attention_heads " + heads + " (each KV head serves a group)");
      }
      attention = new ModelShape.Attention(kvHeads != null && kvHeads.equals(heads) ? "mha" : "gqa",
          heads, kvHeads, headDim, qkvBias, outBias, qwen3, ropeTheta, ropeScaling(),
          slidingWindow(), null);
      if (family == HuggingFaceFamily.MIXTRAL) {
        mixtralExperts();
      } else if (family == HuggingFaceFamily.QWEN3_MOE) {
        qwen3Experts();
      } else {
        boolean bias = family == HuggingFaceFamily.LLAMA
            && r.optional(c.mlpBias(), "mlp_bias", "ffn.bias", false, "no bias (class default)");
        ffn = new ModelShape.Ffn(r.count(c.intermediateSize(), "intermediate_size",
            "ffn.intermediateSize"), null, gatedActivation(), 3, bias);
      }
    }

    /** RMSNorm throughout and rotary positions. */
    private void rmsNormAndRope(double defaultTheta) {
      norm = "rmsnorm";
      r.fixed("norm", "RMSNorm in every " + family + " block");
      positions = "rope";
      ropeTheta = r.optional(c.ropeTheta(), "rope_theta", "attention.ropeTheta", defaultTheta,
          "the class default " + defaultTheta);
    }

    /** {@code head_dim}, or the width split evenly over the heads as the class derives it. */
    private Integer headDim(Integer heads) {
      if (c.headDim() != null) {
        return r.count(c.headDim(), "head_dim", "attention.headDim");
      }
      if (hidden == null || heads == null) {
        return null;
      }
      if (hidden % heads != 0) {
        r.problem("num_attention_heads", heads + " does not divide hidden_size " + hidden
            + "; give head_dim");
        return null;
      }
      r.fixed("attention.headDim",
          "config.json head_dim absent: hidden_size / num_attention_heads");
      return (int) (hidden / heads);
    }

    /** The MLP of these families is always gated (gate, up, down); SiLU makes it SwiGLU. */
    private String gatedActivation() {
      String act = r.optional(c.hiddenAct(), "hidden_act", "ffn.activation", "silu",
          "silu (class default)");
      if (!act.equals("silu")) {
        simplifications.add("hidden_act " + act + " in a gated MLP is run as SwiGLU: the same"
            + " three matrices; the nonlinearity is elementwise work");
      }
      return "swiglu";
    }

    private String ropeScaling() {
      if (c.ropeScaling() == null) {
        return "none";
      }
      return new TreeMap<>(c.ropeScaling()).toString();
    }

    /** A sliding window, where the file enables one, as the attention pattern (run as full). */
    private String slidingWindow() {
      boolean qwen = family == HuggingFaceFamily.QWEN2 || family == HuggingFaceFamily.QWEN3
          || family == HuggingFaceFamily.QWEN3_MOE;
      boolean enabled = c.slidingWindow() != null
          && (!qwen || Boolean.TRUE.equals(c.useSlidingWindow()));
      return enabled ? "sliding window of " + c.slidingWindow() + " tokens (config.json"
          + " sliding_window)" : null;
    }

    /** Mixtral: every FFN is {@code num_local_experts} experts of {@code intermediate_size}. */
    private void mixtralExperts() {
      Integer experts = r.count(c.numLocalExperts(), "num_local_experts", "moe.routedExperts");
      Integer topK = topK(experts);
      Long width = r.count(c.intermediateSize(), "intermediate_size",
          "moe.expertIntermediateSize");
      ffn = new ModelShape.Ffn(null, width, gatedActivation(), 3, false);
      r.fixed("moe.router.scoring", "modeling_mixtral: softmax over the router logits, top-k,"
          + " renormalised: a softmax over the top-k logits");
      moe = new ModelShape.Moe(experts, topK, 0, width, 0L, 0, null, 1,
          new ModelShape.Router("softmax-over-top-k", true, false, 1, 1, 1.0, null, null));
    }

    /** Qwen3-MoE: routed experts in every layer but those {@code mlp_only_layers} lists. */
    private void qwen3Experts() {
      Integer experts = r.count(c.numExperts(), "num_experts", "moe.routedExperts");
      Integer topK = topK(experts);
      Long width = r.count(c.moeIntermediateSize(), "moe_intermediate_size",
          "moe.expertIntermediateSize");
      Integer step = r.optional(c.decoderSparseStep(), "decoder_sparse_step",
          "moe.layerFrequency", 1, "1: every layer has experts (class default)");
      r.check(step == 1, "decoder_sparse_step", step + "; experts in every " + step
          + "-th layer only are not represented (valid: 1)");
      List<Integer> dense = r.optional(c.mlpOnlyLayers(), "mlp_only_layers",
          "moe.denseLayersFirst", List.of(), "empty: no dense layer (class default)");
      int denseFirst = dense.size();
      r.check(dense.equals(IntStream.range(0, denseFirst).boxed().toList()), "mlp_only_layers",
          dense + "; only the first k layers may be dense, listed as [0, 1, ..., k-1]");
      Long denseWidth = denseFirst > 0
          ? r.count(c.intermediateSize(), "intermediate_size", "ffn.intermediateSize") : null;
      if (layers != null) {
        r.check(denseFirst < layers, "mlp_only_layers", "lists every layer: no layer has experts");
      }
      Boolean normalize = r.optional(c.normTopkProb(), "norm_topk_prob",
          "moe.router.normalizeTopK", false, "the top-k weights are not renormalised");
      ffn = new ModelShape.Ffn(denseWidth, c.intermediateSize(), gatedActivation(), 3, false);
      moe = new ModelShape.Moe(experts, topK, 0, width, 0L, denseFirst, null, 1,
          new ModelShape.Router("softmax", normalize, false, 1, 1, 1.0, null, null));
    }

    private Integer topK(Integer experts) {
      Integer topK = r.count(c.numExpertsPerTok(), "num_experts_per_tok",
          "moe.expertsPerToken");
      if (topK != null && experts != null) {
        r.check(topK <= experts, "num_experts_per_tok", topK + "; more than the " + experts
            + " experts");
      }
      return topK;
    }

    /** DeepSeek-V2/V3 and Kimi K2: MLA, shared and routed experts after k dense layers. */
    private void deepSeek() {
      trunk(c.hiddenSize(), "hidden_size", c.numHiddenLayers(), "num_hidden_layers", false);
      rmsNormAndRope(10_000.0);
      Integer heads = r.count(c.numAttentionHeads(), "num_attention_heads", "attention.heads");
      Integer queryRank;
      if (c.qLoraRank() == null && r.has("q_lora_rank")) {
        queryRank = 0;
        r.fixed("attention.mla.qLoraRank",
            "config.json q_lora_rank null: queries projected without compression");
      } else {
        queryRank = r.count(c.qLoraRank(), "q_lora_rank", "attention.mla.qLoraRank");
      }
      Integer nope = r.count(c.qkNopeHeadDim(), "qk_nope_head_dim", "attention.mla.qkNopeHeadDim");
      Integer rope = r.count(c.qkRopeHeadDim(), "qk_rope_head_dim", "attention.mla.qkRopeHeadDim");
      ModelShape.Mla mla = new ModelShape.Mla(queryRank,
          r.count(c.kvLoraRank(), "kv_lora_rank", "attention.mla.kvLoraRank"), nope, rope,
          r.count(c.vHeadDim(), "v_head_dim", "attention.mla.vHeadDim"));
      boolean bias = r.optional(c.attentionBias(), "attention_bias", "attention.qkvBias", false,
          "bias-free projections (class default)");
      r.check(!bias, "attention_bias", "true; MLA with biased projections is not represented");
      attention = new ModelShape.Attention("mla", heads, heads,
          nope == null || rope == null ? null : nope + rope, false, false, false, ropeTheta,
          ropeScaling(), null, mla);
      deepSeekExperts();
      Integer modules = r.optional(c.numNextnPredictLayers(), "num_nextn_predict_layers",
          "mtp.modules", 0, "no multi-token-prediction module");
      r.check(modules >= 0, "num_nextn_predict_layers", modules + "; must be >= 0");
      mtp = modules > 0 ? new ModelShape.Mtp(modules, true, true, "one MoE block sharing the"
          + " embedding and the output head (DeepSeek-V3 §2.2)") : null;
    }

    private void deepSeekExperts() {
      boolean v2 = c.modelType().equals("deepseek_v2");
      Integer experts = r.count(c.nRoutedExperts(), "n_routed_experts", "moe.routedExperts");
      Integer shared = r.require(c.nSharedExperts(), "n_shared_experts", "moe.sharedExperts");
      Integer topK = topK(experts);
      Long width = r.count(c.moeIntermediateSize(), "moe_intermediate_size",
          "moe.expertIntermediateSize");
      Integer denseFirst = r.require(c.firstKDenseReplace(), "first_k_dense_replace",
          "moe.denseLayersFirst");
      Integer frequency = r.optional(c.moeLayerFreq(), "moe_layer_freq", "moe.layerFrequency", 1,
          "1: every layer after the dense ones has experts");
      r.check(frequency == 1, "moe_layer_freq", frequency + "; experts in every " + frequency
          + "-th layer only are not represented (valid: 1)");
      r.check(shared == null || shared >= 0, "n_shared_experts", shared + "; must be >= 0");
      if (denseFirst != null && layers != null) {
        r.check(denseFirst >= 0 && denseFirst < layers, "first_k_dense_replace", denseFirst
            + "; must leave at least one of the " + layers + " layers with experts");
      }
      Long denseWidth = denseFirst != null && denseFirst > 0
          ? r.count(c.intermediateSize(), "intermediate_size", "ffn.intermediateSize") : null;
      String method = r.optional(c.topkMethod(), "topk_method", "moe.router.loadBalancing",
          v2 ? "greedy" : "noaux_tc", "the class default of " + c.modelType());
      r.check(List.of("greedy", "group_limited_greedy", "noaux_tc").contains(method),
          "topk_method", "\"" + method + "\"; valid: greedy, group_limited_greedy, noaux_tc");
      int groups = 1;
      int topKGroups = 1;
      if (!method.equals("greedy")) {
        groups = r.optional(c.nGroup(), "n_group", "moe.router.groups", 1, "ungrouped");
        topKGroups = r.optional(c.topkGroup(), "topk_group", "moe.router.topKGroups", 1,
            "ungrouped");
        r.check(groups >= 1 && topKGroups >= 1 && topKGroups <= groups, "topk_group",
            topKGroups + " of n_group " + groups + "; must be between 1 and n_group");
      }
      String scoring = r.optional(c.scoringFunc(), "scoring_func", "moe.router.scoring",
          v2 ? "softmax" : "sigmoid", "the class default of " + c.modelType());
      r.check(scoring.equals("softmax") || scoring.equals("sigmoid"), "scoring_func",
          "\"" + scoring + "\"; valid: softmax, sigmoid");
      Boolean normalize = r.optional(c.normTopkProb(), "norm_topk_prob",
          "moe.router.normalizeTopK", false, "the top-k weights are not renormalised");
      Double scale = r.optional(c.routedScalingFactor(), "routed_scaling_factor",
          "moe.router.scalingFactor", 1.0, "1.0");
      ffn = new ModelShape.Ffn(denseWidth, c.intermediateSize(), gatedActivation(), 3, false);
      Long sharedWidth = shared == null || width == null ? null : shared * width;
      // noaux_tc adds the per-expert correction bias of auxiliary-loss-free balancing.
      moe = new ModelShape.Moe(experts, topK, shared, width, sharedWidth, denseFirst, null, 1,
          new ModelShape.Router(scoring, normalize, method.equals("noaux_tc"), groups,
              topKGroups, scale, method, null));
    }

    /** GPT-NeoX: LayerNorm, GELU MLP with biases, rotary, usually a parallel residual. */
    private void gptNeox() {
      trunk(c.hiddenSize(), "hidden_size", c.numHiddenLayers(), "num_hidden_layers", false);
      norm = "layernorm";
      r.fixed("norm", "LayerNorm with gain and bias (modeling_gpt_neox)");
      positions = "rope";
      // Newer files write rope_theta, older ones rotary_emb_base: the same base.
      Double theta = c.ropeTheta() != null
          ? r.require(c.ropeTheta(), "rope_theta", "attention.ropeTheta")
          : r.optional(c.rotaryEmbBase(), "rotary_emb_base", "attention.ropeTheta", 10_000.0,
              "the class default 10000");
      Integer heads = r.count(c.numAttentionHeads(), "num_attention_heads", "attention.heads");
      boolean bias = r.optional(c.attentionBias(), "attention_bias", "attention.qkvBias", true,
          "biased q, k, v and o projections (class default)");
      Double rotary = r.optional(c.rotaryPct(), "rotary_pct", "attention.ropeScaling", 0.25,
          "0.25 (class default)");
      attention = new ModelShape.Attention("mha", heads, heads, headDim(heads), bias, bias,
          false, theta, "rotary on " + rotary + " of each head; scaling " + ropeScaling(), null,
          null);
      ffn = new ModelShape.Ffn(r.count(c.intermediateSize(), "intermediate_size",
          "ffn.intermediateSize"), null, geluActivation(c.hiddenAct(), "hidden_act", "gelu"), 2,
          true);
      if (r.optional(c.useParallelResidual(), "use_parallel_residual", "block", true,
          "parallel residual (class default)")) {
        simplifications.add("use_parallel_residual: attention and MLP read the same input; run"
            + " one after the other (same parameters and FLOPs; a tensor-parallel run could"
            + " fuse their two all-reduces into one, which is not modelled)");
      }
      if (rotary < 1) {
        simplifications.add("rotary_pct " + rotary + ": rotary on part of each head, elementwise"
            + " work that is not priced either way");
      }
    }

    /** GPT-2: learned positions, LayerNorm, GELU MLP of 4h unless n_inner says otherwise. */
    private void gpt2() {
      trunk(c.nEmbd(), "n_embd", c.nLayer(), "n_layer", true);
      norm = "layernorm";
      r.fixed("norm", "LayerNorm with gain and bias (modeling_gpt2)");
      positions = "learned";
      learnedPositions = r.count(c.nPositions(), "n_positions", "sequence.maxPositionEmbeddings");
      Integer heads = r.count(c.nHead(), "n_head", "attention.heads");
      attention = new ModelShape.Attention("mha", heads, heads, headDim(heads), true, true,
          false, null, null, null, null);
      Long inner = c.nInner() != null
          ? r.count(c.nInner(), "n_inner", "ffn.intermediateSize")
          : hidden == null ? null : 4 * hidden;
      if (c.nInner() == null) {
        r.fixed("ffn.intermediateSize", "config.json n_inner absent or null: 4 x n_embd");
      }
      ffn = new ModelShape.Ffn(inner, null,
          geluActivation(c.activationFunction(), "activation_function", "gelu_new"), 2, true);
    }

    private String geluActivation(String value, String key, String fallback) {
      String act =
          r.optional(value, key, "ffn.activation", fallback, fallback + " (class default)");
      if (!act.startsWith("gelu")) {
        simplifications.add(key + " " + act + " is run as GELU: the same two matrices; the"
            + " nonlinearity is elementwise work");
      }
      return "gelu";
    }
  }
}
