package org.supernodesim.workload.inference;

import java.util.List;

/**
 * The duration of one step and what each chip did in it.
 *
 * @param picos the step's duration: {@code overlap.combine(computePicos, communicationPicos,
 *     overlapStages) / tokensPerStep}
 * @param computePicos kernels of one chip (the busiest expert rank's), both micro-batches
 * @param communicationPicos {@code communication} as the model's {@link CommunicationPricer}
 *     priced it
 * @param communication the step's collectives, for a caller that prices them on the fabric
 * @param overlap how compute and communication combine
 * @param overlapStages layers the micro-batches alternate over (see {@link Overlap#combine})
 * @param flopsPerChip arithmetic on one chip
 * @param weightBytesPerChip weights read from HBM by one chip
 * @param kvBytesPerChip KV cache read and written by one chip
 * @param tokensPerStep tokens a decoding request gains in one real step: 1 without speculative
 *     decoding, 1 + a + a^2 + ... + a^k with k drafts accepted at a. The engine advances a request
 *     one token per simulated step, so a simulated step lasts the real (verify) step over this:
 *     the mean rate of tokens, exact for throughput and mean TPOT
 */
public record StepCost(
    long picos,
    long computePicos,
    long communicationPicos,
    List<CommunicationDemand> communication,
    Overlap overlap,
    int overlapStages,
    double flopsPerChip,
    double weightBytesPerChip,
    double kvBytesPerChip,
    double tokensPerStep) {
  public StepCost {
    communication = List.copyOf(communication);
  }

  /** A step with nothing to do. */
  static StepCost idle() {
    return new StepCost(0, 0, 0, List.of(), Overlap.NONE, 1, 0, 0, 0, 1);
  }

  /** A simulated step's duration: the real step's, over the tokens it yields per request. */
  static long duration(
      Overlap overlap, long computePicos, long communicationPicos, int stages,
      double tokensPerStep) {
    return Math.round(overlap.combine(computePicos, communicationPicos, stages) / tokensPerStep);
  }

  /** The same step with its communication priced at {@code communicationPicos} instead. */
  public StepCost repriced(long communicationPicos) {
    return new StepCost(
        duration(overlap, computePicos, communicationPicos, overlapStages, tokensPerStep),
        computePicos,
        communicationPicos, communication, overlap, overlapStages, flopsPerChip,
        weightBytesPerChip, kvBytesPerChip, tokensPerStep);
  }
}
