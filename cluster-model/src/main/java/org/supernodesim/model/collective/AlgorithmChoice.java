package org.supernodesim.model.collective;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The collective algorithm a scenario asks for ({@code algorithm:}): one of the algorithms by name,
 * or {@link #AUTO}, which takes the one whose closed form predicts the least time on the scenario's
 * fabric. The algorithms themselves are {@code interconnect.collective}'s, one file each; this is
 * the choice as a file writes it.
 */
public enum AlgorithmChoice {
  /** Choose by the closed forms (ties: the order below). */
  AUTO("auto"),
  /** In-switch reduction (NVLink SHARP). */
  NVLS("nvls"),
  /** Intra-domain, then inter-domain. */
  HIERARCHICAL("hierarchical"),
  RING("ring"),
  HALVING_DOUBLING("halving-doubling"),
  DOUBLE_BINARY_TREE("double-binary-tree"),
  /** Every member sends to every other member directly (all-to-all). */
  DIRECT("direct"),
  /** A chain of members, the buffer cut into chunks (broadcast, reduce, send/recv). */
  PIPELINE("pipeline"),
  /** On a full mesh: every member sends each peer its chunk at once, per phase (HCCL's Mesh). */
  MESH("mesh");

  private final String label;

  AlgorithmChoice(String label) {
    this.label = label;
  }

  /** The name in files and results: {@code auto}, {@code ring}, ... */
  @JsonValue
  public String label() {
    return label;
  }
}
