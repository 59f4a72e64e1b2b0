package org.supernodesim.workload.training;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Activation recomputation (Korthikanti et al., "Reducing Activation Recomputation in Large
 * Transformer Models", MLSys 2023, arXiv 2205.05198).
 */
public enum Recomputation {
  /** Keep every activation. */
  NONE("none"),
  /** Recompute only the attention core (scores, softmax, dropout) in backward (§4.2). */
  SELECTIVE("selective"),
  /**
   * Recompute every norm and the MLP activation function in backward and keep their inputs only,
   * as DeepSeek-V3 does (arXiv 2412.19437 §3.2.3 recomputes all RMSNorm operations; §3.3.4 caches
   * the SwiGLU operator's inputs and recomputes its output): the norms' outputs (the inputs of the
   * attention projections and of the dense or shared-expert MLP) and the activation's output (the
   * down projection's input) are not kept. Only memory-bound kernels are rerun.
   */
  NORMS_AND_ACTIVATION("norms-activation"),
  /** Keep each layer's input only and rerun the whole layer forward before its backward. */
  FULL("full");

  private final String label;

  Recomputation(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
