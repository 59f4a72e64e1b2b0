package org.supernodesim.results.scaling;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a sweep holds fixed as chips are added, which decides how efficiency is read. */
public enum ScalingKind {
  /**
   * Fixed global batch: N chips should take 1/N of the time, so efficiency = T1·N1 / (TN·N) and
   * speedup = T1 / TN.
   */
  STRONG,
  /**
   * Fixed per-chip batch: the step should take as long as on the base point, so efficiency = T1 /
   * TN and the scaled speedup = (N/N1) · T1 / TN.
   */
  WEAK;

  /** The name in files: {@code strong}, {@code weak}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
