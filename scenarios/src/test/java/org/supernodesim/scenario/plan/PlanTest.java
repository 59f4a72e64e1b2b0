package org.supernodesim.scenario.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.cli.Main;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.sweep.PointStore;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * The plan finds what an exhaustive sweep of the same space finds, without simulating what it
 * prunes: Llama-3.1-70B on 64 H100 (the example's scenario) over a smaller space of 24 layouts.
 */
class PlanTest {
  static final String SCENARIO =
      """
      name: plan-test
      cluster: { system: hgx-h100-8, nodes: 8 }
      workload:
        training:
          model: llama-3.1-70b
          parallelism: { tp: 8, pp: 4, sequenceParallel: true }
          zero: 1
          globalBatch: 128
          microBatch: 1
          recomputation: selective
      report: [json, csv]
      """;
  static final String SPACE =
      """
          tp: [2, 4, 8]
          pp: [1, 4, 5]
          microBatch: [1, 2]
          recomputation: [selective, full]
      """;
  static final ScenarioLoader LOADER =
      new ScenarioLoader(Catalog.standard()::chip, PriceBook.of(Catalog.standard().prices()));

  @Test
  void theBestLayoutIsTheFastestThatFitsInAnExhaustiveRunOfTheSameSpace(@TempDir Path tmp)
      throws Exception {
    // Given the plan over 3 x 3 x 2 x 2 = 36 layouts, and the same product as a plain sweep.
    Path planFile = tmp.resolve("plan-test.yaml");
    Files.writeString(planFile, SCENARIO + "plan:\n  space:\n" + SPACE
        + "  objectives: [stepTime, memoryPerChip]\n");
    Path sweepFile = tmp.resolve("sweep-test.yaml");
    Files.writeString(sweepFile, SCENARIO + "sweep:\n" + SPACE.replace("    ", "  ")
        .replace("  tp:", "  workload.training.parallelism.tp:")
        .replace("  pp:", "  workload.training.parallelism.pp:")
        .replace("  microBatch:", "  workload.training.microBatch:")
        .replace("  recomputation:", "  workload.training.recomputation:"));

    // When the plan runs, and every layout of the sweep is simulated.
    StringWriter text = new StringWriter();
    int exit = Main.execute(new String[] {"plan", planFile.toString(), "--out",
        tmp.resolve("plan").toString(), "--parallel", "2"}, new PrintWriter(text),
        new PrintWriter(text));
    assertEquals(0, exit, text.toString());
    List<SweepPoint> all = SweepRunner.run(LOADER.read(sweepFile, List.of()),
        tmp.resolve("all"), 2, SweepRunner.Listener.NONE);

    // Then the plan's best is the exhaustive run's fastest layout that fits.
    SweepPoint fastest = all.stream()
        .filter(p -> p.ok() && Kinds.training(p.result()).fits())
        .min(Comparator.comparingDouble(p -> Kinds.training(p.result()).stepSeconds()))
        .orElseThrow();
    List<String> ranked = Files.readAllLines(tmp.resolve("plan").resolve("plan.csv"));
    assertTrue(ranked.get(1).startsWith("1," + fastest.id() + ","),
        "rank 1 is " + fastest.id() + " (" + Kinds.training(fastest.result()).layout() + ", "
            + Kinds.training(fastest.result()).stepSeconds() + " s):\n" + ranked.get(1));
    String best = Files.readString(tmp.resolve("plan").resolve("plan-test-best.yaml"));
    assertTrue(best.contains("recomputation: " + fastest.parameters()
        .get("workload.training.recomputation")), best);

    // And pruning dropped nothing that could have won: every candidate not simulated failed or
    // did not fit in the exhaustive run, and every one simulated is the same point there.
    Map<String, SweepPoint> planned = PointStore.open(tmp.resolve("plan")).finished();
    Map<String, SweepPoint> exhaustive =
        all.stream().collect(Collectors.toMap(SweepPoint::id, Function.identity()));
    assertEquals(36, exhaustive.size(), "the exhaustive sweep ran all 36");
    for (SweepPoint p : all) {
      if (planned.containsKey(p.id())) {
        assertEquals(p.result().simulatedPicos(),
            planned.get(p.id()).result().simulatedPicos(), p.id() + ": same simulation");
      } else {
        assertTrue(!p.ok() || !Kinds.training(p.result()).fits(),
            p.id() + " was pruned, so it must be invalid or not fit: " + p.error());
      }
    }
    long pruned = Files.readAllLines(tmp.resolve("plan").resolve("pruned.csv")).size() - 1;
    assertEquals(36, planned.size() + pruned, "simulated + pruned = the space");
    assertTrue(pruned > 0 && planned.size() > 1, planned.size() + " simulated, " + pruned
        + " pruned");

    // And started again on the same folder it simulates nothing and ranks the same.
    StringWriter again = new StringWriter();
    assertEquals(0, Main.execute(new String[] {"plan", planFile.toString(), "--out",
        tmp.resolve("plan").toString()}, new PrintWriter(again), new PrintWriter(again)));
    assertTrue(again.toString().contains(planned.size() + " of them finished before"),
        again.toString());
    assertEquals(ranked, Files.readAllLines(tmp.resolve("plan").resolve("plan.csv")),
        "the same ranking after a resume");
  }

  @Test
  void theFidelityIsAnAxisOfTheSearch(@TempDir Path tmp) throws Exception {
    // Given Llama-3.1-8B on one HGX H100 searched over both fidelities (nothing contends there).
    Path planFile = tmp.resolve("fidelity.yaml");
    Files.writeString(planFile, """
        name: fidelity
        cluster: { system: hgx-h100-8, nodes: 1 }
        workload:
          training:
            model: llama-3.1-8b
            parallelism: { tp: 2 }
            globalBatch: 8
            sequence: 2048
        report: [json, csv]
        plan:
          space: { fidelity: [stage, chip] }
        """);

    // When the plan runs.
    StringWriter text = new StringWriter();
    int exit = Main.execute(new String[] {"plan", planFile.toString(), "--out",
        tmp.resolve("plan").toString()}, new PrintWriter(text), new PrintWriter(text));
    assertEquals(0, exit, text.toString());

    // Then both fidelities were simulated, each point run at the fidelity it names (they may
    // differ: with the gradient all-reduce overlapped, chip lets it contend with tp's on NVLink).
    Map<String, SweepPoint> planned = PointStore.open(tmp.resolve("plan")).finished();
    assertEquals(2, planned.size(), "stage and chip both simulated");
    for (SweepPoint p : planned.values()) {
      assertEquals(String.valueOf(p.parameters().get("workload.training.fidelity")),
          Kinds.training(p.result()).fidelity(), p.id());
    }
    assertEquals(java.util.Set.of("stage", "chip"), planned.values().stream()
        .map(p -> Kinds.training(p.result()).fidelity())
        .collect(Collectors.toSet()));
  }

  @Test
  void aMistakeInThePlanIsLocatedAndSaysWhatIsValid(@TempDir Path tmp) throws Exception {
    Path planFile = tmp.resolve("bad.yaml");
    Files.writeString(planFile, SCENARIO + "plan:\n  space:\n    tp: [2, 4]\n"
        + "  objectives: [fastest]\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(2, Main.execute(new String[] {"plan", planFile.toString(), "--out",
        tmp.resolve("p").toString()}, new PrintWriter(out), new PrintWriter(err)));
    assertEquals("bad.yaml:15:16: plan.objectives[0]: \"fastest\" is not valid here; valid: "
        + String.join(", ", java.util.Arrays.stream(Objective.values())
            .map(Objective::label).toList()), err.toString().trim());
  }
}
