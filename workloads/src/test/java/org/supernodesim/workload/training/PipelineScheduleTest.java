package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The passes of 1F1B and interleaved 1F1B, against the schedule Megatron-LM runs. */
class PipelineScheduleTest {

  @ParameterizedTest(name = "p={0} m={1} v={2}")
  @CsvSource({"4, 8, 1", "4, 2, 1", "8, 16, 1", "4, 8, 2", "4, 12, 3", "2, 4, 4"})
  void everyPassRunsOnceAndEachForwardBeforeItsBackward(int p, int m, int v) {
    for (int stage = 0; stage < p; stage++) {
      List<PipelineSchedule.Unit> order = PipelineSchedule.order(stage, p, m, v);
      assertEquals(2 * m * v, order.size(), "stage " + stage + ": m·v forwards and backwards");
      Set<PipelineSchedule.Unit> seen = new HashSet<>(order);
      assertEquals(order.size(), seen.size(), "stage " + stage + ": no pass twice");
      for (int i = 0; i < order.size(); i++) {
        PipelineSchedule.Unit u = order.get(i);
        if (!u.forward()) {
          int forward = order.indexOf(new PipelineSchedule.Unit(true, u.microBatch(), u.chunk()));
          assertTrue(forward >= 0 && forward < i,
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
    for (int stage = 0; stage < p; stage++) {
      List<PipelineSchedule.Unit> order = PipelineSchedule.order(stage, p, m, 1);
      int leading = 0;
      while (leading < order.size() && order.get(leading).forward()) {
        leading++;
      }
      // The warm-up forwards, then the first steady-state forward before the first backward.
      assertEquals(Math.min(p - stage, m), leading, "stage " + stage + " forwards before a backward");
    }
  }

  @ParameterizedTest(name = "p={0} m={1} v={2}")
  @CsvSource({"4, 8, 1, 0.375", "8, 64, 1, 0.109375", "4, 8, 2, 0.1875", "64, 512, 1, 0.123046875"})
  void idealBubbleIsPMinusOneOverVm(int p, int m, int v, double expected) {
    assertEquals(expected, PipelineSchedule.idealBubble(p, m, v), 1e-12, "(p-1)/(v·m)");
  }
}
