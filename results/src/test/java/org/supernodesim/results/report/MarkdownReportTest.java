package org.supernodesim.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TestResults;
import org.supernodesim.results.scaling.ScalingAnalysis;
import org.supernodesim.results.scaling.ScalingKind;
import org.supernodesim.results.scaling.ScalingPoint;

class MarkdownReportTest {
  private static RunResult run(String name) {
    return TestResults.collectives(
        name,
        7,
        null,
        6_230_009_000L,
        null,
        null,
        List.of(
            CollectiveResult.of(
                CollectiveKind.ALL_REDUCE, "ring", 384, Units.BYTES_PER_GIB, 6_230_009_000L)));
  }

  @Test
  void runSummaryHasACollectivesTableWithUnits() {
    String md = MarkdownReport.run(run("a|b"));

    assertTrue(md.startsWith("# a|b\n"), md);
    assertTrue(
        md.contains("| all-reduce | ring | 384 | 1 GiB | 6.23 ms | 172.3 GB/s | 343.8 GB/s |"),
        "2^30 B in 6.230009 ms: algbw 172.3, busbw ·2·383/384 = 343.8 GB/s\n" + md);
  }

  @Test
  void sweepSummaryEscapesPipesAndListsTheFits() {
    // 8 chips at 2.0 s, 64 at 0.4 s: efficiency 0.625, Amdahl σ = 0.6/7 = 0.08571, below 0.5
    // beyond 8·(1 + 7/0.6) = 101.3 chips.
    ScalingAnalysis a =
        ScalingAnalysis.of(
            ScalingKind.STRONG, List.of(new ScalingPoint(8, 2.0), new ScalingPoint(64, 0.4)));
    String md =
        MarkdownReport.sweep(
            "sweep",
            List.of(new SweepPoint("x|y", Map.of("k", "v"), run("p"))),
            Optional.of(a),
            0.5);

    assertTrue(md.contains("| x\\|y | v | 6.23 ms |"), "a pipe in a cell is escaped\n" + md);
    assertTrue(md.contains("| 64 | 400 ms | 5 | 0.625 |"), md);
    assertTrue(md.contains("| Amdahl | 0.08571 | 0 | 1 | 101.3 |"), md);
    assertTrue(
        md.contains("Measured: every point at or above 0.5."), "0.625 stays above 0.5\n" + md);
    assertEquals(
        MarkdownReport.sweep("sweep", List.of(), Optional.of(a), 0.5),
        MarkdownReport.sweep("sweep", List.of(), Optional.of(a), 0.5),
        "same input, same bytes");
  }
}
