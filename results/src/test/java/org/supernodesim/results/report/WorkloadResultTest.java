package org.supernodesim.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.results.serving.LatencySeconds;

/**
 * One result of each workload kind through every consumer that switches over the kind: the file
 * format reads back the kind it wrote, with the keys result.json always had; the sweep table, the
 * step time and the run page each handle it.
 */
class WorkloadResultTest {
  private static final long PICOS = 3_000_000_000_000L; // 3 s simulated

  static Stream<WorkloadResult> oneOfEachKind() {
    LatencySeconds l = new LatencySeconds(0.1, 0.2, 0.3, 0.4);
    return Stream.of(
        new CollectiveBenchmarkResult(
            List.of(CollectiveResult.of(CollectiveKind.ALL_REDUCE, "ring", 8, 1 << 20, 1_000_000)),
            new NetworkResult(NetworkModel.FLOW, Map.of(), List.of(), List.of())),
        new TrainingResult("m", 8_030_261_248L, 8_030_261_248L, 16, "tp8 pp2", 8, 2.0, 1e5, 400,
            380, 0.5, 0.55, 0.1, 0.09,
            List.of(0, 8), List.of(new TrainingResult.RankTime(0, 0, 1.5, 0.3, 0.2, 0.6)), 9e10,
            1.28e11, true, 0,
            List.of(new TrainingResult.StageMemoryUse(0, 1e10, 1e10, 3e10, 3e10, 1e9, 8.1e10)),
            1e4, "1f1b", false,
            new TrainingResult.FlopCounts(1e18, "full", 9e17, "fused causal", 300)),
        new ServingResult("t", 1, 1, 0, 0, l, l, l, 10, new ServingResult.PerChip(1, 1),
            new ServingResult.SloAttainment(null, null, null, null, 1),
            new ServingResult.Utilisation(0, 0), null, 0, 1, 1, 0.3, List.of()),
        new ReplayResult(
            new ReplayResult.Trace("chakra", "t/all_reduce", List.of("all_reduce.0.et",
                "all_reduce.1.et"), "ab12", 2, List.of(0, 1), 1_000_000, List.of("a note")),
            3.0, 1.0, 1.5, 2.0, 1,
            new NetworkResult(NetworkModel.FLOW, Map.of("scale-up", 1L << 20), List.of(),
                List.of())));
  }

  private static RunResult run(WorkloadResult workload) {
    return new RunResult("kinds", 1, NetworkModel.FLOW, null, PICOS, null, null, workload,
        Optional.empty(), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneOfEachKind")
  void eachKindRoundTripsItsKeysAndReachesEveryConsumer(WorkloadResult workload, @TempDir Path tmp) {
    RunResult r = run(workload);

    // The file holds the kind's keys at the top level, beside networkModel, and reads back as
    // the same kind with the same bytes.
    String json = JsonReport.toJson(r);
    String key = workload.match(new WorkloadResult.Cases<String>() {
      @Override
      public String collectives(CollectiveBenchmarkResult c) {
        return "\"network\" :";
      }

      @Override
      public String training(TrainingResult t) {
        return "\"training\" :";
      }

      @Override
      public String serving(ServingResult s) {
        return "\"serving\" :";
      }

      @Override
      public String replay(ReplayResult x) {
        return "\"replay\" :";
      }
    });
    assertTrue(json.contains(key) && json.contains("\"networkModel\" : \"flow\""), json);
    assertTrue(json.contains("\"collectives\" : ["), "the key every result.json had: " + json);
    Path file = tmp.resolve("result.json");
    JsonReport.write(r, file);
    RunResult back = JsonReport.read(file);
    assertEquals(workload.getClass(), back.workload().getClass(), "the same kind read back");
    assertEquals(json, JsonReport.toJson(back), "the same bytes read back");

    // The sweep table has a cell for each header; the step is the training step or the run.
    String header = SweepTable.header(List.of("k"));
    String row = SweepTable.row(new SweepPoint("p", Map.of("k", "1"), 16, r, null),
        List.of("k"), Optional.empty());
    assertEquals(header.split(",", -1).length, row.split(",", -1).length, header + row);
    assertEquals(workload instanceof TrainingResult t ? t.stepSeconds() : 3.0,
        StepTime.seconds(r), 0, "step seconds");

    // The run page draws the kind's section.
    String section = workload.match(new WorkloadResult.Cases<String>() {
      @Override
      public String collectives(CollectiveBenchmarkResult c) {
        return "<h2>Collectives</h2>";
      }

      @Override
      public String training(TrainingResult t) {
        return "<h2>Training step</h2>";
      }

      @Override
      public String serving(ServingResult s) {
        return "<h2>Serving</h2>";
      }

      @Override
      public String replay(ReplayResult x) {
        return "<h2>Trace replay</h2>";
      }
    });
    assertTrue(HtmlReport.run(r).contains(section), section);
  }
}
