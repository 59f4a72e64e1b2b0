package org.supernodesim.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.serving.RequestRecord;

/** The figures a purchase is decided on reach compare, the sweep table and the page's answer. */
class HeadlinesTest {
  static TrainingResult training(double stepSeconds, double peakBytes) {
    double capacity = 80e9;
    return new TrainingResult(
        "llama",
        70_000_000_000L,
        70_000_000_000L,
        64,
        "tp8 pp4 dp2",
        64,
        stepSeconds,
        1_048_576 / stepSeconds,
        400,
        380,
        0.4,
        0.42,
        0.07,
        0.05,
        List.of(0),
        List.of(),
        peakBytes,
        capacity,
        peakBytes <= capacity,
        Math.max(0, peakBytes - capacity),
        List.of(),
        1e4,
        "1f1b",
        false,
        new TrainingResult.FlopCounts(1e18, "full", 9e17, "fused causal", 360));
  }

  static ServingResult serving(double ttftP99, double tpotP99, double slo, double tokens) {
    return new ServingResult(
        "trace.csv",
        100,
        100,
        0,
        0,
        new LatencySeconds(ttftP99 / 4, ttftP99 / 2, ttftP99, ttftP99),
        new LatencySeconds(tpotP99 / 2, tpotP99, tpotP99, tpotP99),
        new LatencySeconds(1, 2, 3, 4),
        tokens,
        new ServingResult.PerChip(10, 5),
        new ServingResult.SloAttainment(2.0, 0.05, slo, slo, slo),
        new ServingResult.Utilisation(0.1, 0.2),
        null,
        0,
        2,
        3,
        1.5,
        List.of(new ServingResult.InstanceSummary(0, "unified", 8, 0, 1, new ServingResult.MemoryPerChip(0, 0, 0, 0, 0, 0, 0, 0), 1, 1, 1, 0.5, 100, 4, 0.1, null)));
  }

  static RunResult run(String name, WorkloadResult w, double perMillionOutput) {
    Price price = new Price(2, "USD", Price.Basis.CHIP_HOUR, "test");
    return new RunResult(
        name,
        1,
        NetworkModel.ANALYTICAL,
        null,
        1_000_000_000_000L,
        null,
        null,
        w,
        Optional.empty(),
        List.of(new CostResult(price, 10, 10, null, null, perMillionOutput)));
  }

  @Test
  void compareOfTwoServingRunsHasTtftTpotSloAndTokensPerChipWithRatios() {
    // B has half A's TTFT p99, the same TPOT, twice the output tokens on the same 8 chips.
    RunResult a = run("a", serving(2.0, 0.05, 0.8, 800), 100);
    RunResult b = run("b", serving(1.0, 0.05, 0.9, 1600), 50);

    List<List<String>> rows = Comparison.rows(List.of(a, b));

    assertEquals(List.of("TTFT p99", "2 s", "1 s", "0.5"), row(rows, "TTFT p99"), "B/A = 1/2");
    assertEquals(List.of("TPOT p99", "50 ms", "50 ms", "1"), row(rows, "TPOT p99"));
    assertEquals(List.of("SLO attainment", "80 %", "90 %", "1.125"), row(rows, "SLO attainment"));
    // 800 tokens/s over 8 chips = 100 per chip; B 200: ratio 2.
    assertEquals(
        List.of("output tokens/s per chip", "100", "200", "2"),
        row(rows, "output tokens/s per chip"));
    assertEquals(
        List.of("cost per million output tokens (chip-hour price)", "100 USD", "50 USD", "0.5"),
        row(rows, "cost per million output tokens (chip-hour price)"));
    assertTrue(
        rows.stream().noneMatch(r -> r.get(0).contains("per step")),
        "a serving run has no steps to cost: " + rows);
  }

  @Test
  void aLayoutShortOfMemoryComparesAsNotFitting() {
    // A fits (60 GB of 80); B needs 232 GB: 152 GB short.
    RunResult a = run("a", training(16, 60e9), 1);
    RunResult b = run("b", training(8, 232e9), 1);

    List<List<String>> rows = Comparison.rows(List.of(a, b));

    assertEquals(
        List.of("fits in memory", "yes", "no", ""),
        row(rows, "fits in memory"),
        "a yes/no has no ratio");
    assertEquals(
        List.of("memory short per chip", "0 GB", "152 GB", ""), row(rows, "memory short per chip"));
    assertEquals("2", row(rows, "tokens/s").get(3), "half the step time, twice the tokens/s");
    assertEquals(List.of("MFU", "40 %", "40 %", "1"), row(rows, "MFU"));
    Decision d = Decision.of(b);
    assertTrue(
        d.answers()
            .contains(List.of("memory per chip", "232 GB of 80 GB: does NOT fit, 152 GB short")),
        d.answers().toString());
  }

  @Test
  void theSweepTableHasAColumnForEveryHeadlineFigure() {
    String header = SweepTable.header(List.of("workload.serving.requests.synthetic.rate"));
    for (String column : Headlines.COLUMNS) {
      assertTrue(header.contains(column), column + " in " + header);
    }
    SweepPoint p =
        new SweepPoint(
            "p0",
            java.util.Map.of("workload.serving.requests.synthetic.rate", "2"),
            run("a", serving(2.0, 0.05, 0.8, 800), 100));
    String row =
        SweepTable.row(p, List.of("workload.serving.requests.synthetic.rate"), Optional.empty());
    List<String> names = List.of(header.trim().split(","));
    List<String> cells = List.of(row.trim().split(",", -1));
    assertEquals(names.size(), cells.size(), "one cell per column");
    assertEquals("2.0", cells.get(names.indexOf("ttftP99Seconds")));
    assertEquals("0.8", cells.get(names.indexOf("sloAttainment")));
    assertEquals("100.0", cells.get(names.indexOf("outputTokensPerSecondPerChip")));
    assertEquals("", cells.get(names.indexOf("mfu")), "a training column is empty for serving");
  }

  @Test
  void requestsCsvWritesEachRequestExactToThePicosecond() {
    // Arrives at 1.5 s, first token 0.25 s later, last of 3 tokens at 1.75 s after arrival.
    RequestRecord r =
        new RequestRecord(
            7,
            1_500_000_000_000L,
            1000,
            3,
            1_750_000_000_000L,
            3_250_000_000_000L,
            750_000_000_000L,
            2,
            1,
            0,
            -1);
    String csv = ServingFiles.requestsCsv(List.of(r));
    assertEquals(
        String.join(",", ServingFiles.REQUEST_COLUMNS)
            + "\n"
            + "7,1.500000000000,1000,3,0.250000000000,0.750000000000,1.750000000000,2,1,0,\n",
        csv);
  }

  private static List<String> row(List<List<String>> rows, String label) {
    return rows.stream()
        .filter(r -> r.get(0).equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError(label + " not in " + rows));
  }
}
