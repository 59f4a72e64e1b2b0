package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.cli.BadInputTest.Outcome;
import org.supernodesim.scenario.sweep.PointStore;

/**
 * Each fault a new user met (issue 11), one test each: the exact message and the exit code, never a
 * stack trace. Exit codes: 2 a mistake in the input, 3 out of memory, 4 an output that cannot be
 * written.
 */
class NewUserDefectsTest {
  private static final String SCENARIO =
      String.join(
          "\n",
          "name: tiny",
          "cluster:",
          "  chips: 8",
          "  chip: nvidia-h100-sxm",
          "  fabric: { kind: single-switch, link: { bandwidth: 450 GB/s, latency: 1 us } }",
          "workload:",
          "  collectives:",
          "    - { kind: all-reduce, size: 1 MiB }",
          "report: [json, md, html]",
          "");
  private static final Path H20 = Path.of("examples", "serving-azure-code-h20.yaml");

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** Exit 2 and {@code message} as the one line of stderr. */
  private static void refused(Outcome o, String message) {
    assertEquals(message, o.err().strip(), "the one line on stderr");
    assertEquals(2, o.code(), "a mistake in the input exits with 2: " + o.err());
  }

  @Test
  void zeroLatencyIsRefusedByValidateAndRunAlike() throws IOException {
    Path file = write("s.yaml", SCENARIO.replace("latency: 1 us", "latency: 0 ns"));
    String message =
        "s.yaml:5:63: cluster.fabric.link.latency: 0 ns; a link needs latency > 0 (the engine's"
            + " lookahead is the shortest route's latency, and it must be at least 1 ps; 1 ps is as"
            + " good as ideal)";
    refused(BadInputTest.run("validate", file.toString()), message);
    refused(
        BadInputTest.run("run", file.toString(), "--out", dir.resolve("o").toString()), message);
    assertFalse(Files.exists(dir.resolve("o")), "nothing written");
  }

  @Test
  void quantitiesBeyondTheClockAreRefusedAtTheirKeyWithTheRange() throws IOException {
    Path file = write("s.yaml", SCENARIO);
    refused(
        BadInputTest.run(
            "run", file.toString(), "--set", "cluster.fabric.link.bandwidth=1e-300 B/s"),
        "--set cluster.fabric.link.bandwidth=1e-300 B/s: cluster.fabric.link.bandwidth:"
            + " \"1e-300 B/s\": the simulator represents bandwidths from 1 MB/s (a transfer's time"
            + " must fit its picosecond clock)");
    refused(
        BadInputTest.run("run", file.toString(), "--set", "cluster.fabric.link.latency=1e300 s"),
        "--set cluster.fabric.link.latency=1e300 s: cluster.fabric.link.latency: \"1e300 s\": the"
            + " simulator represents times up to 1e6 s (its clock counts picoseconds in 63 bits)");
  }

  @Test
  void aMillionChipsAreRefusedInSecondsWithTheHeapTheyNeed() throws IOException {
    // 10^6 chips x 1 KiB, and 10^6 members x 1,999,998 ring steps x 4 B: 7.3 TiB of heap.
    Path file =
        write(
            "s.yaml",
            SCENARIO
                .replace("chips: 8", "chips: 1000000")
                .replace("size: 1 MiB", "size: 1 MiB, algorithm: ring"));
    long started = System.nanoTime();
    Outcome o = BadInputTest.run("validate", file.toString());
    double seconds = (System.nanoTime() - started) / 1e9;

    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err()
            .startsWith(
                "s.yaml:3:3: cluster.chips: 1000000 chips need at least 7.3 TiB of heap (1.0 KiB"
                    + " per chip; workload.collectives[0]: each of its 1000000 members holds"
                    + " 1999998 steps at once, 4 B each); this JVM may use "),
        o.err());
    assertTrue(
        o.err().contains("SUPERNODE_SIM_JAVA_OPTS=-Xmx"), "how to give Java more: " + o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line");
    assertTrue(seconds < 20, "refused before anything is built: " + seconds + " s");
  }

