package org.supernodesim.scenario.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;

/** A scenario travels with the files it names, and reads the same on a machine without them. */
class ScenarioBundleTest {
  static final String SERVING =
      """
      name: bundle-serving
      seed: 1
      cluster: { system: hgx-h20-8, nodes: 1 }
      workload:
        serving:
          model: llama-3.1-8b
          requests:
            trace: ../traces/requests.csv
          instances:
            - { role: unified, count: 1, tp: 8 }
          scheduler: { maxBatch: 64, tokenBudget: 2048, chunkedPrefill: true, blockSize: 16 }
      sweep:
        workload.serving.requests.trace: [../traces/requests.csv, other.csv]
      """;
  static final String TRACE =
      "TIMESTAMP,ContextTokens,GeneratedTokens\n"
          + "2023-11-16 18:15:46.6805900,374,44\n"
          + "2023-11-16 18:15:50.9951690,396,109\n";

  @Test
  void filesNamedByTheFileOrAnySweepPointTravelAndUnpackWhereTheScenarioLooksForThem(
      @TempDir Path tmp) throws Exception {
    // Given a scenario in home/scen naming ../traces/requests.csv, and other.csv in a point.
    Path home = tmp.resolve("home");
    Files.createDirectories(home.resolve("scen"));
    Files.createDirectories(home.resolve("traces"));
    Files.writeString(home.resolve("traces/requests.csv"), TRACE);
    Files.writeString(home.resolve("scen/other.csv"), TRACE.replace("374", "375"));
    Path path = home.resolve("scen/serving.yaml");
    Files.writeString(path, SERVING);
    ScenarioFile here = TestLoader.LOADER.read(path, List.of());

    // When it is bundled and unpacked on a "worker" that has none of these files.
    ScenarioBundle bundle = ScenarioBundle.of(path, List.of(), here);
    Path worker = tmp.resolve("worker");
    ScenarioFile there = bundle.unpack(worker, TestLoader.LOADER);

    // Then both files travel, under their common folder (home), and the scenario's folder is scen.
    assertEquals("scen", bundle.folder(), "the scenario's folder under the bundle's root");
    assertEquals(List.of("scen/other.csv", "traces/requests.csv"),
        List.copyOf(bundle.files().keySet()), "every file any point names");
    // And every point binds there as here: same ids, same requests.
    assertEquals(here.points(), there.points(), "same points, same ids");
    for (int i = 0; i < 2; i++) {
      Scenario a = here.point(here.points().get(i));
      Scenario b = there.point(there.points().get(i));
      assertEquals(
          Kinds.serving(a).trace().requests(), Kinds.serving(b).trace().requests(), "point " + i);
    }
    // And the hash covers the files: another trace is another scenario.
    Files.writeString(home.resolve("traces/requests.csv"), TRACE.replace("396", "397"));
    assertNotEquals(bundle.hash(), ScenarioBundle.of(path, List.of(), here).hash(),
        "a changed trace changes the hash");
  }

  @Test
  void anAbsolutePathCannotTravelAndIsRefusedNamingTheKey(@TempDir Path tmp) throws Exception {
    Path trace = tmp.resolve("requests.csv");
    Files.writeString(trace, TRACE);
    Path path = tmp.resolve("s.yaml");
    Files.writeString(path, SERVING.replace("../traces/requests.csv", trace.toString())
        .replaceAll("sweep:\\n.*\\n", ""));
    ScenarioFile file = TestLoader.LOADER.read(path, List.of());
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> ScenarioBundle.of(path, List.of(), file));
    assertTrue(e.getMessage().contains("workload.serving.requests.trace")
        && e.getMessage().contains("relative"), e.getMessage());
  }

  @Test
  void aBundleCannotWriteOutsideItsFolder() {
    assertThrows(IllegalArgumentException.class,
        () -> new ScenarioBundle("s.yaml", "", List.of(), false, "",
            Map.of("../../etc/x", new byte[0])), "a path out of the bundle is refused");
  }
}
