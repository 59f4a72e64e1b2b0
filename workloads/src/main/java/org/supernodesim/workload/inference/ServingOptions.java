package org.supernodesim.workload.inference;

import org.supernodesim.model.chip.Precision;

/**
 * What a large deployment does beyond plain batching, as the step cost model prices it.
 *
 * @param overlap how compute and communication combine ({@link Overlap})
 * @param speculation multi-token prediction / speculative decoding, or none
 * @param experts how tokens spread over the routed experts and how the experts are placed
 * @param dispatch precision of the tokens sent to their experts (DeepEP sends FP8 with one FP32
 *     scale per 128 elements, github.com/deepseek-ai/DeepEP README; BF16 otherwise)
 * @param combine precision of the expert outputs sent back (BF16 in DeepEP)
 * @param allToAll how the dispatch and combine reach the experts' GPUs ({@link EpAllToAll})
 */
public record ServingOptions(
    Overlap overlap,
    Speculation speculation,
    ExpertPlacement experts,
    Precision dispatch,
    Precision combine,
    EpAllToAll allToAll) {
  public ServingOptions {
    if (overlap == null || speculation == null || experts == null || dispatch == null
        || combine == null || allToAll == null) {
      throw new IllegalArgumentException("every serving option needs a value");
    }
  }

  /** Plain serving: no overlap, no drafts, uniform expert load, BF16 on the wire. */
  public static ServingOptions plain() {
    return new ServingOptions(
        Overlap.NONE, Speculation.none(), ExpertPlacement.uniform(), Precision.BF16,
        Precision.BF16, EpAllToAll.DIRECT);
  }

  /** The same options with direct EP all-to-alls. */
  public ServingOptions(
      Overlap overlap, Speculation speculation, ExpertPlacement experts, Precision dispatch,
      Precision combine) {
    this(overlap, speculation, experts, dispatch, combine, EpAllToAll.DIRECT);
  }

  /**
   * Bytes of one token's activations of width {@code hidden} on the wire in {@code precision}:
   * FP8 carries one FP32 scale per 128 elements (DeepSeek-V3 §3.3.2's 1 x 128 tiles).
   */
  static double wireBytesPerToken(Precision precision, long hidden) {
    return switch (precision) {
      case FP8, INT8 -> hidden + 4.0 * Math.ceil(hidden / 128.0);
      default -> hidden * precision.bytes();
    };
  }
}
