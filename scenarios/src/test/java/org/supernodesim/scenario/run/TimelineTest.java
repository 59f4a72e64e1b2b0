package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/** The timeline is the chips' recorded activity: one slice per operation, on its stream. */
class TimelineTest {
  @Test
  void eachChipHasASlicePerCollectiveSpanningItsTiming() {
    // Given the ring example: 4 collectives over 8 chips, then one over chips 0-3 twice.
    Scenario s =
        new ScenarioLoader(Catalog.standard()::chip)
            .load(Path.of("examples", "ring-collectives-8.yaml"),
                List.of("report=[json, timeline]"));
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);
    Timeline t = run.timeline().orElseThrow();

    // Then chips 0-3 have 6 slices and chips 4-7 have 4, all on the communication stream.
    assertEquals(8, t.chips().size(), "a track per chip");
    assertEquals(6, t.chips().get(0).spans().size(), "chip 0: 4 + 2 collectives");
    assertEquals(4, t.chips().get(7).spans().size(), "chip 7: the 4 over all chips");
    t.chips().forEach(c -> c.spans().forEach(x -> assertEquals(1, x.stream(), "communication")));
    // And each collective's timing is its slices' extent over the chips from the last member
    // joining (as nccl-tests times after a barrier) to the last end.
    List<CollectiveResult> collectives = Kinds.collectives(run.result());
    for (int k = 0; k < 4; k++) {
      int i = k;
      long start = t.chips().stream().mapToLong(c -> c.spans().get(i).startPicos()).max().orElseThrow();
      long end = t.chips().stream().mapToLong(c -> c.spans().get(i).endPicos()).max().orElseThrow();
      assertEquals(collectives.get(k).picos(), end - start, "collective " + k + ": to the picosecond");
    }
    // Each chip of a ring sends once per step: 14 steps per all-reduce of 8 and 7 per
    // all-gather or reduce-scatter, 42 over the four; within the 64 kept per chip.
    assertEquals(8 * 42 + 4 * 2 * 6, t.transfers().size(), "every transfer noted");
  }
}
