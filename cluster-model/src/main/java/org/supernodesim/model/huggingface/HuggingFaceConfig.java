package org.supernodesim.model.huggingface;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a Hugging Face {@code config.json} that give a decoder's shape, under their own
 * names, for every family {@link HuggingFaceFamily} lists. A key the file lacks (or sets to
 * {@code null}) is {@code null} here; which keys a family needs and what an absent optional one
 * means is {@link HuggingFaceShapes}' business. Other keys of the file (token ids, dropout,
 * initialisation, quantisation) do not change the shape and are ignored.
 *
 * <p>The record holds what the file says, nothing derived: reading it is the scenarios module's
 * job (cluster-model may not parse files), mapping it to a shape this package's.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HuggingFaceConfig(
    @JsonProperty("model_type") String modelType,
    @JsonProperty("architectures") List<String> architectures,
    // The decoder: Llama, Mistral, Qwen2/3, Mixtral, DeepSeek, GPT-NeoX.
    @JsonProperty("vocab_size") Long vocabSize,
    @JsonProperty("hidden_size") Long hiddenSize,
    @JsonProperty("intermediate_size") Long intermediateSize,
    @JsonProperty("num_hidden_layers") Integer numHiddenLayers,
    @JsonProperty("num_attention_heads") Integer numAttentionHeads,
    @JsonProperty("num_key_value_heads") Integer numKeyValueHeads,
    @JsonProperty("head_dim") Integer headDim,
    @JsonProperty("hidden_act") String hiddenAct,
    @JsonProperty("attention_bias") Boolean attentionBias,
    @JsonProperty("mlp_bias") Boolean mlpBias,
    @JsonProperty("tie_word_embeddings") Boolean tieWordEmbeddings,
    @JsonProperty("max_position_embeddings") Long maxPositionEmbeddings,
    @JsonProperty("rope_theta") Double ropeTheta,
    @JsonProperty("rope_scaling") Map<String, Object> ropeScaling,
    @JsonProperty("sliding_window") Long slidingWindow,
    @JsonProperty("use_sliding_window") Boolean useSlidingWindow,
    // Mixture of experts: Mixtral, Qwen3-MoE, DeepSeek.
    @JsonProperty("num_local_experts") Integer numLocalExperts,
    @JsonProperty("num_experts") Integer numExperts,
    @JsonProperty("num_experts_per_tok") Integer numExpertsPerTok,
    @JsonProperty("moe_intermediate_size") Long moeIntermediateSize,
    @JsonProperty("norm_topk_prob") Boolean normTopkProb,
    @JsonProperty("decoder_sparse_step") Integer decoderSparseStep,
    @JsonProperty("mlp_only_layers") List<Integer> mlpOnlyLayers,
    @JsonProperty("n_routed_experts") Integer nRoutedExperts,
    @JsonProperty("n_shared_experts") Integer nSharedExperts,
    @JsonProperty("first_k_dense_replace") Integer firstKDenseReplace,
    @JsonProperty("moe_layer_freq") Integer moeLayerFreq,
    @JsonProperty("n_group") Integer nGroup,
    @JsonProperty("topk_group") Integer topkGroup,
    @JsonProperty("topk_method") String topkMethod,
    @JsonProperty("scoring_func") String scoringFunc,
    @JsonProperty("routed_scaling_factor") Double routedScalingFactor,
    @JsonProperty("num_nextn_predict_layers") Integer numNextnPredictLayers,
    // Multi-head latent attention: DeepSeek-V2/V3, Kimi K2.
    @JsonProperty("q_lora_rank") Integer qLoraRank,
    @JsonProperty("kv_lora_rank") Integer kvLoraRank,
    @JsonProperty("qk_nope_head_dim") Integer qkNopeHeadDim,
    @JsonProperty("qk_rope_head_dim") Integer qkRopeHeadDim,
    @JsonProperty("v_head_dim") Integer vHeadDim,
    // GPT-NeoX.
    @JsonProperty("use_parallel_residual") Boolean useParallelResidual,
    @JsonProperty("rotary_pct") Double rotaryPct,
    @JsonProperty("rotary_emb_base") Double rotaryEmbBase,
    // GPT-2 names its keys after the original OpenAI code.
    @JsonProperty("n_embd") Long nEmbd,
    @JsonProperty("n_layer") Integer nLayer,
    @JsonProperty("n_head") Integer nHead,
    @JsonProperty("n_positions") Long nPositions,
    @JsonProperty("n_inner") Long nInner,
    @JsonProperty("activation_function") String activationFunction) {
  public HuggingFaceConfig {
    architectures = architectures == null ? List.of() : List.copyOf(architectures);
    mlpOnlyLayers = mlpOnlyLayers == null ? null : List.copyOf(mlpOnlyLayers);
    // Kept in file order, nulls and all: it is shown to the user as written.
    ropeScaling = ropeScaling == null
        ? null : Collections.unmodifiableMap(new LinkedHashMap<>(ropeScaling));
  }
}
