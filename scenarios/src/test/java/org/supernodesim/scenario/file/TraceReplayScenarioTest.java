package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;
import org.supernodesim.workload.graph.Operation;

/**
 * {@code workload.trace} from a scenario file: the trace read relative to the file, its ranks placed
 * on the first chips or a {@code ranks:} list, replayed on both network models and both runtimes,
 * named with its SHA-256; every mistake located at the scenario's key or the trace's file.
 */
class TraceReplayScenarioTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path TRACES = Path.of("examples/traces").toAbsolutePath();
  private static final Path ALL_REDUCE = TRACES.resolve("chakra-et/all_reduce_8npus_1MB");

  @TempDir Path dir;

  /** A scenario in {@code dir}: {@code chips} H100s behind one switch, {@code trace} its block. */
  private Path scenario(int chips, String trace, String network) throws IOException {
    Path file = dir.resolve("replay.yaml");
    Files.writeString(file, String.join("\n",
        "name: replay",
        "cluster:",
        "  chips: " + chips,
        "  chip: nvidia-h100-sxm",
        "  fabric: { kind: single-switch, link: { bandwidth: 450 GB/s, latency: 500 ns } }",
        "workload:",
        "  trace:",
        trace,
        "network: { model: " + network + " }",
        ""));
    return file;
  }

  private void copyAllReduce(String folder) throws IOException {
    Files.createDirectories(dir.resolve(folder));
    for (int r = 0; r < 8; r++) {
      Files.copy(ALL_REDUCE.resolve("all_reduce." + r + ".et"),
          dir.resolve(folder).resolve("all_reduce." + r + ".et"));
    }
  }

  /** Ring all-reduce of 1 MiB over 8: 14 steps of 131,072 B at 450 GB/s plus 1 us each. */
  private static double ringAllReducePicos() {
    return 14 * (131_072 / 450e9 * 1e12 + 1_000_000);
  }

  @Test
  void aChakraTraceOnTheFirstChipsTakesTheRingsClosedForm() throws IOException {
    copyAllReduce("et");
    Scenario s = LOADER.load(scenario(12,
        "    format: chakra\n    path: et/all_reduce\n    algorithm: ring", "analytical"),
        List.of());

    RunResult r = ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL);

    assertEquals(ringAllReducePicos(), r.simulatedPicos(), 14.0, "closed form, 1 ps per step");
    ReplayResult x = Kinds.replay(r);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), x.trace().chips(), "the first 8 of 12 chips");
    assertEquals(8, x.trace().files().size());
    assertEquals(1_000_000, x.trace().timeUnitPicos(), "Chakra's duration_micros: 1 us");
    assertEquals(sha256Of(dir.resolve("et"), 8), x.trace().sha256(),
        "the digest of the rank files one after the other");
    assertTrue(JsonReport.toJson(r).contains("\"sha256\" : \"" + x.trace().sha256()),
        "result.json names the digest");
  }

  @Test
  void aTextWorkloadsSharedWalkGivesWhatItsRanksOwnGraphsGive() throws IOException {
    // Given AICB's Llama-7B (TP 2, DP 4) on 8 of 16 chips by a ranks list: without a timeline
    // the ranks run one shared walk, its groups renamed to chips, keeping totals; with one, each
    // rank its own graph, keeping every span.
    Files.copy(TRACES.resolve("aicb/L7B-M1-C04_Llama7B_megatron_tp2_pp1_mbs1_A100.txt"),
        dir.resolve("l7b.txt"));
    Path file = scenario(16, "    format: simai-text\n    path: l7b.txt\n"
        + "    ranks: [15, 13, 11, 9, 7, 5, 3, 1]", "analytical");
    Scenario plain = LOADER.load(file, List.of());
    Scenario drawn = LOADER.load(file, List.of("report=[json, timeline]"));
    assertTrue(Kinds.trace(plain).sharedWalk().isPresent(), "the layout allows a shared walk");

    // When both run.
    ReplayResult shared = Kinds.replay(ScenarioRunner.run(plain, RuntimeChoice.SEQUENTIAL));
    ReplayResult own = Kinds.replay(ScenarioRunner.run(drawn, RuntimeChoice.SEQUENTIAL));

    // Then the replay results are equal, field for field: time, compute, exposed communication,
    // notes, collectives and the network's timings of each kind.
    assertEquals(own, shared);
  }

  @Test
  void aRanksListPlacesTheRanksAndRenamesTheirGroup() throws IOException {
    copyAllReduce("et");
    Scenario s = LOADER.load(scenario(16, "    format: chakra\n    path: et/all_reduce\n"
        + "    algorithm: ring\n    ranks: [15, 13, 11, 9, 7, 5, 3, 1]", "analytical"),
        List.of());

    // Chip 13 runs rank 1: its all-reduce spans the listed chips in rank order; chip 0 idles.
    Operation.Collective c =
        (Operation.Collective) Kinds.trace(s).graphs().get(13).operations().get(0);
    assertEquals(List.of(15, 13, 11, 9, 7, 5, 3, 1), c.group());
    assertEquals(0, Kinds.trace(s).graphs().get(0).size());
    RunResult r = ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL);
    assertEquals(ringAllReducePicos(), r.simulatedPicos(), 14.0, "one switch: any chips alike");
  }

  @Test
  void bothRuntimesAndTheFlowModelGiveTheSameBytes() throws IOException {
    copyAllReduce("et");
    Scenario s = LOADER.load(scenario(8,
        "    format: chakra\n    path: et/all_reduce\n    algorithm: ring", "flow"), List.of());

    String sequential =
        JsonReport.toJson(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL).withRun(null));
    String actors =
        JsonReport.toJson(ScenarioRunner.run(s, RuntimeChoice.actors(2, 3)).withRun(null));

    assertEquals(sequential, actors, "the replay on actors, 3 chips per actor");
    // One ring at a time on a non-blocking switch: the flows never share a link.
    assertEquals(ringAllReducePicos(), ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL)
        .simulatedPicos(), 14.0, "flow model, no sharing: the closed form");
  }

  @Test
  void aTextWorkloadsTimeUnitIsOverridable()
      throws IOException {
    Files.copy(TRACES.resolve("simai/microAllReduce.txt"), dir.resolve("micro.txt"));
    String block = "    format: simai-text\n    path: micro.txt\n    algorithm: ring";
    RunResult ns = ScenarioRunner.run(
        LOADER.load(scenario(8, block, "analytical"), List.of()), RuntimeChoice.SEQUENTIAL);
    RunResult us = ScenarioRunner.run(
        LOADER.load(scenario(8, block + "\n    timeUnit: 1 us", "analytical"), List.of()),
        RuntimeChoice.SEQUENTIAL);

    // Two forward computes of 556,000 ticks and 6 ticks of update and gradients: in ticks of
    // 1 us rather than 1 ns, the compute grows by 999 ps per tick; the all-reduces stay.
    long ticks = 2 * 556_000 + 2 + 4;
    assertEquals(ticks * 999_000L, us.simulatedPicos() - ns.simulatedPicos(), 0.0,
        "1 us - 1 ns = 999,000 ps per tick");
    assertEquals(8, Kinds.replay(ns).trace().ranks(), "all_gpus: 8");
    assertEquals(1_000, Kinds.replay(ns).trace().timeUnitPicos(), "SimAI's tick: 1 ns");
  }

  @Test
  void aMissingFileOrPrefixNamesTheKeyAndWhatIsValid() throws IOException {
    ScenarioException text = assertThrows(ScenarioException.class, () -> LOADER.load(
        scenario(8, "    format: astra-text\n    path: nothing.txt", "analytical"), List.of()));
    assertTrue(text.getMessage().contains("workload.trace.path: no such file")
        && text.getMessage().startsWith("replay.yaml:9:"), text.getMessage());

    ScenarioException chakra = assertThrows(ScenarioException.class, () -> LOADER.load(
        scenario(8, "    format: chakra\n    path: et/none", "analytical"), List.of()));
    assertTrue(chakra.getMessage().contains("no Chakra files none.<rank>.et"),
        chakra.getMessage());
  }

  @Test
  void aBadRanksListOrTooFewChipsIsRefusedAtItsKey() throws IOException {
    copyAllReduce("et");
    String base = "    format: chakra\n    path: et/all_reduce\n";
    assertRefused(scenario(4, base, "analytical"), "workload.trace.path",
        "the trace has 8 ranks but the cluster 4 chips");
    assertRefused(scenario(16, base + "    ranks: [0, 1, 2]", "analytical"),
        "workload.trace.ranks", "3 chips listed for a trace of 8 ranks");
    assertRefused(scenario(16, base + "    ranks: [0, 1, 2, 3, 4, 5, 6, 16]", "analytical"),
        "workload.trace.ranks[7]", "16; chips are 0..15");
    assertRefused(scenario(16, base + "    ranks: [0, 1, 2, 3, 4, 5, 6, 6]", "analytical"),
        "workload.trace.ranks[7]", "6 holds another rank already");
    assertRefused(scenario(16, base + "    formt: chakra", "analytical"),
        "workload.trace.formt", "");
  }

  @Test
  void aTruncatedRankFileNamesTheFileAndRank() throws IOException {
    copyAllReduce("et");
    Path three = dir.resolve("et/all_reduce.3.et");
    byte[] bytes = Files.readAllBytes(three);
    Files.write(three, java.util.Arrays.copyOf(bytes, bytes.length - 5));

    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(
        scenario(8, "    format: chakra\n    path: et/all_reduce", "analytical"), List.of()));

    assertTrue(e.where().endsWith("all_reduce.3.et") && e.problem().contains("rank 3"),
        e.getMessage());
  }

  @Test
  void aBadTextLineNamesTheFileAndLine() throws IOException {
    List<String> lines = new java.util.ArrayList<>(
        Files.readAllLines(TRACES.resolve("simai/microAllReduce.txt")));
    lines.set(2, lines.get(2).replace("ALLREDUCE", "ALLREDUCEX"));
    Files.write(dir.resolve("micro.txt"), lines);

    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(
        scenario(8, "    format: simai-text\n    path: micro.txt", "analytical"), List.of()));

    assertTrue(e.where().endsWith("micro.txt:3"), e.getMessage());
  }

  private static void assertRefused(Path file, String key, String message) {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> LOADER.load(file, List.of()));
    assertTrue(e.getMessage().contains(key + ": " + message)
        && e.where().startsWith(file.getFileName() + ":"), e.getMessage());
  }

  private static String sha256Of(Path folder, int ranks) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int r = 0; r < ranks; r++) {
        md.update(Files.readAllBytes(folder.resolve("all_reduce." + r + ".et")));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
