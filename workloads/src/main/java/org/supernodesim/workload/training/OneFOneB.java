package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.training.PipelineSchedule.Pass.Kind;

/**
 * 1F1B (PipeDream-Flush; Narayanan et al. SC'21 §2.2.1) and, with v model chunks per stage, the
 * interleaved 1F1B of §2.2.2, as Megatron-LM's {@code schedules.py} orders them: warm-up forwards,
 * then alternating one forward and one backward, then the remaining backwards. Stage s holds chunks
 * s, s + p, ..., s + (v-1)·p. The bubble is (p-1)/(v·m) of the ideal time.
 *
 * <p>With {@code overlap}, each steady-state forward and backward run together, as Megatron-Core's
 * combined 1F1B does ({@code --overlap-moe-expert-parallel-comm}, after DualPipe's pairing): one
 * micro-batch's dispatch and combine proceed during the other's compute. Every stage then warms up
 * one forward more, so that a pair never holds a micro-batch's last-chunk forward and its own
 * backward: without a pipeline that is Megatron-Core's F0, F1B0, F2B1, ..., B(m-1), and it costs
 * one more micro-batch of activations. As in Megatron-Core, the overlap runs without a pipeline or
 * interleaved ({@link TrainingJob} refuses it on plain 1F1B with pp > 1).
 */
record OneFOneB(int stages, int microBatches, int chunks, boolean overlap)
    implements PipelineSchedule {

  @Override
  public List<Slot> order(int stage) {
    int total = microBatches * chunks;
    int ahead = overlap ? 1 : 0;
    int warmup =
        chunks == 1
            ? Math.min(stages - stage - 1 + ahead, microBatches)
            : Math.min((stages - stage - 1) * 2 + (chunks - 1) * stages + ahead, total);
    List<Slot> order = new ArrayList<>(2 * total);
    int forwards = 0;
    int backwards = 0;
    for (; forwards < warmup; forwards++) {
      order.add(new Single(pass(true, forwards, stage)));
    }
    while (forwards < total) {
      Pass forward = pass(true, forwards++, stage);
      Pass backward = pass(false, backwards++, stage);
      if (overlap) {
        order.add(new Overlapped(forward, backward));
      } else {
        order.add(new Single(forward));
        order.add(new Single(backward));
      }
    }
    while (backwards < total) {
      order.add(new Single(pass(false, backwards++, stage)));
    }
    return order;
  }

  /**
   * Virtual micro-batch k: groups of {@code stages} micro-batches go through the stage's chunks one
   * after the other (forwards in the model's order, backwards in reverse).
   */
  private Pass pass(boolean forward, int k, int stage) {
    Kind kind = forward ? Kind.FORWARD : Kind.BACKWARD;
    if (chunks == 1) {
      return new Pass(kind, k, stage);
    }
    int group = k / stages;
    int local = group % chunks;
    int microBatch = (group / chunks) * stages + k % stages;
    return new Pass(kind, microBatch, (forward ? local : chunks - 1 - local) * stages + stage);
  }

  @Override
  public List<Integer> chunksOf(int stage) {
    List<Integer> held = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      held.add(c * stages + stage);
    }
    return held;
  }

  @Override
  public int stageOf(int microBatch, int chunk) {
    return chunk % stages;
  }

  @Override
  public List<Integer> replicaStages(int stage) {
    return List.of(stage);
  }

  /** Megatron-LM's (p-1)/(v·m), whatever the pass times. */
  @Override
  public double idealBubble(PassTimes times) {
    return (stages - 1) / (double) (chunks * microBatches);
  }

  @Override
  public String label() {
    return chunks == 1 ? "1f1b" : "interleaved-1f1b";
  }
}
