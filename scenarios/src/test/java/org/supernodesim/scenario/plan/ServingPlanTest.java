package org.supernodesim.scenario.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.cli.Main;
import org.supernodesim.scenario.sweep.PointStore;

/**
 * How many chips serve this load within the SLO: the plan keeps the layouts whose TTFT and TPOT
 * at p99 are within workload.serving.slo, and ranks them by the chips their instances use.
 */
class ServingPlanTest {
  static final String SCENARIO =
      """
      name: serving-plan-test
      seed: 3
      cluster: { system: hgx-h20-8, nodes: 1 }
      workload:
        serving:
          model: llama-3.1-8b
          requests:
            synthetic: { rate: 10, cv: 1, count: 100, prompt: 1024, output: 64 }
          instances:
            - { role: unified, count: 1, tp: 8 }
          scheduler: { maxBatch: 128, tokenBudget: 4096 }
          slo: { ttft: 400 ms, tpot: 50 ms }
      plan:
        space:
          instances:
            - [{ role: unified, count: 1, tp: 1 }]
            - [{ role: unified, count: 2, tp: 1 }]
            - [{ role: unified, count: 1, tp: 4 }]
            - [{ role: unified, count: 1, tp: 8 }]
        constraints: { slo: p99 }
        objectives: [chips, ttftP99]
      """;

  @Test
  void theFewestChipsWithinTheSloWin(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("serving-plan-test.yaml");
    Files.writeString(file, SCENARIO);
    StringWriter text = new StringWriter();
    assertEquals(0, Main.execute(new String[] {"plan", file.toString(), "--out",
        tmp.resolve("p").toString(), "--parallel", "2"}, new PrintWriter(text),
        new PrintWriter(text)), text.toString());

    // The expected winner, from the points' own results: within both targets at p99, then the
    // fewest instance chips.
    List<SweepPoint> points = List.copyOf(PointStore.open(tmp.resolve("p")).finished().values());
    assertEquals(4, points.size(), "every layout simulated (none is invalid)");
    List<SweepPoint> within = points.stream()
        .filter(p -> Kinds.serving(p.result()).ttftSeconds().p99() <= 0.4
            && Kinds.serving(p.result()).tpotSeconds().p99() <= 0.05)
        .toList();
    assertTrue(!within.isEmpty() && within.size() < 4,
        within.size() + " of 4 within the SLO: the test needs some on each side");
    SweepPoint fewest = within.stream()
        .min(Comparator.comparingInt((SweepPoint p) -> chips(p))
            .thenComparingDouble(p -> Kinds.serving(p.result()).ttftSeconds().p99()))
        .orElseThrow();
    List<String> ranked = Files.readAllLines(tmp.resolve("p").resolve("plan.csv"));
    assertTrue(ranked.get(1).startsWith("1," + fewest.id() + ","), fewest.id() + " ("
        + chips(fewest) + " chips) ranks first:\n" + String.join("\n", ranked));
    long rejected = ranked.stream().filter(l -> l.contains("over the SLO")).count();
    assertEquals(4 - within.size(), rejected, "each layout outside the SLO says so");
  }

  private static int chips(SweepPoint p) {
    return Kinds.serving(p.result()).instances().stream().mapToInt(i -> i.chips()).sum();
  }
}
