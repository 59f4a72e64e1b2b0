package org.supernodesim.workload.training;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the activations a layer keeps for backward are stored. DeepSeek-V3 (arXiv 2412.19437,
 * §3.3.4 "Low-Precision Storage and Communication") caches the inputs of its FP8 linear layers in
 * FP8 for their weight-gradient GEMM, the input of the linear layer after attention in its E5M6
 * format (12 bits), and the inputs of the SwiGLU operator in FP8.
 */
public enum ActivationStorage {
  /** Every kept activation in 2 bytes (bf16/fp16), as Korthikanti et al. count them. */
  BF16("bf16", 1.0, 1.0),
  /** Linear inputs and SwiGLU inputs in 1 byte, the attention output projection's in 1.5. */
  FP8("fp8", 0.5, 0.75);

  private final String label;
  private final double linearInputFactor;
  private final double attentionOutputFactor;

  ActivationStorage(String label, double linearInputFactor, double attentionOutputFactor) {
    this.label = label;
    this.linearInputFactor = linearInputFactor;
    this.attentionOutputFactor = attentionOutputFactor;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** Bytes of a kept linear (or activation-function) input over its 2-byte size. */
  double linearInputFactor() {
    return linearInputFactor;
  }

  /** Bytes of the kept input of the projection after attention over its 2-byte size. */
  double attentionOutputFactor() {
    return attentionOutputFactor;
  }
}
