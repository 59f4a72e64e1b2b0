package org.supernodesim.workload.trace.chakra;

import java.util.Locale;
import org.supernodesim.workload.graph.Kernel;

/**
 * The attributes supernode-sim adds when it writes a trace, so that reading its own files back
 * gives exactly the graphs it wrote. Other tools see ordinary Chakra fields beside them
 * ({@code num_ops}, {@code tensor_size}, {@code duration_micros}, {@code comm_size},
 * {@code pg_name}) and may ignore these.
 */
final class OwnAttributes {
  /** GlobalMetadata: {@code process_group.NAME}, the global ranks of group NAME in order. */
  static final String PROCESS_GROUP_PREFIX = "process_group.";
  /** A compute node's exact measured duration (Chakra's own field is whole microseconds). */
  static final String DURATION_PICOS = "duration_picos";
  /** A wait that occupies no stream, in picoseconds (a text workload's update time). */
  static final String DELAY_PICOS = "delay_picos";
  /** The arithmetic of a compute node: fp16, bf16, fp8, int8. */
  static final String PRECISION = "precision";
  /** A run of kernels: each kernel's kind, flops, bytes, smallest dimension and precision. */
  static final String KERNEL_KINDS = "kernel_kinds";
  static final String KERNEL_FLOPS = "kernel_flops";
  static final String KERNEL_BYTES = "kernel_bytes";
  static final String KERNEL_DIMENSIONS = "kernel_smallest_dimensions";
  static final String KERNEL_PRECISIONS = "kernel_precisions";
  /**
   * Each kernel's weight dimension (the smaller of n and k), written only for a node where one
   * differs from its smallest dimension; a reader without it takes the smallest dimension.
   */
  static final String KERNEL_WEIGHT_DIMENSIONS = "kernel_weight_dimensions";
  /** A collective's algorithm when not chosen automatically: its label (ring, direct, ...). */
  static final String ALGORITHM = "algorithm";
  /** The instance a collective node belongs to, equal on every member. */
  static final String COLLECTIVE_ID = "collective_id";
  /** An uneven all-to-all: each member's send buffer in group order. */
  static final String SOURCE_BYTES = "source_bytes";

  private OwnAttributes() {}

  /** A kernel kind as {@link #KERNEL_KINDS} writes it: matmul, fused_attention, elementwise. */
  static String kernelKind(Kernel.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
