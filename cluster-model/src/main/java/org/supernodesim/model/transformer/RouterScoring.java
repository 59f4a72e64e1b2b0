package org.supernodesim.model.transformer;

/** How a MoE router turns its logits into expert weights (catalog {@code moe.router.scoring}). */
public enum RouterScoring {
  /** Softmax over all experts, then top-k (Qwen-MoE, Ling). */
  SOFTMAX,
  /** Top-k logits, then softmax over those k (Mixtral, Jiang et al. 2024 §2.1). */
  SOFTMAX_OVER_TOP_K,
  /** Sigmoid affinity per expert (DeepSeek-V3 §2.1.2). */
  SIGMOID
}
