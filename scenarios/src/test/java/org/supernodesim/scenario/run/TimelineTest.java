package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.report.perfetto.ChromeTrace;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/** The timeline is the chips' recorded activity: one slice per operation, on its stream. */
class TimelineTest {
  private static List<Timeline.Slice> communication(Timeline.Process chip) {
    return chip.tracks().stream().filter(t -> t.tid() == 1).findFirst().orElseThrow().slices();
  }

  @Test
  void aTimelineIsTheSameBytesOnEveryRuntime() throws Exception {
    // Given the ring example's 8 chips, each noting its transfers (a training step notes its
    // pipeline sends through the same log; the ring keeps this test quick on actors).
    Scenario s =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(
                Path.of("examples", "ring-collectives-8.yaml"), List.of("report=[json, timeline]"));
    StringWriter sequential = new StringWriter();
    StringWriter actors = new StringWriter();

    ChromeTrace.write(
        ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL).timeline().orElseThrow(), sequential);
    ChromeTrace.write(
        ScenarioRunner.execute(s, RuntimeChoice.actors(2, 1)).timeline().orElseThrow(), actors);

    // Then the traces are the same text: every log is kept per chip, in its own order.
    assertEquals(sequential.toString(), actors.toString());
  }

  @Test
  void timelineGzWritesTheGzippedTraceAlone(@TempDir Path dir) throws Exception {
    Scenario s =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(
                Path.of("examples", "ring-collectives-8.yaml"),
                List.of("report=[json, timeline-gz]"));
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);

    RunReports.write(run, s.accounting(), dir);

    assertFalse(Files.exists(dir.resolve("timeline.json")), "only the gzipped trace was asked");
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(dir.resolve("timeline.json.gz")))) {
      JsonNode trace = new ObjectMapper().readTree(in);
      assertEquals(
          8 * 42 + 4 * 2 * 6,
          trace.get("traceEvents").findValues("bp").size() / 2,
          "every transfer's flow, two ends each");
    }
  }

  @Test
  void eachChipHasASlicePerCollectiveSpanningItsTiming() {
    // Given the ring example: 4 collectives over 8 chips, then one over chips 0-3 twice.
    Scenario s =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(
                Path.of("examples", "ring-collectives-8.yaml"), List.of("report=[json, timeline]"));
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);
    Timeline t = run.timeline().orElseThrow();

    // Then chips 0-3 have 6 slices and chips 4-7 have 4, all on the communication stream, and
    // chip k is pid k + 1.
    assertEquals(8, t.processes().size(), "a process per chip");
    assertEquals(
        List.of(1, 2, 3, 4, 5, 6, 7, 8),
        t.processes().stream().map(Timeline.Process::pid).toList(),
        "pids from 1");
    assertEquals(6, communication(t.processes().get(0)).size(), "chip 0: 4 + 2 collectives");
    assertEquals(4, communication(t.processes().get(7)).size(), "chip 7: the 4 over all chips");
    // And each collective's timing is its slices' extent over the chips from the last member
    // joining (as nccl-tests times after a barrier) to the last end.
    List<CollectiveResult> collectives = Kinds.collectives(run.result());
    for (int k = 0; k < 4; k++) {
      int i = k;
      long start =
          t.processes().stream()
              .mapToLong(c -> communication(c).get(i).startPicos())
              .max()
              .orElseThrow();
      long end =
          t.processes().stream()
              .mapToLong(c -> communication(c).get(i).endPicos())
              .max()
              .orElseThrow();
      assertEquals(
          collectives.get(k).picos(), end - start, "collective " + k + ": to the picosecond");
    }
    // Each chip of a ring sends once per step: 14 steps per all-reduce of 8 and 7 per
    // all-gather or reduce-scatter, 42 over the four; within the 64 kept per chip.
    assertEquals(8 * 42 + 4 * 2 * 6, t.flows().size(), "every transfer noted");
  }
}
