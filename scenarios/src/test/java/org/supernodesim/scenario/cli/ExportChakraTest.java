package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;

/**
 * {@code export-chakra} round trips: a workload written as Chakra files and replayed on the same
 * cluster takes the same simulated time, to the picosecond.
 */
class ExportChakraTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);

  @TempDir Path dir;

  private int export(Path scenario, Path folder, StringWriter err) {
    return Main.execute(new String[] {"export-chakra", scenario.toString(), folder.toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
  }

  /** {@code original} with its workload replaced by the Chakra files under {@code folder}. */
  private long replayed(Path original, String name, Path folder) throws IOException {
    String text = Files.readString(original);
    String cluster = text.substring(text.indexOf("\ncluster:"), text.indexOf("\nworkload:"));
    String network = text.contains("model: flow") ? "flow" : "analytical";
    Path file = dir.resolve("replay.yaml");
    Files.writeString(file, "name: replay" + cluster + "\nworkload:\n  trace:\n"
        + "    format: chakra\n    path: " + folder.resolve(name) + "\nnetwork: { model: "
        + network + " }\n");
    return ScenarioRunner.run(LOADER.load(file, List.of()), RuntimeChoice.SEQUENTIAL)
        .simulatedPicos();
  }

  @Test
  void aCollectivesExampleReplaysToItsOwnTime() throws IOException {
    Path example = Path.of("examples/ring-collectives-8.yaml");
    RunResult direct =
        ScenarioRunner.run(LOADER.load(example, List.of()), RuntimeChoice.SEQUENTIAL);

    StringWriter err = new StringWriter();
    assertEquals(0, export(example, dir.resolve("et"), err), err.toString());

    assertTrue(Files.exists(dir.resolve("et/ring-collectives-8.7.et")), "one file per chip");
    assertEquals(direct.simulatedPicos(), replayed(example, "ring-collectives-8", dir.resolve("et")),
        "five collectives one after another: the same steps on the same links");
  }

  // tp 2 with dp 2 is checked against the stage fidelity: at the chip fidelity that step runs
  // 2.0 % longer than its export replays (412.29 against 404.23 us). The export holds the chip
  // fidelity's own rank graphs (StepRanks sees the stage graph through RankLayout.translate, as
  // each chip does), so the gap is in how they run: a training chip runs each group's collectives
  // on a stream of its own (tensor and data collectives at once, sharing ports), a replayed rank
  // runs all its collectives on one stream, one after another, and a Chakra file has no field
  // that says which.
  @ParameterizedTest(name = "tp {0}, pp {1}, dp {2}, {3}")
  @CsvSource({"2, 1, 2, stage", "1, 2, 1, chip", "1, 1, 4, chip"})
  void aTrainingStepReplaysToItsOwnTime(int tp, int pp, int dp, String fidelity)
      throws IOException {
    // Every rank's graph written (the stage representatives moved to each rank's coordinates);
    // with collectives alone, or pipeline sends alone, nothing shares a port, so the stage
    // simulation's closed-form collectives equal their steps on the fabric.
    Path scenario = dir.resolve("train.yaml");
    Files.writeString(scenario, String.join("\n",
        "name: train",
        "cluster:",
        "  chips: " + tp * pp * dp,
        "  chip: nvidia-h100-sxm",
        "  fabric: { kind: single-switch, link: { bandwidth: 450 GB/s, latency: 500 ns } }",
        "workload:",
        "  training:",
        "    model: llama-3.1-8b",
        "    parallelism: { tp: " + tp + ", pp: " + pp + ", dp: " + dp + " }",
        "    globalBatch: " + 4 * dp,
        "    sequence: 2048",
        "    fidelity: " + fidelity,
        ""));
    RunResult direct =
        ScenarioRunner.run(LOADER.load(scenario, List.of()), RuntimeChoice.SEQUENTIAL);

    StringWriter err = new StringWriter();
    assertEquals(0, export(scenario, dir.resolve("et"), err), err.toString());

    assertEquals(direct.simulatedPicos(), replayed(scenario, "train", dir.resolve("et")),
        "the step replayed from its Chakra files");
  }

  @Test
  void aServingWorkloadIsRefusedWithWhy() {
    StringWriter err = new StringWriter();
    int code = export(Path.of("examples/serving-azure-code-h20.yaml"), dir.resolve("et"), err);
    assertEquals(ExitCode.INPUT, code);
    assertTrue(err.toString().contains("workload: a serving workload has no operation graph"),
        err.toString());
  }
}
