package org.supernodesim.model.huggingface;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The architectures whose {@code config.json} the simulator reads, each named by the {@code
 * model_type} values that Hugging Face transformers (or the model's own code) writes. Families
 * share a block structure and differ in a few fixed choices that the config does not spell out
 * (Qwen2's q/k/v bias, Qwen3's QK-norm), which is why the model type, not the keys present,
 * decides how a file is read.
 */
public enum HuggingFaceFamily {
  /** Llama 2/3 and Mistral: GQA, gated SiLU MLP, RMSNorm, RoPE (modeling_llama, _mistral). */
  LLAMA("llama", "mistral"),
  /** Qwen2 and Qwen2.5: Llama's block with biases on q, k and v (modeling_qwen2). */
  QWEN2("qwen2"),
  /** Qwen3 dense: Llama's block with a per-head RMSNorm on q and k (modeling_qwen3). */
  QWEN3("qwen3"),
  /** Qwen3 MoE: Qwen3 attention, routed experts without a shared one (modeling_qwen3_moe). */
  QWEN3_MOE("qwen3_moe"),
  /** Mixtral: Mistral attention, every FFN a mixture of experts, top-k (modeling_mixtral). */
  MIXTRAL("mixtral"),
  /**
   * DeepSeek-V2/V3 and Kimi K2 (which ships DeepSeek-V3's code under its own type): MLA,
   * DeepSeekMoE with shared experts after k dense layers (modeling_deepseek_v3).
   */
  DEEPSEEK("deepseek_v2", "deepseek_v3", "kimi_k2"),
  /** GPT-NeoX and Pythia: LayerNorm, GELU MLP, biases, rotary, parallel residual. */
  GPT_NEOX("gpt_neox"),
  /** GPT-2: LayerNorm, GELU MLP, biases, learned positions, tied head (modeling_gpt2). */
  GPT2("gpt2");

  private final List<String> modelTypes;

  HuggingFaceFamily(String... modelTypes) {
    this.modelTypes = List.of(modelTypes);
  }

  /** The {@code model_type} values of this family. */
  public List<String> modelTypes() {
    return modelTypes;
  }

  /** The family whose model types include {@code modelType}. */
  public static Optional<HuggingFaceFamily> of(String modelType) {
    return Arrays.stream(values()).filter(f -> f.modelTypes.contains(modelType)).findFirst();
  }

  /** Every supported model type, comma-separated, for messages. */
  public static String supported() {
    return Arrays.stream(values())
        .flatMap(f -> f.modelTypes.stream())
        .collect(Collectors.joining(", "));
  }
}