  @Test
  void anOutOfMemoryErrorThatStillHappensIsOneLineAndExit3(@TempDir Path tmp) throws Exception {
    // Given 20 million synthetic requests (about 1 GB of them, which the estimate does not count)
    // in a JVM of 64 MiB.
    Path file =
        write(
            "s.yaml",
            String.join(
                "\n",
                "name: oom",
                "cluster: { system: hgx-h20-8 }",
                "workload:",
                "  serving:",
                "    model: llama-3.1-8b",
                "    requests:",
                "      synthetic: { rate: 1000, count: 20000000, prompt: 100, output: 10 }",
                "    instances: [ { tp: 1 } ]",
                ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "validate",
                file.toString())
            .redirectError(tmp.resolve("err").toFile())
            .redirectOutput(tmp.resolve("out").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ends");

    // Then one line naming the heap and how to give more, and exit 3.
    String err = Files.readString(tmp.resolve("err")).strip();
    assertEquals(3, p.exitValue(), err);
    assertTrue(err.startsWith("supernode-sim: out of memory with a heap of "), err);
    assertTrue(
        err.endsWith(
            "MiB; give Java more, e.g. SUPERNODE_SIM_JAVA_OPTS=-Xmx16g, or simulate"
                + " fewer chips"),
        err);
    assertEquals(1, err.lines().count(), "one line: " + err);
  }

  @Test
  void servingLayoutsFollowTrainingsShardingRulesAtTheKey() {
    refused(
        BadInputTest.run("validate", H20.toString(), "--set", "workload.serving.instances[0].tp=7"),
        "--set workload.serving.instances[0].tp=7: workload.serving.instances[0].tp: 7 does not"
            + " divide the 64 attention heads of llama-3.1-70b");
  }

  @Test
  void servingInstancesDoNotStraddleScaleUpDomains() {
    // Given 4 HGX H20 nodes of 8 chips: one instance of 4 chips, then instances of 8 from chip 4.
    refused(
        BadInputTest.run(
            "validate",
            H20.toString(),
            "--set",
            "workload.serving.instances=[{count: 1, tp: 4}, {count: 3, tp: 8}]"),
        "--set workload.serving.instances=[{count: 1, tp: 4}, {count: 3, tp: 8}]:"
            + " workload.serving.instances[1]: instance 0 of this group (chips 4..11) straddles"
            + " scale-up domains 0 and 1 though its 8 chips fit in one of 8; order the groups so"
            + " each instance starts where a domain does");
  }

  @Test
  void anOutputThatCannotBeWrittenIsNamedAfterTheSummaryWithExit4() throws IOException {
    // Given --out naming a file.
    Path file = write("s.yaml", SCENARIO);
    Path notAFolder = write("afile", "");

    Outcome o = BadInputTest.run("run", file.toString(), "--out", notAFolder.toString());

    // Then the summary was printed, the path named, exit 4, and the file left as it was.
    assertTrue(o.out().contains("simulated time"), "the summary first: " + o.out());
    assertEquals(
        "cannot write " + notAFolder + ": a file is in the way where a folder is needed",
        o.err().strip());
    assertEquals(4, o.code());
    assertEquals(0, Files.size(notAFolder), "untouched");
  }

  @Test
  void aFailedWriteLeavesWholeFilesOrNoneAndNoTemporaryFile() throws IOException {
    // Given a folder where report.html cannot go (a folder of that name is in the way).
    Path file = write("s.yaml", SCENARIO);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("report.html"));

    Outcome o = BadInputTest.run("run", file.toString(), "--out", out.toString());

    assertEquals(4, o.code(), o.err());
    assertEquals(
        "cannot write " + out.resolve("report.html") + ": a folder of that name is in" + " the way",
        o.err().strip());
    // Then result.json and report.md are whole, and no temporary file is left behind.
    assertTrue(Files.readString(out.resolve("result.json")).endsWith("}\n"), "whole JSON");
    assertTrue(Files.readString(out.resolve("report.md")).startsWith("# tiny"), "whole report");
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of("report.html", "report.md", "result.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no .tmp file");
    }
  }

