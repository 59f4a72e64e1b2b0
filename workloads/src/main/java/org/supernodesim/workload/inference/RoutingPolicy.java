package org.supernodesim.workload.inference;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the router picks an instance for a new request. */
public enum RoutingPolicy {
  /** Instances in turn. */
  ROUND_ROBIN("round-robin"),
  /** The instance with the fewest requests it holds (ties: the lowest index). */
  LEAST_LOADED("least-loaded"),
  /**
   * The instance whose prefix cache holds the longest leading run of the request's block hashes,
   * among those within a load slack of the least loaded (Mooncake's conductor balances cache
   * reuse against load the same way; Qin et al., FAST 2025). Without hashes: least loaded.
   */
  CACHE_AWARE("cache-aware");

  private final String label;

  RoutingPolicy(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
