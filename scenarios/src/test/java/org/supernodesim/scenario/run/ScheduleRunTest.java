package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * The pipeline schedules run on the engine, against their published bubbles, where nothing but
 * compute is left to schedule ({@code schedules/dualpipe-compute-only.yaml}: 8 stages of one wide
 * layer, memory-bound kernels and transfers of nanoseconds, attention and head a thousandth of a
 * layer, so that a backward's weight half W is half of it, B/2, as DualPipe's table assumes).
 */
class ScheduleRunTest {
  private static final Path COMPUTE_ONLY =
      Path.of("src/test/resources/schedules/dualpipe-compute-only.yaml");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "dualpipe, 0.125",
    "1f1b, 0.4375",
  })
  void theMostIdleStageWaitsThePublishedBubble(String schedule, double closedForm) {
    // Given p = 8 stages, m = 16 micro-batches, F, B = 2F, W = F per chunk pass.
    Scenario scenario =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(COMPUTE_ONLY, List.of("workload.training.schedule=" + schedule));

    // When one step runs.
    TrainingResult t = Kinds.training(ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL));

    // Then the most idle stage's idle time over a stage's compute m(F + B) is the schedule's
    // bubble: DualPipe's (p/2 - 1)(F&B + B - 3W) / m(F + B) = 3 x 2F / 48F = 0.125 with F&B =
    // F + B, 1F1B's (p - 1)/m = 0.4375. Within 1 %: attention and the head are 0.1 % of a pass.
    double idle = 0;
    double compute = 0;
    for (TrainingResult.RankTime r : t.ranks()) {
      idle = Math.max(idle, r.idleSeconds());
      compute += r.computeSeconds() / t.ranks().size();
    }
    assertEquals(closedForm, idle / compute, 0.01 * closedForm, schedule + ": measured bubble");
    assertEquals(
        closedForm,
        t.idealBubbleFraction(),
        0.01 * closedForm,
        schedule + ": the closed form result.json reports beside it");
    assertEquals(schedule, t.schedule());
  }

  @Test
  void ringAttentionHidesEachHopUnderTheBlockBeforeIt() {
    // Given cp = 2, one layer, m = 2 micro-batches, nothing else communicating: per micro-batch a
    // forward hop of the chip's K and V, S = 4,096 tokens x 2 x 4,096 x 2 B = 64 MiB, and a
    // backward hop of them and their gradients, 2S; each hop 2 links of 1 us and S/B at 450 GB/s.
    Scenario scenario =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(Path.of("src/test/resources/schedules/ring-attention-cp2.yaml"), List.of());

    // When one step runs.
    TrainingResult t = Kinds.training(ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL));

    // Then the hops take m((2α + S/B) + (2α + 2S/B)) on the communication stream, and none of it
    // is exposed: a hop (0.15 ms forward) is shorter than the block it overlaps (0.25 ms).
    double s = 64.0 * (1 << 20);
    double b = 450e9;
    double alpha = 1e-6;
    double hops = 2 * ((2 * alpha + s / b) + (2 * alpha + 2 * s / b));
    TrainingResult.RankTime rank = t.ranks().get(0);
    assertEquals(hops, rank.communicationSeconds(), 4e-12, "the hops' closed form, 1 ps each");
    assertEquals(0, rank.exposedCommunicationSeconds(), 1e-12, "every hop hidden");
    assertEquals(0, rank.idleSeconds(), 1e-12, "no block waits for its hop");
  }
}
