package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.workload.training.PipelineSchedule.Overlapped;
import org.supernodesim.workload.training.PipelineSchedule.Pass;
import org.supernodesim.workload.training.PipelineSchedule.Pass.Kind;
import org.supernodesim.workload.training.PipelineSchedule.PassTimes;
import org.supernodesim.workload.training.PipelineSchedule.Slot;

/**
 * The passes of 1F1B, interleaved 1F1B and DualPipe against the schedules Megatron-LM and
 * deepseek-ai/DualPipe run, and DualPipe's published bubble and activations.
 */
class PipelineScheduleTest {

  private static List<Pass> passes(PipelineSchedule schedule, int stage) {
    List<Pass> all = new ArrayList<>();
    for (Slot slot : schedule.order(stage)) {
      all.addAll(slot.passes());
    }
    return all;
  }

  @ParameterizedTest(name = "p={0} m={1} v={2}")
  @CsvSource({"4, 8, 1", "4, 2, 1", "8, 16, 1", "4, 8, 2", "4, 12, 3", "2, 4, 4"})
  void everyPassRunsOnceAndEachForwardBeforeItsBackward(int p, int m, int v) {
    PipelineSchedule schedule = new OneFOneB(p, m, v, false);
    for (int stage = 0; stage < p; stage++) {
      List<Pass> order = passes(schedule, stage);
      assertEquals(2 * m * v, order.size(), "stage " + stage + ": m·v forwards and backwards");
      assertEquals(order.size(), new HashSet<>(order).size(), "stage " + stage + ": none twice");
      for (int i = 0; i < order.size(); i++) {
        Pass u = order.get(i);
        assertEquals(stage, schedule.stageOf(u.microBatch(), u.chunk()), u + " on its stage");
        if (u.kind() == Kind.BACKWARD) {
          int forward = order.indexOf(new Pass(Kind.FORWARD, u.microBatch(), u.chunk()));
          assertTrue(
              forward >= 0 && forward < i,
              "stage " + stage + ": backward of " + u + " after its forward");
        }
      }
    }
  }

  @ParameterizedTest(name = "p={0} m={1}")
  @CsvSource({"4, 8", "8, 16", "4, 2"})
  void oneForwardOneBackwardWarmsUpWithPMinusStageMinusOneForwards(int p, int m) {
    // PipeDream-Flush (SC'21 §2.2.1): stage s runs min(p - s - 1, m) forwards before its first
    // backward, so it holds at most p - s micro-batches' activations.
    PipelineSchedule schedule = new OneFOneB(p, m, 1, false);
    for (int stage = 0; stage < p; stage++) {
      List<Pass> order = passes(schedule, stage);
      int leading = 0;
      while (leading < order.size() && order.get(leading).kind() == Kind.FORWARD) {
        leading++;
      }
      // The warm-up forwards, then the first steady-state forward before the first backward.
      assertEquals(
          Math.min(p - stage, m), leading, "stage " + stage + " forwards before a backward");
      assertEquals(
          Math.min(p - stage, m),
          peakChunks(schedule, stage),
          1e-12,
          "stage " + stage + ": micro-batches of activations at the peak");
    }
  }

  @ParameterizedTest(name = "p={0} m={1} v={2}")
  @CsvSource({"4, 8, 1, 0.375", "8, 64, 1, 0.109375", "4, 8, 2, 0.1875", "64, 512, 1, 0.123046875"})
  void idealBubbleIsPMinusOneOverVm(int p, int m, int v, double expected) {
    assertEquals(
        expected,
        new OneFOneB(p, m, v, false).idealBubble(new PassTimes(1, 2, 1)),
        1e-12,
        "(p-1)/(v·m)");
  }

