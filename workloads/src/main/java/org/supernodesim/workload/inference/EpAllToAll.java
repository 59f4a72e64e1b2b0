package org.supernodesim.workload.inference;

/**
 * How an instance's EP dispatch and combine reach the GPUs of a token's experts.
 *
 * <p>{@link #DIRECT}: every token copy goes straight to its expert's GPU on its own route, as
 * DeepEP's low-latency kernels ("pure RDMA") and an NCCL all-to-all send it.
 * {@link #DEEPEP_NORMAL}: DeepEP's normal (high-throughput) kernels, for training and prefill: one
 * RDMA copy of a token per remote node holding one of its experts, to the GPU of the sender's rail
 * there, then NVLink forwarding inside the node; the combine reduces in the node and sends one
 * copy back per node (github.com/deepseek-ai/DeepEP, README "Normal kernels with NVLink and RDMA
 * forwarding", docs/legacy.md; priced by {@link ForwardedLegs}).
 */
public enum EpAllToAll {
  /** One copy per expert GPU, each on its own route. */
  DIRECT("direct"),
  /** One RDMA copy per remote node, then NVLink forwarding (DeepEP normal mode). */
  DEEPEP_NORMAL("deepep-normal");

  private final String label;

  EpAllToAll(String label) {
    this.label = label;
  }

  /** The name in scenario files and results. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String label() {
    return label;
  }
}
