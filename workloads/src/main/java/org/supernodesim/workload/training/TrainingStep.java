package org.supernodesim.workload.training;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.training.PipelineSchedule.PassTimes;

/**
 * One generated training step: the operation graph of the rank that stands for each pipeline
 * stage, and what the step amounts to independently of its timing.
 *
 * <p>Only one rank per pipeline stage is simulated: the other tensor-, context- and
 * data-parallel ranks of a stage run the same graph at the same times (their work and their
 * collectives are identical by symmetry), so simulating them would repeat the same events. Their
 * collectives are still timed over the real groups of global ranks on the scenario's fabric.
 *
 * @param job what was generated
 * @param layout the rank numbering
 * @param graphs per stage, the representative's graph ({@link OperationGraph#rank()} is its global
 *     rank)
 * @param memory per stage, the representative's memory at its peak
 * @param modelFlops the step's model FLOPs over all chips as papers count them: 3 x forward, every
 *     query against all s keys (Megatron-LM SC'21 eq. 3, PaLM App. B), no recomputation
 * @param recomputeFlops the extra forward FLOPs recomputation adds over all chips, counted alike
 * @param executedFlops the FLOPs the step's kernels execute over all chips: a fused causal
 *     attention about half the scores, its backward 2.5x its forward, recomputation included
 */
public record TrainingStep(
    TrainingJob job,
    RankLayout layout,
    List<OperationGraph> graphs,
    List<StageMemory> memory,
    double modelFlops,
    double recomputeFlops,
    double executedFlops) {
  public TrainingStep {
    graphs = List.copyOf(graphs);
    memory = List.copyOf(memory);
  }

  /** The pipeline schedule's name: {@code 1f1b}, {@code interleaved-1f1b} or {@code dualpipe}. */
  public String schedule() {
    return PipelineSchedule.of(job).label();
  }

  /**
   * The schedule's published bubble over the ideal time: Megatron-LM's (p-1)/(v·m) for 1F1B, or
   * DualPipe's (p/2 - 1)(F&B + B - 3W) over m(F + B), F, B and W the mean forward, backward and
   * weight-gradient compute of one micro-batch in one chunk, each kernel timed by
   * {@code kernelSeconds}.
   */
  public double idealBubbleFraction(ToDoubleFunction<Kernel> kernelSeconds) {
    PassSteps steps = new PassSteps(job, new LayerPlan(job));
    int chunks = job.chunks();
    double f = 0;
    double b = 0;
    double w = 0;
    for (int c = 0; c < chunks; c++) {
      PassTimes t = steps.times(c, kernelSeconds);
      f += t.forward();
      b += t.backward();
      w += t.weight();
    }
    return PipelineSchedule.of(job).idealBubble(new PassTimes(f / chunks, b / chunks, w / chunks));
  }

  /** How {@link #modelFlops} counts attention. */
  public static final String COUNTED_ATTENTION =
      "full: every query against all s keys (Megatron-LM SC'21 eq. 3, PaLM App. B)";

  /** How the step's attention kernels run, which {@link #executedFlops} counts. */
  public String executedAttention() {
    String kernels = job.fusedAttention()
        ? "fused causal: about half the scores, backward 2.5x forward (FlashAttention-2)"
        : "unfused: every score, the masked half computed and discarded";
    int cp = job.parallelism().cp();
    return cp > 1 ? kernels + "; ring attention over cp = " + cp + " ranks" : kernels;
  }

  /** Tokens the whole step trains on. */
  public long tokens() {
    return (long) job.globalBatchSequences() * job.sequenceTokens();
  }
}