  @ParameterizedTest(name = "p={0} m={1}")
  @CsvSource({"1, 4", "4, 8", "8, 16", "4, 12"})
  void expertOverlapPairsEachSteadyStateForwardWithAnotherMicroBatchsBackward(int p, int m) {
    for (int v = 1; v <= 3; v++) {
      if (p > 1 || v == 1) {
        neverPairsAPassWithItsOwnMicroBatchChunk(new OneFOneB(p, m * v, v, true), p);
      }
    }
    // Megatron-Core's combined 1F1B (without a pipeline F0, F1B0, F2B1, ...): one forward more
    // in the warm-up, then each forward issued with a backward of another micro-batch, which
    // holds one more micro-batch of activations.
    PipelineSchedule overlapped = new OneFOneB(p, m, 1, true);
    for (int stage = 0; stage < p; stage++) {
      int warmup = Math.min(p - stage, m);
      long pairs = 0;
      for (Slot slot : overlapped.order(stage)) {
        if (slot instanceof Overlapped o) {
          pairs++;
          assertTrue(
              o.forward().microBatch() != o.backward().microBatch(),
              "stage " + stage + ": " + o + " pairs two micro-batches");
        }
      }
      assertEquals(m - warmup, pairs, "stage " + stage + ": steady pairs");
      assertEquals(
          Math.min(p - stage + 1, m),
          peakChunks(overlapped, stage),
          1e-12,
          "stage " + stage + ": one more micro-batch in flight");
    }
  }

  @ParameterizedTest(name = "p={0} m={1} overlap={2}")
  @CsvSource({
    "2, 4, true",
    "4, 8, true",
    "8, 20, true",
    "8, 16, false",
    "16, 64, true",
    "6, 12, true"
  })
  void dualPipeRunsEveryChunkOfEveryMicroBatchOnceOnItsStage(int p, int m, boolean overlap) {
    // Half the micro-batches enter at stage 0, half at stage p-1; stage s holds chunks s and
    // p-1-s; a backward split in two has its weight pass later on the same stage.
    DualPipe schedule = new DualPipe(p, m, overlap);
    Set<Pass> forwards = new HashSet<>();
    Set<Pass> gradients = new HashSet<>();
    for (int stage = 0; stage < p; stage++) {
      assertEquals(
          List.of(Math.min(stage, p - 1 - stage), Math.max(stage, p - 1 - stage)),
          schedule.chunksOf(stage),
          "stage " + stage + " holds two chunks");
      List<Pass> order = passes(schedule, stage);
      for (int i = 0; i < order.size(); i++) {
        Pass u = order.get(i);
        assertEquals(stage, schedule.stageOf(u.microBatch(), u.chunk()), u + " on its stage");
        switch (u.kind()) {
          case FORWARD -> assertTrue(forwards.add(u), u + " once");
          case BACKWARD, BACKWARD_INPUT ->
              assertTrue(
                  gradients.add(new Pass(Kind.BACKWARD, u.microBatch(), u.chunk())), u + " once");
          case WEIGHT ->
              assertTrue(
                  order
                      .subList(0, i)
                      .contains(new Pass(Kind.BACKWARD_INPUT, u.microBatch(), u.chunk())),
                  u + " after its input");
        }
      }
    }
    assertEquals(m * p, forwards.size(), "m micro-batches through p chunks forward");
    assertEquals(m * p, gradients.size(), "and back");
    neverPairsAPassWithItsOwnMicroBatchChunk(schedule, p);
  }

  @ParameterizedTest(name = "p={0} m={1} F&B={2}")
  @CsvSource({
    "4, 8, 3",
    "4, 8, 2.5",
    "8, 20, 3",
    "8, 20, 2.5",
    "8, 20, 2",
    "16, 64, 2.5",
    "6, 12, 2",
    "10, 40, 2.5",
    "2, 4, 2.5"
  })
  void dualPipeBubbleIsThePublishedClosedForm(int p, int m, double pair) {
    // DualPipe's table (deepseek-ai/DualPipe, the report's Table 2): (p/2 - 1)(F&B + B - 3W).
    // Replayed with F = 1, B = 2 and W = 1 (a backward's input and weight halves equal, as the
    // table's derivation takes them), F&B as given, transfers free: the most idle stage waits
    // exactly that long. With W away from B/2 the table is an approximation.
    double f = 1;
    double b = 2;
    double w = 1;
    double[] idle = replay(new DualPipe(p, m, true), p, f, b, w, pair);
    double most = 0;
    for (double i : idle) {
      most = Math.max(most, i);
    }
    double closedForm = (p / 2.0 - 1) * (pair + b - 3 * w);
    assertEquals(closedForm, most, 1e-9, "largest idle time of a stage, p=" + p + " m=" + m);
    // The step's fraction is that over the ideal m(F + B) when F&B = F + B (compute alone).
    if (pair == f + b) {
      assertEquals(
          closedForm / (m * (f + b)),
          new DualPipe(p, m, true).idealBubble(new PassTimes(f, b, w)),
          1e-12,
          "fraction");
    }
  }

