package org.supernodesim.workload.training;

import com.fasterxml.jackson.annotation.JsonValue;

/** The pipeline schedule a training job asks for ({@code workload.training.schedule}). */
public enum Schedule {
  /**
   * 1F1B (Narayanan et al. SC'21 §2.2.1), interleaved over the model chunks of each stage when
   * {@link Parallelism#virtualStages()} is above 1 (§2.2.2).
   */
  ONE_F_ONE_B("1f1b"),
  /** DeepSeek-V3's bidirectional DualPipe (arXiv 2412.19437 §3.2.1). */
  DUALPIPE("dualpipe");

  private final String label;

  Schedule(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
