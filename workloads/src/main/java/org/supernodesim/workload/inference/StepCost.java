package org.supernodesim.workload.inference;

import java.util.List;
import java.util.Optional;

/**
 * The duration of one step and what each chip did in it.
 *
 * @param picos the step's duration: {@code overlap.combine(computePicos, communicationPicos,
 *     overlapStages) / tokensPerStep}, or with a {@code pipeline} its sparse layers' stages plus
 *     the rest of the compute and the other collectives, over {@code tokensPerStep}
 * @param computePicos kernels of one chip (the busiest expert rank's), both micro-batches
 * @param nonGemmPicos the part of {@code computePicos} that is memory-bound kernels between the
 *     GEMMs (norms, rotary, activation quantisation, SiLU-and-mul, top-k, permutes; {@link
 *     NonGemmKernels})
 * @param communicationPicos {@code communication} as the model's {@link CommunicationPricer}
 *     priced it
 * @param communication the step's collectives, for a caller that prices them on the fabric
 * @param overlap how compute and communication combine
 * @param overlapStages layers the micro-batches alternate over (see {@link Overlap#combine})
 * @param flopsPerChip arithmetic on one chip
 * @param weightBytesPerChip weights read from HBM by one chip
 * @param kvBytesPerChip KV cache read and written by one chip
 * @param nonGemmBytesPerChip activations the non-GEMM kernels read and write on one chip
 * @param tokensPerStep tokens a decoding request gains in one real step: 1 without speculative
 *     decoding, 1 + a + a^2 + ... + a^k with k drafts accepted at a. The engine advances a request
 *     one token per simulated step, so a simulated step lasts the real (verify) step over this:
 *     the mean rate of tokens, exact for throughput and mean TPOT
 * @param pipeline two-batch overlap run stage by stage over the sparse layers, and which of the
 *     demands are its dispatch and combine; empty where the step has none (see {@link
 *     Overlap#combine})
 */
public record StepCost(
    long picos,
    long computePicos,
    long nonGemmPicos,
    long communicationPicos,
    List<CommunicationDemand> communication,
    Overlap overlap,
    int overlapStages,
    double flopsPerChip,
    double weightBytesPerChip,
    double kvBytesPerChip,
    double nonGemmBytesPerChip,
    double tokensPerStep,
    Optional<Pipelined> pipeline) {
  public StepCost {
    communication = List.copyOf(communication);
  }

  /**
   * The sparse layers' two-batch pipeline and the indices, in the step's demands, of the
   * dispatch and combine it waits for (each run once per sparse layer and micro-batch).
   */
  public record Pipelined(TwoBatchPipeline pipeline, int dispatch, int combine) {}

  /** A step with nothing to do. */
  static StepCost idle() {
    return new StepCost(0, 0, 0, 0, List.of(), Overlap.NONE, 1, 0, 0, 0, 0, 1,
        Optional.empty());
  }

  /**
   * A simulated step's duration, the real step's over the tokens it yields per request, from its
   * demands priced one by one.
   */
  static long duration(
      Overlap overlap, long computePicos, long[] demandPicos, int stages, double tokensPerStep,
      Optional<Pipelined> pipelined, List<CommunicationDemand> demands) {
    long communicationPicos = 0;
    for (long p : demandPicos) {
      communicationPicos += p;
    }
    if (pipelined.isEmpty()) {
      return Math.round(
          overlap.combine(computePicos, communicationPicos, stages) / tokensPerStep);
    }
    Pipelined pipeline = pipelined.get();
    TwoBatchPipeline p = pipeline.pipeline();
    long dispatch = demandPicos[pipeline.dispatch()];
    long combine = demandPicos[pipeline.combine()];
    long others = communicationPicos - dispatch - combine;
    int times = demands.get(pipeline.dispatch()).timesPerStep();
    long layers = p.picos(dispatch / times, combine / times);
    // The dense layers, the head and any drafting run outside the pipeline, as do the other
    // collectives (all-reduces, stage sends, the MTP module's all-to-all).
    return Math.round(
        (Math.max(0, computePicos - p.computePicos()) + others + layers) / tokensPerStep);
  }

  /** The same step with its demands priced at {@code demandPicos} (in order) instead. */
  public StepCost repriced(long[] demandPicos) {
    if (demandPicos.length != communication.size()) {
      throw new IllegalArgumentException(
          demandPicos.length + " prices for " + communication.size() + " demands");
    }
    long communicationPicos = 0;
    for (long p : demandPicos) {
      communicationPicos += p;
    }
    return new StepCost(
        duration(overlap, computePicos, demandPicos, overlapStages, tokensPerStep, pipeline,
            communication),
        computePicos, nonGemmPicos, communicationPicos, communication, overlap, overlapStages,
        flopsPerChip, weightBytesPerChip, kvBytesPerChip, nonGemmBytesPerChip, tokensPerStep,
        pipeline);
  }
}
