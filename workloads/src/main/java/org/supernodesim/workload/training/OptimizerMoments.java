package org.supernodesim.workload.training;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The precision Adam's first and second moments are kept in; master weights stay fp32 either way.
 * DeepSeek-V3 keeps them in bf16 (arXiv 2412.19437 §3.3.4) without loss of accuracy.
 */
public enum OptimizerMoments {
  FP32("fp32", 4),
  BF16("bf16", 2);

  private final String label;
  private final int bytesPerElement;

  OptimizerMoments(String label, int bytesPerElement) {
    this.label = label;
    this.bytesPerElement = bytesPerElement;
  }

  /** The name in files: {@code fp32}, {@code bf16}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Bytes of each moment per parameter. */
  public int bytesPerElement() {
    return bytesPerElement;
  }
}
