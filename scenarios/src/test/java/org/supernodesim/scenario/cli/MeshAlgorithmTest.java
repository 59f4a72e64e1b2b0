package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;

/**
 * {@code algorithm: mesh} from a scenario file: what {@code auto} takes on an Atlas 800T A2's HCCS
 * mesh (and not on an HGX's NVSwitch or across servers), at its closed form, and refused, with the
 * key, where the group is no full mesh.
 */
class MeshAlgorithmTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final double PS = Units.PICOS_PER_SECOND;

  @TempDir Path dir;

  private static List<CollectiveResult> run(String system, int nodes, String... collectives) {
    StringBuilder text = new StringBuilder("name: t\ncluster: { system: " + system + ", nodes: "
        + nodes + " }\nworkload:\n  collectives:\n");
    for (String c : collectives) {
      text.append("    - ").append(c).append('\n');
    }
    return Kinds.collectives(ScenarioRunner.run(
        LOADER.load("t.yaml", text.toString(), List.of(), false), RuntimeChoice.SEQUENTIAL));
  }

  @Test
  void autoRunsTheMeshOnAnAtlas800AtItsClosedForm() {
    // Given one Atlas 800T A2: 8 x 910B, 7 HCCS links each of 28 GB/s x 0.7 = 19.6 GB/s, 0.5 us.
    List<CollectiveResult> r = run("atlas-800t-a2", 1,
        "{kind: all-reduce, size: 32 MiB}", "{kind: all-gather, size: 32 MiB}",
        "{kind: all-reduce, size: 32 MiB, algorithm: mesh}");
    // Then per phase 7 chunks of S/8 leave at once, one a link: alpha + (S/8)/B = 214.5 us;
    // all-reduce two phases, 429.0 us (halving-doubling, auto's choice before, took 3.0 ms).
    double phase = 0.5e-6 * PS + (32 << 20) / 8.0 / (28e9 * 0.7) * PS;
    assertEquals("mesh", r.get(0).algorithm());
    assertEquals(2 * phase, r.get(0).picos(), 2.0, "all-reduce: 1 ps a phase");
    assertEquals("mesh", r.get(1).algorithm());
    assertEquals(phase, r.get(1).picos(), 1.0, "all-gather: one phase");
    assertEquals(r.get(0).picos(), r.get(2).picos(), "named or chosen, the same run");
  }

  @Test
  void autoKeepsItsChoiceOffAFullMesh() {
    // Two Atlas 800s: the 16 chips reach the other server's over one NIC; inside one, the mesh.
    List<CollectiveResult> atlas = run("atlas-800t-a2", 2,
        "{kind: all-reduce, size: 32 MiB}", "{kind: all-reduce, size: 32 MiB, group: 8}");
    assertEquals("halving-doubling", atlas.get(0).algorithm(), "as before the mesh");
    assertEquals("mesh", atlas.get(1).algorithm());
    // An HGX H100's NVSwitch: every peer behind each GPU's one port.
    assertEquals("nvls", run("hgx-h100-8", 1, "{kind: all-reduce, size: 32 MiB}").get(0)
        .algorithm());
  }

  @Test
  void meshOffAFullMeshIsOneLocatedLine() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: t\ncluster: { system: hgx-h100-8, nodes: 1 }\nworkload:\n"
        + "  collectives:\n    - {kind: all-reduce, size: 32 MiB, algorithm: mesh}\n");

    BadInputTest.Outcome outcome = BadInputTest.run("validate", file.toString());

    assertEquals(2, outcome.code(), "exit code; stderr was " + outcome.err());
    assertEquals("bad.yaml:5:40: workload.collectives[0].algorithm: mesh cannot run all-reduce"
        + " over ranks [0, 1, 2, 3, 4, 5, 6, 7]: it needs a full mesh: at least 3 chips, each"
        + " linked to every other on a link of its own (a full-mesh fabric such as an Atlas 800's"
        + " 8 x 910B)", outcome.err().lines().findFirst().orElse(""));
    assertFalse(outcome.err().contains("\tat "), "no stack trace: " + outcome.err());
  }
}
