package org.supernodesim.model.collective;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The collectives, named as result.json and scenario files write them. Each knows the factor that
 * turns algorithm bandwidth into bus bandwidth, as nccl-tests defines it: the bandwidth a link
 * must carry for the collective to run at that speed, comparable across group sizes.
 */
public enum CollectiveKind {
  ALL_REDUCE("all-reduce"),
  ALL_GATHER("all-gather"),
  REDUCE_SCATTER("reduce-scatter"),
  ALL_TO_ALL("all-to-all"),
  BROADCAST("broadcast"),
  REDUCE("reduce"),
  SEND_RECV("send-recv");

  private final String label;

  CollectiveKind(String label) {
    this.label = label;
  }

  /** The name in files: {@code all-reduce}, {@code all-gather}, ... */
  @JsonValue
  public String label() {
    return label;
  }

  /**
   * busbw / algbw for a group of {@code n}: 2(n-1)/n for all-reduce, (n-1)/n for all-gather,
   * reduce-scatter and all-to-all, 1 for broadcast, reduce and send/recv (nccl-tests,
   * doc/PERFORMANCE.md).
   */
  public double busBandwidthFactor(int n) {
    return switch (this) {
      case ALL_REDUCE -> 2.0 * (n - 1) / n;
      case ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL -> (n - 1) / (double) n;
      case BROADCAST, REDUCE, SEND_RECV -> 1.0;
    };
  }
}
