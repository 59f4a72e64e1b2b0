package org.supernodesim.workload.training;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.training.PipelineSchedule.Pass.Kind;

/**
 * DualPipe (DeepSeek-V3, arXiv 2412.19437 §3.2.1; the schedule of deepseek-ai/DualPipe): the model
 * is cut into p chunks and fed from both ends. Half the m micro-batches enter at stage 0 and go
 * through chunk c on stage c; the other half enter at stage p-1 and go through chunk c on stage
 * p-1-c. So each stage holds two chunks, c and p-1-c (two copies of the parameters over the
 * pipeline), and from the middle of the step on it runs a forward of one direction together with a
 * backward of the other, so that each one's all-to-all and pipeline transfers proceed while the
 * other computes. The warm-up and the drain split some backwards into input and weight gradients
 * (zero bubble, Qi et al., arXiv 2401.10241), the weight part filling what would be idle.
 *
 * <p>A stage at distance h = min(s, p-1-s) from the nearer end runs, with n = m/2 micro-batches per
 * direction and phase 0 its own direction's chunk (direction 1's on the second half): 2(p/2-h-1)
 * forwards of phase 0; h+1 times a forward of phase 0 and one of phase 1; p/2-h-1 times an
 * input-gradient backward of phase 1, a weight pass and a forward of phase 1; n-p+h+1 times a
 * forward of phase 0 with a backward of phase 1, then a forward of phase 1 with a backward of phase
 * 0 (on the two middle stages the very first of these pairs runs one pass after the other); p/2-h-1
 * times a backward of phase 1, then a forward of phase 1 with a backward of phase 0; h+1 times a
 * backward of each phase (the later half input-gradient only); p/2-h-1 times a weight pass and an
 * input-gradient backward of phase 0; h+1 weight passes. The published bubble is (p/2-1)(F&B+B-3W),
 * with 2x the parameters and p+1 micro-batches of activations per stage (the README of
 * deepseek-ai/DualPipe, from the report's Table 2).
 *
 * <p>Without {@code overlap} the pairs run one pass after the other, as the published code does for
 * modules without an overlapped forward-backward.
 */
record DualPipe(int stages, int microBatches, boolean overlap) implements PipelineSchedule {

  @Override
  public List<Slot> order(int stage) {
    return new Order(stage).build();
  }

  /** Direction 0 runs micro-batches 0..n-1 from stage 0; direction 1 runs n..m-1 from stage p-1. */
  private int direction(int microBatch) {
    return microBatch < microBatches / 2 ? 0 : 1;
  }

  @Override
  public List<Integer> chunksOf(int stage) {
    return List.of(Math.min(stage, stages - 1 - stage), Math.max(stage, stages - 1 - stage));
  }

  @Override
  public int stageOf(int microBatch, int chunk) {
    return direction(microBatch) == 0 ? chunk : stages - 1 - chunk;
  }

  @Override
  public List<Integer> replicaStages(int stage) {
    return chunksOf(stage);
  }

  /**
   * (p/2 - 1)(F&B + B - 3W) over the ideal m(F + B), with F&B = F + B: the pair's compute runs on
   * one stream, so overlap hides communication, not compute.
   */
  @Override
  public double idealBubble(PassTimes t) {
    double pair = t.forward() + t.backward();
    return (stages / 2.0 - 1)
        * (pair + t.backward() - 3 * t.weight())
        / (microBatches * (t.forward() + t.backward()));
  }

  @Override
  public String label() {
    return "dualpipe";
  }

  /** The passes of one stage, built step by step as the published schedule issues them. */
  private final class Order {
    private final int stage;
    private final boolean secondHalf;
    private final int[] forwards = new int[2];
    private final int[] backwards = new int[2];
    // Weight passes owed, oldest first: a weight pass runs the oldest deferred one.
    private final ArrayDeque<Pass> deferred = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();

    Order(int stage) {
      this.stage = stage;
      this.secondHalf = stage >= stages / 2;
    }

    List<Slot> build() {
      int half = stages / 2;
      int h = Math.min(stage, stages - 1 - stage);
      int n = microBatches / 2;
      boolean middle = stage == half - 1 || stage == half;
      repeat(2 * (half - h - 1), () -> single(forward(0)));
      repeat(
          h + 1,
          () -> {
            single(forward(0));
            single(forward(1));
          });
      repeat(
          half - h - 1,
          () -> {
            single(backward(1, true));
            single(weight());
            single(forward(1));
          });
      for (int i = 0; i < n - stages + h + 1; i++) {
        if (i == 0 && middle) {
          single(forward(0)); // the published schedule leaves this pair apart: a shorter bubble
          single(backward(1, false));
        } else {
          pair(forward(0), backward(1, false));
        }
        pair(forward(1), backward(0, false));
      }
      repeat(
          half - h - 1,
          () -> {
            single(backward(1, false));
            pair(forward(1), backward(0, false));
          });
      // The later half of these backwards leave their weight gradients for the passes below.
      int split = (h + 1) / 2;
      for (int i = 0; i < h + 1; i++) {
        boolean zeroBubble = i > split || (i == split && h % 2 == 1);
        single(backward(1, zeroBubble));
        single(backward(0, zeroBubble || i == split));
      }
      repeat(
          half - h - 1,
          () -> {
            single(weight());
            single(backward(0, true));
          });
      repeat(h + 1, () -> single(weight()));
      if (!deferred.isEmpty()) {
        throw new IllegalStateException(
            "stage " + stage + ": " + deferred.size() + " weight passes never run");
      }
      return slots;
    }

    /** The next forward of phase {@code phase} (0: this half's direction, 1: the other's). */
    private Pass forward(int phase) {
      int d = phase ^ (secondHalf ? 1 : 0);
      return new Pass(Kind.FORWARD, d * (microBatches / 2) + forwards[d]++, chunk(d));
    }

    private Pass backward(int phase, boolean zeroBubble) {
      int d = phase ^ (secondHalf ? 1 : 0);
      int microBatch = d * (microBatches / 2) + backwards[d]++;
      if (zeroBubble) {
        deferred.add(new Pass(Kind.WEIGHT, microBatch, chunk(d)));
        return new Pass(Kind.BACKWARD_INPUT, microBatch, chunk(d));
      }
      return new Pass(Kind.BACKWARD, microBatch, chunk(d));
    }

    private Pass weight() {
      return deferred.remove();
    }

    private int chunk(int direction) {
      return direction == 0 ? stage : stages - 1 - stage;
    }

    private void single(Pass pass) {
      slots.add(new Single(pass));
    }

    private void pair(Pass forward, Pass backward) {
      if (overlap) {
        slots.add(new Overlapped(forward, backward));
      } else {
        slots.add(new Single(forward));
        slots.add(new Single(backward));
      }
    }

    private static void repeat(int times, Runnable body) {
      for (int i = 0; i < times; i++) {
        body.run();
      }
    }
  }
}
