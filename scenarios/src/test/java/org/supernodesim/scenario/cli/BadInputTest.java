package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of bad input gives one line naming file, line, column and key path, says what would
 * be valid, exits with 2 and prints no stack trace.
 */
class BadInputTest {
  private static final String GOOD =
      String.join(
          "\n",
          "name: tiny",
          "seed: 1",
          "cluster:",
          "  chips: 8",
          "  chip: nvidia-h100-sxm",
          "  fabric:",
          "    kind: single-switch",
          "    link: { bandwidth: 450 GB/s, latency: 1 us }",
          "workload:",
          "  collectives:",
          "    - { kind: all-reduce, size: 1 MiB }",
          "");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "unknown key | cluster: | clustr: | "
            + "bad.yaml:3:1: clustr: unknown key; keys here: cluster, cost, energy, name, network, plan, report, seed, sweep, timeline, workload",
        "unknown nested key | '  chips: 8' | '  chipz: 8' | "
            + "bad.yaml:4:3: cluster.chipz: unknown key; keys here: chip, chips, fabric",
        "wrong type | '  chips: 8' | '  chips: eight' | "
            + "bad.yaml:4:3: cluster.chips: expected a whole number;",
        "number written as text | '  chips: 8' | '  chips: \"8\"' | "
            + "bad.yaml:4:3: cluster.chips: expected a whole number;",
        "unparsable quantity | 450 GB/s | 450 GBs | "
            + "bad.yaml:8:13: cluster.fabric.link.bandwidth: \"450 GBs\" is not a bandwidth; write a"
            + " number and one of B/s kB/s MB/s GB/s TB/s PB/s EB/s KiB/s MiB/s GiB/s TiB/s b/s"
            + " kb/s Mb/s Gb/s Tb/s Pb/s Eb/s bps kbps Mbps Gbps Tbps Pbps Ebps",
        "zero chips | '  chips: 8' | '  chips: 0' | "
            + "bad.yaml:4:3: cluster.chips: 0; a cluster needs at least 1 chip",
        "one chip for a collective | '  chips: 8' | '  chips: 1' | "
            + "bad.yaml:4:3: cluster.chips: 1; a collective needs at least 2 chips",
        "negative bandwidth | 450 GB/s | -450 GB/s | "
            + "bad.yaml:8:13: cluster.fabric.link.bandwidth: -450 GB/s; a bandwidth must be > 0 B/s",
        "negative latency | 1 us | -1 us | "
            + "bad.yaml:8:34: cluster.fabric.link.latency: \"-1 us\": a time must be >= 0",
        "group larger than the cluster | 'size: 1 MiB }' | 'size: 1 MiB, group: 16 }' | "
            + "bad.yaml:11:40: workload.collectives[0].group: 16; the group is larger than the"
            + " cluster (8 chips)",
        "unknown collective | kind: all-reduce | kind: allreduce | "
            + "bad.yaml:11:9: workload.collectives[0].kind: \"allreduce\" is not valid here; valid:"
            + " all-reduce, all-gather, reduce-scatter, all-to-all, broadcast, reduce, send-recv",
        "a word YAML reads as a boolean | kind: all-reduce | kind: off | "
            + "bad.yaml:11:9: workload.collectives[0].kind: false is not valid here (YAML reads an"
            + " unquoted yes, no, on or off as true or false); valid: all-reduce, all-gather,",
        "unknown preset | nvidia-h100-sxm | nvidia-h9000 | "
            + "bad.yaml:5:3: cluster.chip.preset: ",
        "unknown fabric kind | kind: single-switch | kind: hypercube | "
            + "bad.yaml:7:5: cluster.fabric.kind: \"hypercube\" is not a kind here; valid:"
            + " clos, fat-tree, full-mesh, hierarchy, rail-optimized, single-switch, torus",
        "missing required key | '    link: { bandwidth: 450 GB/s, latency: 1 us }' |"
            + " '    link: { bandwidth: 450 GB/s }' | "
            + "bad.yaml:8:5: cluster.fabric.link.latency: missing; this key is required",
        "duplicate key | 'seed: 1' | 'seed: 1\nseed: 2' | bad.yaml:3:",
      })
  void badInputIsOneLocatedLineAndExitCode2(String what, String from, String to, String expected)
      throws IOException {
    Path file = dir.resolve("bad.yaml");
    String text = GOOD.replace(from, to.replace("\\n", "\n"));
    assertFalse(text.equals(GOOD), "the replacement must change the file: " + from);
    Files.writeString(file, text);

    Outcome outcome = run("validate", file.toString());

    assertEquals(2, outcome.code, what + ": exit code; stderr was " + outcome.err);
    String firstLine = outcome.err.lines().findFirst().orElse("");
    assertEquals(expected, firstLine.substring(0, Math.min(firstLine.length(), expected.length())),
        what + ": message");
    assertFalse(outcome.err.contains("Exception") || outcome.err.contains("\tat "),
        what + ": no stack trace for a user's mistake: " + outcome.err);
  }

  @org.junit.jupiter.api.Test
  void aScenarioWithoutClusterOrWorkloadIsRefused() throws IOException {
    Path file = dir.resolve("neg.yaml");
    Files.writeString(file, "name: neg\nseed: 1\n");

    Outcome outcome = run("validate", file.toString());

    assertEquals(2, outcome.code);
    assertEquals("neg.yaml:1:1: cluster: missing; this key is required", outcome.err.strip());
  }

  @org.junit.jupiter.api.Test
  void aBadSetNamesTheEditNotTheFile() throws IOException {
    Path file = dir.resolve("good.yaml");
    Files.writeString(file, GOOD);

    Outcome outcome = run("validate", file.toString(), "--set", "cluster.chips=0");

    assertEquals(2, outcome.code);
    assertEquals(
        "--set cluster.chips=0: cluster.chips: 0; a cluster needs at least 1 chip",
        outcome.err.strip());
  }

  @org.junit.jupiter.api.Test
  void aMissingFileIsAUserMistake() {
    Outcome outcome = run("validate", dir.resolve("nowhere.yaml").toString());

    assertEquals(2, outcome.code);
    assertEquals(dir.resolve("nowhere.yaml") + ": no such file", outcome.err.strip());
  }

  @org.junit.jupiter.api.Test
  void aGoodScenarioValidates() throws IOException {
    Path file = dir.resolve("good.yaml");
    Files.writeString(file, GOOD);

    Outcome outcome = run("validate", file.toString(), "--set", "cluster.chip.hbmCapacity=96 GB");

    assertEquals(0, outcome.code, outcome.err);
  }

  @org.junit.jupiter.api.Test
  void aBenchNeedsAtLeastOneWholeRunPerCase() {
    Outcome outcome = run("bench", "peers-cases", "--whole-run-repeats", "0");

    assertEquals(2, outcome.code);
    assertTrue(
        outcome.err.startsWith("--whole-run-repeats must be >= 1, not 0"), outcome.err);
  }

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }
}
