package org.supernodesim.workload.trace.text;

/**
 * Which ranks a layer's collective spans, as the tools derive it from the policy (ASTRA-sim's
 * {@code decode_involved_dimensions}) or from a SimAI type's suffix (its MockNccl group types).
 */
enum Span {
  /** No rank: the collective is not issued (e.g. a DATA-parallel forward pass). */
  NONE,
  /** Every rank. */
  ALL,
  /** ASTRA-sim's first network dimension: consecutive blocks of {@code localRanks}. */
  LOCAL,
  /** Every dimension but the first: ranks {@code localRanks} apart. */
  REST,
  /** The tensor (model) parallel group: consecutive blocks of {@code model_parallel_NPU_group}. */
  TP,
  /** The data-parallel group: ranks {@code tp x pp} apart (SimAI's MockNccl DP groups). */
  DP,
  /** The expert-parallel group: the same TP position in {@code ep} consecutive TP groups. */
  EP,
  /** Data parallel among expert replicas: the same TP position in TP groups {@code ep} apart. */
  DP_EP
}