  @ParameterizedTest(name = "p={0} m={1}")
  @CsvSource({"4, 8", "8, 20", "16, 64", "16, 120", "6, 12"})
  void dualPipeKeepsPPlusOneChunkPassesOfActivationsOnEveryStage(int p, int m) {
    // DualPipe's table: activations of PP + 1 micro-batch chunk passes per device (1F1B: PP).
    DualPipe schedule = new DualPipe(p, m, true);
    for (int stage = 0; stage < p; stage++) {
      assertEquals(p + 1, peakChunks(schedule, stage), 1e-12, "stage " + stage);
    }
  }

  /** No overlapped slot holds a forward and the backward that needs it. */
  private static void neverPairsAPassWithItsOwnMicroBatchChunk(PipelineSchedule s, int stages) {
    for (int stage = 0; stage < stages; stage++) {
      for (Slot slot : s.order(stage)) {
        if (slot instanceof Overlapped o) {
          assertTrue(
              o.forward().microBatch() != o.backward().microBatch()
                  || o.forward().chunk() != o.backward().chunk(),
              "stage " + stage + ": " + o);
        }
      }
    }
  }

  /** Chunk passes of activations kept at the peak, one byte per chunk pass. */
  private static double peakChunks(PipelineSchedule schedule, int stage) {
    Map<Integer, Double> ones = new HashMap<>();
    for (int chunk : schedule.chunksOf(stage)) {
      ones.put(chunk, 1.0);
    }
    return MemoryModel.peakActivationBytes(schedule.order(stage), ones);
  }

  /**
   * Every stage runs its slots in order, each as soon as the slot before it is done and its inputs
   * have arrived (transfers take no time); a forward takes f, a whole backward b, an input-gradient
   * backward b - w, a weight pass w, an overlapped pair {@code pair}. Returns each stage's idle
   * time before the last stage finishes.
   */
  private static double[] replay(
      PipelineSchedule schedule, int stages, double f, double b, double w, double pair) {
    int chunks = stages;
    List<List<Slot>> orders = new ArrayList<>();
    for (int s = 0; s < stages; s++) {
      orders.add(schedule.order(s));
    }
    Map<List<Integer>, Double> done = new HashMap<>(); // (forward?, micro-batch, chunk) -> time
    int[] next = new int[stages];
    double[] clock = new double[stages];
    double[] busy = new double[stages];
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int s = 0; s < stages; s++) {
        while (next[s] < orders.get(s).size()) {
          Slot slot = orders.get(s).get(next[s]);
          double start = clock[s];
          boolean ready = true;
          for (Pass u : slot.passes()) {
            List<Integer> input =
                switch (u.kind()) {
                  case FORWARD -> u.chunk() > 0 ? List.of(1, u.microBatch(), u.chunk() - 1) : null;
                  case BACKWARD, BACKWARD_INPUT ->
                      u.chunk() < chunks - 1
                          ? List.of(0, u.microBatch(), u.chunk() + 1)
                          : List.of(1, u.microBatch(), u.chunk());
                  case WEIGHT -> null;
                };
            if (input != null) {
              Double at = done.get(input);
              if (at == null) {
                ready = false;
                break;
              }
              start = Math.max(start, at);
            }
          }
          if (!ready) {
            break;
          }
          double duration =
              slot instanceof Overlapped
                  ? pair
                  : switch (slot.passes().get(0).kind()) {
                    case FORWARD -> f;
                    case BACKWARD -> b;
                    case BACKWARD_INPUT -> b - w;
                    case WEIGHT -> w;
                  };
          clock[s] = start + duration;
          busy[s] += duration;
          for (Pass u : slot.passes()) {
            if (u.kind() != Kind.WEIGHT) {
              done.put(
                  List.of(u.kind() == Kind.FORWARD ? 1 : 0, u.microBatch(), u.chunk()), clock[s]);
            }
          }
          next[s]++;
          progress = true;
        }
      }
    }
    double end = 0;
    for (int s = 0; s < stages; s++) {
      assertEquals(orders.get(s).size(), next[s], "stage " + s + " deadlocks");
      end = Math.max(end, clock[s]);
    }
    double[] idle = new double[stages];
    for (int s = 0; s < stages; s++) {
      idle[s] = end - busy[s];
    }
    return idle;
  }
}