  @Test
  void aNameIsOneFolderUnderRuns() throws IOException {
    for (String name : List.of("..", ".", ".hidden", "a/b")) {
      Path file = write("s.yaml", SCENARIO.replace("name: tiny", "name: \"" + name + "\""));
      refused(
          BadInputTest.run("validate", file.toString()),
          "s.yaml:1:1: name: \""
              + name
              + "\" is not a valid name: it names the output folder"
              + " runs/<name>/, so start with a letter or digit, then up to 99 letters, digits,"
              + " '.', '_' or '-'");
    }
    assertEquals(
        Path.of("runs", "pom.xml"),
        OutputFolders.of("pom.xml"),
        "a name that is also a file of the project is a folder under runs/");
  }

  @Test
  void parallelZeroIsAUsageError() throws IOException {
    Path file = write("s.yaml", SCENARIO + "sweep:\n  cluster.chips: [8, 16]\n");
    refused(
        BadInputTest.run("sweep", file.toString(), "--parallel", "0"),
        "--parallel must be >= 1, not 0 (see: supernode-sim help sweep)");
  }

  @Test
  void aSweepSaysHowManyPointsBeforeItRuns() throws IOException {
    Path file = write("s.yaml", SCENARIO + "sweep:\n  cluster.chips: [8, 16]\n  seed: [1, 2]\n");
    Path out = dir.resolve("sweep");
    Outcome o =
        BadInputTest.run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("tiny: 4 points, 1 at a time, into " + out + "\n"), o.out());
  }

  @Test
  void aChangedScenarioDoesNotResumeIntoAnotherScenariosPoints() throws IOException {
    // Given a finished sweep.
    Path file = write("s.yaml", SCENARIO + "sweep:\n  cluster.chips: [8, 16]\n");
    Path out = dir.resolve("sweep");
    assertEquals(0, BadInputTest.run("sweep", file.toString(), "--out", out.toString()).code());

    // When the same folder is given the sweep with a --set that changes every point.
    Outcome o =
        BadInputTest.run(
            "sweep",
            file.toString(),
            "--out",
            out.toString(),
            "--set",
            "workload.collectives[0].size=2 MiB");

    // Then it is refused, naming the folder, rather than reporting the old points as new.
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err()
            .startsWith(
                out
                    + ": holds 2 point(s) of another scenario, or of this one"
                    + " before the file or a --set changed (e.g. points/chips-"),
        o.err());
    assertTrue(
        o.err()
            .strip()
            .endsWith(".json); give another --out, or delete the folder to" + " start afresh"),
        o.err());
  }

  @Test
  void twoSweepsCannotWriteOneFolder() throws IOException {
    Path file = write("s.yaml", SCENARIO + "sweep:\n  cluster.chips: [8, 16]\n");
    Path out = dir.resolve("sweep");
    // Given another sweep holding the folder's lock.
    try (PointStore.Lock held = PointStore.open(out).lock()) {
      refused(
          BadInputTest.run("sweep", file.toString(), "--out", out.toString()),
          out
              + ": another sweep is writing to this folder (it holds sweep.lock); wait for it to"
              + " finish, or give another --out");
    }
  }

  @Test
  void runOnAFileWithASweepSaysSo() throws IOException {
    Path file = write("s.yaml", SCENARIO + "sweep:\n  cluster.chips: [8, 16]\n");
    Outcome o = BadInputTest.run("run", file.toString(), "--out", dir.resolve("o").toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.out()
            .startsWith(
                "note: "
                    + file
                    + " has a sweep: block of 2 points; run runs the"
                    + " scenario as written (use sweep to run the points)\n"),
        o.out());
  }

  @Test
  void aYamlAliasIsRefusedWhereItStands() throws IOException {
    Path file =
        write(
            "s.yaml",
            SCENARIO
                .replace("latency: 1 us", "latency: &lat 1 us")
                .replace("size: 1 MiB", "size: *lat"));
    refused(
        BadInputTest.run("validate", file.toString()),
        "s.yaml:8:33: workload.collectives[0].size: *lat is a YAML alias; aliases are not"
            + " expanded in scenarios (the value would be read as the text \"lat\"): write the"
            + " value out");
  }

  @Test
  void aParserErrorIsOneLocatedLine() throws IOException {
    Path file = write("s.yaml", SCENARIO.replace("  chips: 8", "  chips: 8\n chip: x"));
    refused(
        BadInputTest.run("validate", file.toString()),
        "s.yaml:4:2: not valid YAML: while parsing a block mapping: expected <block end>, but"
            + " found '<block mapping start>'");
    Path json = write("s.json", "{\"name\": \"a\", \"seed\": 1,}");
    refused(
        BadInputTest.run("validate", json.toString()),
        "s.json:1:25: not valid JSON here (a bracket, brace, quote, colon or comma is missing or"
            + " extra)");
  }

  @Test
  void theParserLimitsAreOursAndSaySo() throws IOException {
    Path deep = write("deep.yaml", "name: " + "[".repeat(40) + "]".repeat(40) + "\n");
    Outcome o = BadInputTest.run("validate", deep.toString());
    assertEquals(2, o.code());
    assertTrue(
        o.err().strip().endsWith(": nested 33 levels deep; a scenario nests at most 32"), o.err());
    String text = "# " + "x".repeat(5 << 20) + "\n" + SCENARIO;
    Path big = write("big.yaml", text);
    refused(
        BadInputTest.run("validate", big.toString()),
        "big.yaml: " + text.length() + " characters; a scenario file has at most 4194304");
  }

  @Test
  void aSetThatReachesIntoAValueIsBlamedOnTheSet() throws IOException {
    Path file = write("s.yaml", SCENARIO);
    refused(
        BadInputTest.run("validate", file.toString(), "--set", "name.x=5"),
        "--set name.x=5: name.x: name holds the value \"tiny\", not a mapping, so it has no key x");
    refused(
        BadInputTest.run("validate", file.toString(), "--set", "newKey.x=5"),
        "--set newKey.x=5: newKey: unknown key; keys here: cluster, cost, energy, name, network,"
            + " plan, report, seed, sweep, timeline, workload");
  }

  @Test
  void trainingOnTheFlowModelIsAccepted() {
    BadInputTest.Outcome o = BadInputTest.run(
        "validate", "examples/training/ling-plus-h800.yaml", "--set", "network.model=flow");
    assertEquals(0, o.code(), o.err());
  }

  @Test
  void aTimelineChipOutsideTheClusterIsRefusedAtItsKey() {
    refused(
        BadInputTest.run("validate", "examples/llama-3.1-70b-64-h100.yaml", "--set",
            "timeline.chips=[0, 64]"),
        "--set timeline.chips=[0, 64]: timeline.chips[1]: 64: each a global rank of the 64 chips"
            + " (0..63), once");
  }

  @Test
  void theAdviceNamesOnlyPrecisionsTheChipHas() {
    // The MLU590 and the PPU publish no bf16 rate, only fp16: training in bf16 is refused with
    // the way out the chip offers, not with "train in bf16".
    for (String chip : List.of("cambricon-mlu590", "alibaba-ppu")) {
      refused(
          BadInputTest.run(
              "validate", "examples/training/ling-plus-h800.yaml", "--set", "cluster.chip=" + chip),
          "ling-plus-h800.yaml:18:5: workload.training.precision: bf16 needs bf16DenseFlops,"
              + " which "
              + chip
              + " does not have (not supported or unknown); give it as"
              + " cluster.chip.bf16DenseFlops, or train in fp16");
    }
  }
}
