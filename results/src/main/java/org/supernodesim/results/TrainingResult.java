package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What one simulated training step amounts to ({@code training} in result.json).
 *
 * <p>{@code tflopsPerChip} counts FLOPs as the Megatron-LM paper (Narayanan et al., SC'21) counts
 * them for its Table 1: the model's FLOPs (attention included) plus the extra forward pass that
 * activation recomputation runs (eq. 3 with full recomputation), so a simulated Megatron row
 * compares like with like with the published TFLOP/s per GPU. {@code modelTflopsPerChip} and {@code
 * mfu} leave recomputation out (model FLOPs utilisation, PaLM App. B; Korthikanti et al. App. A):
 * they do not improve when a run recomputes more.
 *
 * @param model the model's id (a catalog id, an inline model's id, or a Hugging Face config's)
 * @param parameters the model's parameters counted from its shape, MTP modules excluded
 * @param activeParameters what one token uses, input embedding included (= parameters when dense)
 * @param chips chips the job runs on
 * @param layout the parallel layout in words, e.g. {@code tp8 pp8 dp24 cp1 ep1 v1 zero1}
 * @param microBatches micro-batches per replica per step
 * @param stepSeconds simulated time of one step
 * @param tokensPerSecond tokens per step over stepSeconds
 * @param tflopsPerChip achieved 10^12 FLOP/s per chip, recomputation included (Megatron-LM's count)
 * @param modelTflopsPerChip the same without recomputation
 * @param mfu model FLOPs per second per chip over the chip's dense peak in the step's precision
 * @param hfu the same with recomputation (hardware FLOPs utilisation)
 * @param bubbleFraction the pipeline's idle share: mean over stages of idle time over step time
 * @param idealBubbleFraction the schedule's published bubble over the ideal time: Megatron-LM's
 *     (p-1)/(v·m), or DualPipe's (p/2 - 1)(F&B + B - 3W) over m(F + B) with the mean compute of
 *     a chunk pass (F&B = F + B)
 * @param simulatedRanks global ranks simulated as processes, one per pipeline stage; every other
 *     rank is a symmetric copy of its stage's
 * @param ranks per simulated rank, where its step time went
 * @param memoryPeakBytes the largest per-rank memory over all ranks
 * @param memoryCapacityBytes the chip's HBM
 * @param fits true if memoryPeakBytes fits in memoryCapacityBytes
 * @param memoryShortfallBytes how much is missing when it does not fit, else 0
 * @param memory per stage, what the memory is spent on
 * @param chipHoursPerTrillionTokens chips x hours to train on 10^12 tokens at this speed
 * @param schedule the pipeline schedule: {@code 1f1b}, {@code interleaved-1f1b} or {@code
 *     dualpipe} ({@code unrecorded} in files written before it was)
 * @param overlapForwardBackward true if a forward and a backward of two micro-batches ran
 *     together, each one's communication during the other's compute (DualPipe's chunk pairs;
 *     under 1F1B, Megatron-Core's expert all-to-all overlap)
 * @param flops the step's FLOPs as counted and as executed (absent in files written before they
 *     were recorded)
 * @param pipeline per simulated stage, its forward and backward passes over the step (from the
 *     compute stream's activity); empty without a pipeline (pp 1) or in files written before it was
 *     recorded
 * @param fidelity {@code chip} (every chip a process, every collective's steps through the
 *     network) or {@code stage} (one process per pipeline stage, collectives by closed form: the
 *     fast approximation); {@code unrecorded} in files written before it was
 * @param network what the network did (result.json's top-level {@code network}: bytes per tier,
 *     the busiest links on the flow model)
 */
public record TrainingResult(
    String model,
    long parameters,
    long activeParameters,
    long chips,
    String layout,
    int microBatches,
    double stepSeconds,
    double tokensPerSecond,
    double tflopsPerChip,
    double modelTflopsPerChip,
    double mfu,
    double hfu,
    double bubbleFraction,
    double idealBubbleFraction,
    List<Integer> simulatedRanks,
    List<RankTime> ranks,
    double memoryPeakBytes,
    double memoryCapacityBytes,
    boolean fits,
    double memoryShortfallBytes,
    List<StageMemoryUse> memory,
    double chipHoursPerTrillionTokens,
    String schedule,
    boolean overlapForwardBackward,
    @JsonInclude(JsonInclude.Include.NON_NULL) FlopCounts flops,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StagePasses> pipeline,
    String fidelity,
    @JsonIgnore NetworkResult network)
    implements WorkloadResult {
  @JsonCreator
  public TrainingResult {
    fidelity = fidelity == null ? "unrecorded" : fidelity;
    simulatedRanks = List.copyOf(simulatedRanks);
    ranks = List.copyOf(ranks);
    memory = List.copyOf(memory);
    schedule = schedule == null ? "unrecorded" : schedule;
    pipeline = pipeline == null ? List.of() : List.copyOf(pipeline);
  }

  /** A result without the pipeline's passes. */
  public TrainingResult(
      String model,
      long parameters,
      long activeParameters,
      long chips,
      String layout,
      int microBatches,
      double stepSeconds,
      double tokensPerSecond,
      double tflopsPerChip,
      double modelTflopsPerChip,
      double mfu,
      double hfu,
      double bubbleFraction,
      double idealBubbleFraction,
      List<Integer> simulatedRanks,
      List<RankTime> ranks,
      double memoryPeakBytes,
      double memoryCapacityBytes,
      boolean fits,
      double memoryShortfallBytes,
      List<StageMemoryUse> memory,
      double chipHoursPerTrillionTokens,
      String schedule,
      boolean overlapForwardBackward,
      FlopCounts flops) {
    this(
        model,
        parameters,
        activeParameters,
        chips,
        layout,
        microBatches,
        stepSeconds,
        tokensPerSecond,
        tflopsPerChip,
        modelTflopsPerChip,
        mfu,
        hfu,
        bubbleFraction,
        idealBubbleFraction,
        simulatedRanks,
        ranks,
        memoryPeakBytes,
        memoryCapacityBytes,
        fits,
        memoryShortfallBytes,
        memory,
        chipHoursPerTrillionTokens,
        schedule,
        overlapForwardBackward,
        flops,
        List.of(),
        null,
        null);
  }

  /** A copy with the pipeline's passes. */
  public TrainingResult withPipeline(List<StagePasses> passes) {
    return copy(passes, network);
  }

  /** A copy with {@code network}: result.json keeps it beside the training object. */
  public TrainingResult withNetwork(NetworkResult n) {
    return copy(pipeline, n);
  }

  /** A copy with these pipeline passes and network (the two parts known after the run). */
  private TrainingResult copy(List<StagePasses> passes, NetworkResult n) {
    return new TrainingResult(
        model,
        parameters,
        activeParameters,
        chips,
        layout,
        microBatches,
        stepSeconds,
        tokensPerSecond,
        tflopsPerChip,
        modelTflopsPerChip,
        mfu,
        hfu,
        bubbleFraction,
        idealBubbleFraction,
        simulatedRanks,
        ranks,
        memoryPeakBytes,
        memoryCapacityBytes,
        fits,
        memoryShortfallBytes,
        memory,
        chipHoursPerTrillionTokens,
        schedule,
        overlapForwardBackward,
        flops,
        passes,
        fidelity,
        n);
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.training(this);
  }

  /**
   * One rank's step: computing, exposed communication (communicating while not computing), idle
   * (neither: pipeline bubble, waiting for peers); the three sum to the step time. {@code
   * communicationSeconds} is all communication stream time, hidden or not.
   */
  public record RankTime(
      int rank,
      int stage,
      double computeSeconds,
      double exposedCommunicationSeconds,
      double idleSeconds,
      double communicationSeconds) {}

  /**
   * The step's FLOPs over all chips, counted two ways: as the papers count them (what {@code
   * tflopsPerChip} and {@code mfu} divide) and as the kernels execute them (what the step time
   * follows).
   *
   * @param counted model FLOPs plus recomputation's extra forward, attention counted as {@code
   *     countedAttention} says
   * @param countedAttention how the counted attention FLOPs are taken
   * @param executed the FLOPs of every kernel the step runs
   * @param executedAttention how the attention kernels run
   * @param executedTflopsPerChip executed FLOPs per second per chip, in 10^12
   */
  public record FlopCounts(
      double counted,
      String countedAttention,
      double executed,
      String executedAttention,
      double executedTflopsPerChip) {}

  /** The memory of one stage's ranks at their peak, in bytes. */
  public record StageMemoryUse(
      int stage,
      double weightsBytes,
      double gradientBytes,
      double optimizerBytes,
      double activationBytes,
      double bufferBytes,
      double totalBytes) {}

  /** Which way a pass goes through a stage's layers. */
  public enum Direction {
    FORWARD("forward"),
    BACKWARD("backward");

    private final String label;

    Direction(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }
  }

  /** One stage's passes in the order it ran them, from its simulated rank's compute stream. */
  public record StagePasses(int stage, int rank, List<Pass> passes) {
    public StagePasses {
      passes = List.copyOf(passes);
    }
  }

  /**
   * One pass of one micro-batch (through one of the stage's model chunks, when interleaved): from
   * its first kernel's start to its last kernel's end, with the tensor-parallel collectives between
   * them; recomputation is part of the backward pass. Written as a short array.
   */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"direction", "microBatch", "startPicos", "endPicos"})
  public record Pass(Direction direction, int microBatch, long startPicos, long endPicos) {
    public Pass {
      if (endPicos < startPicos) {
        throw new IllegalArgumentException(
            "a pass ends at " + endPicos + " ps before it starts at " + startPicos + " ps");
      }
    }
  }
}
