package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;

/** {@code group:} as an explicit list of global ranks. */
class CollectiveGroupTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final double PS = Units.PICOS_PER_SECOND;
  private static final String HEAD =
      "name: t\ncluster: { system: hgx-h100-8, nodes: 4 }\nworkload:\n  collectives:\n";

  @TempDir Path dir;

  private static CollectiveResult run(String group) {
    String text =
        HEAD + "    - {kind: all-reduce, size: 1 GiB, algorithm: ring, group: " + group + "}\n";
    return Kinds.collectives(
            ScenarioRunner.run(LOADER.load("t.yaml", text, List.of(), false),
                RuntimeChoice.SEQUENTIAL))
        .get(0);
  }

  @Test
  void oneGpuPerNodeRunsOverTheScaleOutTier() {
    // Given 4 HGX H100 nodes (NVLink 450 GB/s x 0.822 inside, one 400 Gb/s NIC x 0.94 = 47 GB/s
    // per GPU across), a 1 GiB ring all-reduce over one GPU of each node.
    CollectiveResult across = run("[0, 8, 16, 24]");
    CollectiveResult inside = run("[0, 1, 2, 3]");
    // Then each of the 2(n-1) = 6 steps moves S/4 over a NIC: T = 6 (S/4 / 47 GB/s + latency),
    // the latency (a few us per step) under 0.1 % of the 5.7 ms of serialisation.
    double s = 1 << 30;
    double serialisation = 6 * (s / 4) / (50e9 * 0.94) * PS;
    assertEquals(4, across.groupSize());
    assertEquals(serialisation, across.picos(), serialisation * 1e-3, "scale-out closed form, 0.1 %");
    // and the same group size inside one node runs at NVLink speed, about 8x faster: each step
    // S/4 at 450 GB/s x 0.822 plus 2 hops of 1.7 us through the NVSwitch.
    double nvlink = 6 * ((s / 4) / (450e9 * 0.822) * PS + 2 * 1.7e6);
    assertEquals(nvlink, inside.picos(), 6.0, "scale-up closed form within 1 ps per step");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "duplicate | 'size: 1 MiB, group: [0, 8, 8]' | bad.yaml:5:53: workload.collectives[0].group[2]: 8; rank 8"
            + " is listed twice",
        "out of range | 'size: 1 MiB, group: [0, 32]' | bad.yaml:5:50: workload.collectives[0].group[1]: 32;"
            + " the cluster's ranks are 0..31 (32 chips)",
        "one rank | 'size: 1 MiB, group: [3]' | bad.yaml:5:39: workload.collectives[0].group: [3]; a collective"
            + " needs a group of at least 2",
        "not a rank | 'size: 1 MiB, group: [0, a]' | bad.yaml:5:50: workload.collectives[0].group[1]: \"a\"; a"
            + " rank is an integer >= 0",
        "sizes and size | 'size: 1 MiB, sizes: [1 MiB, 2 MiB]' | bad.yaml:5:39:"
            + " workload.collectives[0].sizes: given with size:; give one of them",
        "sizes off all-to-all | 'kind: all-reduce, sizes: [1 MiB, 2 MiB]' | bad.yaml:5:26:"
            + " workload.collectives[0].sizes: per-rank sizes are for all-to-all only, not all-reduce",
        "sizes not one per rank | 'sizes: [1 MiB, 2 MiB]' | bad.yaml:5:26:"
            + " workload.collectives[0].sizes: 2 sizes for a group of 32; give one per rank",
      })
  void aBadEntryIsOneLocatedLine(String what, String keys, String expected) throws IOException {
    Path file = dir.resolve("bad.yaml");
    String entry = keys.startsWith("kind") ? keys : "kind: all-to-all, " + keys;
    Files.writeString(file, HEAD + "    - {" + entry + "}\n");
    BadInputTest.Outcome outcome = BadInputTest.run("validate", file.toString());
    assertEquals(2, outcome.code(), what + ": exit code; stderr was " + outcome.err());
    String firstLine = outcome.err().lines().findFirst().orElse("");
    assertEquals(expected, firstLine, what + ": message");
    assertFalse(outcome.err().contains("\tat "), what + ": no stack trace");
  }
}
