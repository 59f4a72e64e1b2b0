package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The top command, {@code run} and {@code validate} are built with picocli's programmatic API (see
 * {@link Main}); their help and usage errors are the text picocli made from their annotations
 * before, copied here from that build's output, byte for byte.
 */
class ProgrammaticCommandsTest {
  private record Run(String out, String err, int exitCode) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(out.toString(), err.toString(), code);
  }

  @Test
  void runsHelpIsTheAnnotatedCommandsHelp() {
    Run help = run("run", "--help");
    assertEquals(0, help.exitCode());
    assertEquals(
        """
        Usage: supernode-sim run [-hV] [--lps-per-actor=N] [--out=DIR]
                                 [--runtime=RUNTIME] [--threads=N] [--set=KEY.
                                 PATH=VALUE]... SCENARIO
        Runs a scenario, prints a summary and writes DIR/result.json.
        The result is the same, byte for byte, whatever the runtime, threads or
        placement.
              SCENARIO               A scenario file (YAML or JSON).
          -h, --help                 Show this help message and exit.
              --lps-per-actor=N      Logical processes (chips) per actor, >= 1; 1 is
                                       actor-per-chip. Default: 1.
              --out=DIR              Where to write result.json and the reports
                                       (default: runs/<scenario name>/).
              --runtime=RUNTIME      sequential (one thread, one event queue) or actors
                                       (Pekko). Default: sequential.
              --set=KEY.PATH=VALUE   Overrides one key of the scenario before it is
                                       validated, e.g. --set cluster.chips=64 or --set
                                       cluster.fabric.link.bandwidth="200 GB/s".
                                       Repeatable.
              --threads=N            Threads of the actor runtime, >= 1. Default: 2.
          -V, --version              Print version information and exit.
        """,
        help.out());
    assertEquals(help.out(), run("help", "run").out());
  }

  @Test
  void validatesHelpIsTheAnnotatedCommandsHelp() {
    assertEquals(
        """
        Usage: supernode-sim validate [-hV] [--set=KEY.PATH=VALUE]... SCENARIO
        Checks a scenario file without running it: prints what it describes, or its
        first mistake with its place. A scenario that validates runs; one that does
        not, does not.
        With a sweep: block, every point is checked too.
              SCENARIO               A scenario file (YAML or JSON).
          -h, --help                 Show this help message and exit.
              --set=KEY.PATH=VALUE   Overrides one key of the scenario before it is
                                       validated, e.g. --set cluster.chips=64 or --set
                                       cluster.fabric.link.bandwidth="200 GB/s".
                                       Repeatable.
          -V, --version              Print version information and exit.
        """,
        run("validate", "--help").out());
  }

  @Test
  void theTopCommandsHelpListsEveryCommand() {
    Run help = run("--help");
    assertEquals(0, help.exitCode());
    assertTrue(
        help.out()
            .startsWith(
                """
                Usage: supernode-sim [-hV] [COMMAND]
                Simulates accelerator clusters (supernodes) running training and inference.
                  -h, --help      Show this help message and exit.
                  -V, --version   Print version information and exit.
                Commands:
                  run            Runs a scenario, prints a summary and writes DIR/result.json.
                """),
        help.out());
    assertEquals(help.out(), run().out());
    assertTrue(help.out().contains("\n  validate       Checks a scenario file"), help.out());
    assertTrue(run("--version").out().startsWith("supernode-sim "));
  }

  @Test
  void usageErrorsAreTheAnnotatedCommandsErrors() {
    assertEquals(
        new Run("", "Missing required parameter: 'SCENARIO' (see: supernode-sim help run)\n", 2),
        run("run"));
    assertEquals(
        new Run(
            "",
            "Missing required parameter: 'SCENARIO' (see: supernode-sim help validate)\n",
            2),
        run("validate"));
    assertEquals(
        new Run("", "Unknown option: '--bogus' (see: supernode-sim help run)\n", 2),
        run("run", "--bogus", "x"));
    assertEquals(
        new Run(
            "",
            "Invalid value for option '--threads': 'abc' is not an int"
                + " (see: supernode-sim help run)\n",
            2),
        run("run", "x.yaml", "--threads", "abc"));
    assertEquals(
        new Run(
            "",
            "Invalid value for option '--runtime': \"bogus\" is not a runtime; valid: sequential,"
                + " actors (see: supernode-sim help run)\n",
            2),
        run("run", "x.yaml", "--runtime", "bogus"));
    assertEquals(
        new Run("", "--threads must be >= 1, not 0 (see: supernode-sim help run)\n", 2),
        run("run", "x.yaml", "--threads", "0"));
    assertEquals(
        new Run("", "Unmatched argument at index 0: 'frobnicate' (see: supernode-sim --help)\n", 2),
        run("frobnicate"));
  }
}
