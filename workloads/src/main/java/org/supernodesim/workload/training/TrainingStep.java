package org.supernodesim.workload.training;

import java.util.List;
import org.supernodesim.workload.graph.OperationGraph;

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
 * @param modelFlops the step's model FLOPs over all chips: 3 x forward, no recomputation
 * @param recomputeFlops the extra forward FLOPs recomputation executes over all chips
 * @param idealBubbleFraction Megatron-LM's bubble (p-1)/(v·m)
 */
public record TrainingStep(
    TrainingJob job,
    RankLayout layout,
    List<OperationGraph> graphs,
    List<StageMemory> memory,
    double modelFlops,
    double recomputeFlops,
    double idealBubbleFraction) {
  public TrainingStep {
    graphs = List.copyOf(graphs);
    memory = List.copyOf(memory);
  }

  /** Tokens the whole step trains on. */
  public long tokens() {
    return (long) job.globalBatchSequences() * job.sequenceTokens();
  }
}
