package org.supernodesim.scenario.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;
import org.supernodesim.workload.trace.chakra.ChakraWriter;
import org.supernodesim.workload.trace.chakra.SyntheticChakraTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench replay}: the replay speed targets, each a scenario loaded (the trace read) and run
 * on the sequential runtime, its wall time split into loading and running.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays ASTRA-sim's Transformer_HDM_ns.txt (compute-scaled) on 384 chips with ring"
          + " collectives on the analytical network, behind one switch (400 GiB/s per chip, 500 ns"
          + " per hop) and on two levels (8 chips at 400 GiB/s under 50 GiB/s scale-out), then a"
          + " synthetic 384-rank Chakra trace of 10,000 nodes per rank behind the one switch;"
          + " prints each one's wall time (load = reading the trace, run = simulating it) and the JVM's CPU time (all threads) beside it."
    })
final class BenchReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      defaultValue = "scenarios/examples/traces/astra-sim-text/Transformer_HDM_ns.txt",
      description = "The text workload. Default: ${DEFAULT-VALUE}.")
  Path trace;

  @Option(names = "--chips", defaultValue = "384", description = "Default: ${DEFAULT-VALUE}.")
  int chips;

  @Option(
      names = "--nodes",
      defaultValue = "10000",
      description = "Nodes per rank of the synthetic Chakra trace. Default: ${DEFAULT-VALUE}.")
  int nodes;

  private static final String ONE_SWITCH =
      "{ kind: single-switch, link: { bandwidth: 400 GiB/s, latency: 500 ns } }";
  private static final String TWO_LEVELS =
      "{ kind: hierarchy, chipsPerDomain: 8, scaleUp: " + ONE_SWITCH + ", scaleOut: { kind:"
          + " single-switch, link: { bandwidth: 50 GiB/s, latency: 500 ns } } }";

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("bench-replay");
    try {
      out.printf(
          "%-52s %6s %10s %12s %8s %8s %8s %8s%n",
          "replay", "chips", "events", "simulated", "load s", "run s", "total s", "cpu s");
      String text = "{ format: astra-text, path: " + trace.toAbsolutePath() + ", localRanks: 8 }";
      row(out, dir, "Transformer_HDM_ns, one switch", ONE_SWITCH, text);
      row(out, dir, "Transformer_HDM_ns, 8 per domain under scale-out", TWO_LEVELS, text);
      Path et = dir.resolve("et");
      writeSynthetic(et);
      row(
          out, dir, "synthetic Chakra, " + nodes + " nodes per rank, one switch", ONE_SWITCH,
          "{ format: chakra, path: " + et.resolve("synthetic") + " }");
      out.printf(
          "on %d cores, load average %.2f%n",
          java.lang.Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()
              .getSystemLoadAverage());
    } finally {
      delete(dir);
    }
    return ExitCode.OK;
  }

  private void row(PrintWriter out, Path dir, String label, String fabric, String trace)
      throws IOException {
    Path file = dir.resolve("replay.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: bench-replay",
            "cluster:",
            "  chips: " + chips,
            "  chip: nvidia-h100-sxm",
            "  fabric: " + fabric,
            "workload:",
            "  trace: " + trace.replace("}", ", algorithm: ring }"),
            "network: { model: analytical }",
            ""));
    long cpuStarted = cpuNanos();
    long started = System.nanoTime();
    Scenario scenario = ScenarioOptions.loader().load(file, List.of());
    long loaded = System.nanoTime();
    RunResult r = ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL);
    long ran = System.nanoTime();
    out.printf(
        "%-52s %6d %10d %12s %8.2f %8.2f %8.2f %8.2f%n",
        label,
        chips,
        r.runtime().events(),
        Format.picos(r.simulatedPicos()),
        (loaded - started) / 1e9,
        (ran - loaded) / 1e9,
        (ran - started) / 1e9,
        (cpuNanos() - cpuStarted) / 1e9);
    out.flush();
  }

  /**
   * The JVM's CPU time so far (every thread: the run's, the collector's, the compiler's): beside
   * the wall time, what the run would take on a machine nobody else is using.
   */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private void writeSynthetic(Path et) throws IOException {
    Files.createDirectories(et);
    SyntheticChakraTrace synthetic = new SyntheticChakraTrace(chips, nodes, 1);
    for (int r = 0; r < chips; r++) {
      try (OutputStream o =
          new BufferedOutputStream(
              Files.newOutputStream(et.resolve(ChakraWriter.fileName("synthetic", r))))) {
        synthetic.write(r, o);
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
