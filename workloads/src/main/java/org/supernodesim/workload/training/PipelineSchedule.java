package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which one pipeline stage runs its forward and backward passes: 1F1B
 * (PipeDream-Flush; Narayanan et al. SC'21 §2.2.1) and, with v model chunks per stage, the
 * interleaved 1F1B of §2.2.2, as Megatron-LM's {@code schedules.py} orders them: warm-up
 * forwards, then alternating one forward and one backward, then the remaining backwards. The
 * bubble is (p-1)/(v·m) of the ideal time.
 */
final class PipelineSchedule {

  /** One pass of one micro-batch through one model chunk of this stage. */
  record Unit(boolean forward, int microBatch, int chunk) {}

  private PipelineSchedule() {}

  /**
   * The passes of stage {@code stage} of {@code stages}, with {@code microBatches} per step and
   * {@code chunks} model chunks per stage; a unit's chunk is the stage-local index 0..v-1.
   */
  static List<Unit> order(int stage, int stages, int microBatches, int chunks) {
    int total = microBatches * chunks;
    int warmup =
        chunks == 1
            ? Math.min(stages - stage - 1, microBatches)
            : Math.min((stages - stage - 1) * 2 + (chunks - 1) * stages, total);
    List<Unit> order = new ArrayList<>(2 * total);
    int forwards = 0;
    int backwards = 0;
    for (; forwards < warmup; forwards++) {
      order.add(unit(true, forwards, stages, chunks));
    }
    while (forwards < total) {
      order.add(unit(true, forwards++, stages, chunks));
      order.add(unit(false, backwards++, stages, chunks));
    }
    while (backwards < total) {
      order.add(unit(false, backwards++, stages, chunks));
    }
    return order;
  }

  /** Virtual micro-batch k: groups of {@code stages} micro-batches go through chunk after chunk. */
  private static Unit unit(boolean forward, int k, int stages, int chunks) {
    if (chunks == 1) {
      return new Unit(forward, k, 0);
    }
    int group = k / stages;
    int chunk = group % chunks;
    int microBatch = (group / chunks) * stages + k % stages;
    return new Unit(forward, microBatch, forward ? chunk : chunks - 1 - chunk);
  }

  /** Megatron-LM's pipeline bubble over ideal time, (p-1)/(v·m). */
  static double idealBubble(int stages, int microBatches, int chunks) {
    return (stages - 1) / (double) (chunks * microBatches);
  }
}
