package org.supernodesim.model.fabric;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How transfers are timed on a fabric: a scenario's {@code network.model}, and what result.json
 * records as {@code networkModel}. The models themselves live in {@code interconnect.network}; the
 * choice is a spec, beside the fabric it models (as {@code CollectiveKind} is beside the
 * collectives).
 */
public enum NetworkModel {
  /** latency + bytes / bottleneck bandwidth per transfer, ports serialised; no sharing. */
  ANALYTICAL("analytical"),
  /** Flows share each link max-min fairly, re-solved when a flow starts or ends. */
  FLOW("flow");

  private final String label;

  NetworkModel(String label) {
    this.label = label;
  }

  /** The name in files: {@code analytical}, {@code flow}. */
  @JsonValue
  public String label() {
    return label;
  }
}
