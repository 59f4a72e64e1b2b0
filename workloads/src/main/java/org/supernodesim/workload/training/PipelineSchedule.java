package org.supernodesim.workload.training;

import java.util.List;

/**
 * The order in which each pipeline stage runs its passes, and where each model chunk lives: 1F1B
 * and interleaved 1F1B ({@link OneFOneB}, Megatron-LM's), or DualPipe ({@link DualPipe},
 * DeepSeek-V3's). Chunks are numbered in the model's order, 0 to pp·v - 1; a micro-batch goes
 * through them all forward, then back.
 */
sealed interface PipelineSchedule permits OneFOneB, DualPipe {

  /** One pass of one micro-batch through one model chunk. */
  record Pass(Kind kind, int microBatch, int chunk) {
    /** What the pass computes. */
    enum Kind {
      FORWARD,
      /** The whole backward: input and weight gradients. */
      BACKWARD,
      /**
       * The input gradients only (zero-bubble split); a later {@link #WEIGHT} pass runs the rest.
       */
      BACKWARD_INPUT,
      /** The weight gradients of an earlier {@link #BACKWARD_INPUT} of the same micro-batch. */
      WEIGHT
    }
  }

  /** What a stage runs next: one pass, or a forward and a backward of two micro-batches at once. */
  sealed interface Slot {
    List<Pass> passes();
  }

  /** One pass, after the previous slot. */
  record Single(Pass pass) implements Slot {
    @Override
    public List<Pass> passes() {
      return List.of(pass);
    }
  }

  /**
   * A forward and a backward issued together: each runs its own chain, so one's communication (the
   * expert all-to-alls above all) proceeds while the other computes (DeepSeek-V3 §3.2.1).
   */
  record Overlapped(Pass forward, Pass backward) implements Slot {
    @Override
    public List<Pass> passes() {
      return List.of(forward, backward);
    }
  }

  /**
   * Mean times of one micro-batch's pass through one chunk: forward, whole backward, and the
   * weight-gradient part of the backward, in any unit.
   */
  record PassTimes(double forward, double backward, double weight) {}

  /** What stage {@code stage} runs, in order. */
  List<Slot> order(int stage);

  /** The chunks stage {@code stage} holds, ascending. */
  List<Integer> chunksOf(int stage);

  /** The stage that runs chunk {@code chunk} of micro-batch {@code microBatch}. */
  int stageOf(int microBatch, int chunk);

  /**
   * The stages whose ranks hold the same parameters as stage {@code stage} (itself included),
   * ascending: their gradients are summed and their optimizer states sharded together.
   */
  List<Integer> replicaStages(int stage);

  /** The schedule's published bubble over the ideal time (every chunk pass back to back). */
  double idealBubble(PassTimes times);

  /** The name result.json gives the schedule. */
  String label();

  /** The schedule {@code job} asks for. */
  static PipelineSchedule of(TrainingJob job) {
    Parallelism p = job.parallelism();
    return switch (job.schedule()) {
      case ONE_F_ONE_B ->
          new OneFOneB(p.pp(), job.microBatches(), p.virtualStages(), job.overlapForwardBackward());
      case DUALPIPE -> new DualPipe(p.pp(), job.microBatches(), job.overlapForwardBackward());
    };
  }
}
