package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;

/**
 * Training's {@code collectiveAlgorithm:} key: a tensor-parallel step on one Atlas 800T A2 (tp 8
 * over its HCCS mesh) runs its all-reduces as {@code mesh}, which {@code auto} takes there too;
 * {@code ring} is honoured, and {@code mesh} where a group crosses servers is one located line.
 */
class TrainingMeshTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final String ONE_SERVER = String.join("\n",
      "name: tp8-910b",
      "cluster: { system: atlas-800t-a2, nodes: 1 }",
      "workload:",
      "  training:",
      "    model: llama-3.1-8b",
      "    parallelism: { tp: 8, pp: 1 }",
      "    globalBatch: 4",
      "    fidelity: chip",
      "");

  @TempDir Path dir;

  private static TrainingResult run(String text) {
    return Kinds.training(ScenarioRunner.run(LOADER.load("t.yaml", text, List.of(), false),
        RuntimeChoice.SEQUENTIAL));
  }

  @Test
  void aTensorParallelStepOnAnAtlas800RunsTheMesh() {
    TrainingResult auto = run(ONE_SERVER);
    TrainingResult mesh = run(ONE_SERVER + "    collectiveAlgorithm: mesh\n");
    TrainingResult halvingDoubling =
        run(ONE_SERVER + "    collectiveAlgorithm: halving-doubling\n");
    TrainingResult ring = run(ONE_SERVER + "    collectiveAlgorithm: ring\n");
    TrainingResult stage = run(ONE_SERVER.replace("fidelity: chip", "fidelity: stage"));
    // auto takes the mesh: the same step, to the bit, as naming it.
    assertEquals(mesh.stepSeconds(), auto.stepSeconds(), "auto is the mesh on the HCCS mesh");
    // The closed forms the stage fidelity takes equal the chip fidelity's transfers.
    assertEquals(mesh.stepSeconds(), stage.stepSeconds(), "stage = chip");
    // Pinned (1 ms): the mesh's 1.663 s; halving-doubling's 4.293 s, auto's choice before the
    // mesh existed (the same compute, 1.224 s, with 3.07 s of exposed all-reduces); the ring's
    // 4.295 s, honoured when named.
    assertEquals(1.663, mesh.stepSeconds(), 1e-3, "mesh");
    assertEquals(4.293, halvingDoubling.stepSeconds(), 1e-3, "halving-doubling");
    assertEquals(4.295, ring.stepSeconds(), 1e-3, "ring");
  }

  @Test
  void meshWhereAGroupCrossesServersIsOneLocatedLine() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, ONE_SERVER.replace("nodes: 1", "nodes: 2").replace("globalBatch: 4",
        "globalBatch: 8") + "    collectiveAlgorithm: mesh\n");

    BadInputTest.Outcome outcome = BadInputTest.run("validate", file.toString());

    assertEquals(2, outcome.code(), "exit code; stderr was " + outcome.err());
    String line = outcome.err().lines().findFirst().orElse("");
    assertTrue(line.startsWith("bad.yaml:9:5: workload.training.collectiveAlgorithm: mesh cannot"
        + " run all-reduce over ranks [0, 8]: it needs a full mesh"), line);
    assertFalse(outcome.err().contains("\tat "), "no stack trace: " + outcome.err());
  }
}
