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
 * @param communicationSms SMs the normal all-to-all kernels take from prefill's overlapped GEMMs
 */
public record ServingOptions(
    Overlap overlap,
    Speculation speculation,
    ExpertPlacement experts,
    Precision dispatch,
    Precision combine,
    EpAllToAll allToAll,
    CommunicationSms communicationSms) {
  public ServingOptions {
    if (overlap == null || speculation == null || experts == null || dispatch == null
        || combine == null || allToAll == null || communicationSms == null) {
      throw new IllegalArgumentException("every serving option needs a value");
    }
    if (communicationSms.held() > 0
        && (allToAll != EpAllToAll.DEEPEP_NORMAL || overlap != Overlap.TWO_BATCH)) {
      throw new IllegalArgumentException("communicationSms are the SMs DeepEP's normal kernels"
          + " hold beside two-batch overlap's GEMMs; it needs epAllToAll: deepep-normal and"
          + " overlap: two-batch");
    }
  }

  /** Plain serving: no overlap, no drafts, uniform expert load, BF16 on the wire. */
  public static ServingOptions plain() {
    return new ServingOptions(
        Overlap.NONE, Speculation.none(), ExpertPlacement.uniform(), Precision.BF16,
        Precision.BF16, EpAllToAll.DIRECT, CommunicationSms.none());
  }

  /** The same options with the all-to-all's kernels holding no SMs. */
  public ServingOptions(
      Overlap overlap, Speculation speculation, ExpertPlacement experts, Precision dispatch,
      Precision combine, EpAllToAll allToAll) {
    this(overlap, speculation, experts, dispatch, combine, allToAll, CommunicationSms.none());
  }

  /** The same options with direct EP all-to-alls. */
  public ServingOptions(
      Overlap overlap, Speculation speculation, ExpertPlacement experts, Precision dispatch,
      Precision combine) {
    this(overlap, speculation, experts, dispatch, combine, EpAllToAll.DIRECT,
        CommunicationSms.none());
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
