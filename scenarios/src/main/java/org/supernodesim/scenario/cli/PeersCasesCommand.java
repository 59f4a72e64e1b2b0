package org.supernodesim.scenario.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.supernodesim.node.engine.EngineBenchmark;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench peers-cases}: the cases measured beside ASTRA-sim ({@code bench/peers-cases/}),
 * each run whole in a fresh JVM (start-up included, as ASTRA-sim's figures are) and again in this
 * one for its engine time and peak heap; then how the all-to-all's engine time grows with n
 * against its n^2 transfers, and (with {@code --training-growth}) a training step's engine time
 * per event from 2,048 to 16,384 chips.
 */
@Command(
    name = "peers-cases",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the cases of the side-by-side measurement with ASTRA-sim (bench/peers-cases/) and"
          + " prints, per case: the whole run's wall time in a fresh JVM with this JVM's options"
          + " (start-up included; the fastest and the median of --whole-run-repeats), the"
          + " engine's time, the peak heap, and ASTRA-sim's wall time on the same machine kind.",
      "Then the all-to-all's engine time from 384 chips up against n^2 (its transfers), and with"
          + " --training-growth a training step's engine time from 2,048 to 16,384 chips at a"
          + " fixed number of events per data-parallel rank (16 micro-batches each, at the"
          + " scenario's default fidelity), compared per event."
    })
final class PeersCasesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--max-chips", defaultValue = "1536",
      description = "Largest all-to-all to run (384, 768 or 1536). Default: ${DEFAULT-VALUE}.")
  int maxChips;

  @Option(names = "--whole-runs", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also time each case as a whole run in a fresh JVM. Default: on.")
  boolean wholeRuns;

  @Option(names = "--whole-run-repeats", paramLabel = "N", defaultValue = "3",
      description = "Fresh JVMs per case; the fastest and the median are printed. Default:"
          + " ${DEFAULT-VALUE}.")
  int wholeRunRepeats;

  @Option(names = "--training-growth",
      description = "Also time a Llama-3.1-405B step at 2,048 to 16,384 chips.")
  boolean trainingGrowth;

  /** A case: its file, overrides, and ASTRA-sim's wall seconds there (NaN where not run). */
  private record Case(String label, String file, List<String> sets, int chips, double astraSeconds) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (wholeRunRepeats < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--whole-run-repeats must be >= 1, not " + wholeRunRepeats);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path folder = folder();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("ring all-reduce, 384, one switch", "ar-switch-384.yaml", List.of(), 384,
        0.51));
    cases.add(new Case("hierarchical all-reduce, 384, 2-level", "ar-2level-384.yaml", List.of(),
        384, 0.16));
    double[] astraAllToAll = {1.47, 11.5, 59.5};
    int k = 0;
    for (int chips = 384; chips <= maxChips; chips *= 2, k++) {
      for (String model : List.of("analytical", "flow")) {
        cases.add(new Case("all-to-all, " + chips + ", " + model, "a2a-switch-384.yaml",
            List.of("cluster.chips=" + chips, "network.model=" + model), chips,
            astraAllToAll[Math.min(k, 2)]));
      }
    }
    out.printf("peers cases (%s), %d cores, load average %.2f; whole run: %s; ASTRA-sim: its"
        + " analytical backend on the same machine kind (congestion-aware for all-to-all), whole"
        + " runs%n",
        folder, Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        wholeRuns ? "the fastest and the median of " + wholeRunRepeats + " fresh JVMs"
            : "not timed (--no-whole-runs)");
    out.flush();
    // Every whole run before any run in this JVM: this JVM's compiler threads, still busy with
    // the run before, would otherwise share the cores with the fresh JVM being timed.
    List<WholeRuns> whole = new ArrayList<>();
    for (Case c : cases) {
      whole.add(wholeRuns ? timeWholeRuns(folder.resolve(c.file()), c.sets()) : WholeRuns.NONE);
    }
    out.printf("%-42s %10s %10s %10s %10s %10s %10s%n", "case", "whole run", "median", "in JVM",
        "engine", "peak heap", "ASTRA-sim");
    double[] allToAllEngine = new double[8];
    int[] allToAllChips = new int[8];
    int measured = 0;
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Measured m = inThisJvm(folder.resolve(c.file()), c.sets());
      out.printf("%-42s %10s %10s %10s %10s %6.0f MiB %10s%n", c.label(),
          cell(whole.get(i).fastestSeconds()), cell(whole.get(i).medianSeconds()),
          cell(m.wallSeconds), cell(m.engineSeconds), m.peakHeapBytes / 1048576.0,
          cell(c.astraSeconds()));
      out.flush();
      if (c.label().endsWith("analytical")) {
        allToAllChips[measured] = c.chips();
        allToAllEngine[measured++] = m.engineSeconds;
      }
    }
    for (int i = 1; i < measured; i++) {
      double n = allToAllChips[i] / (double) allToAllChips[0];
      double growth = allToAllEngine[i] / allToAllEngine[0];
      out.printf("all-to-all engine time %d -> %d chips: x%.2f, transfers x%.0f (n^2): %.2f of"
          + " n^2 (target <= 1.15)%n", allToAllChips[0], allToAllChips[i], growth, n * n,
          growth / (n * n));
    }
    if (trainingGrowth) {
      trainingGrowth(out, folder.resolve("llama405b-16384-h100.yaml"));
    }
    return CommandLine.ExitCode.OK;
  }

  /** Engine time of one Llama step per chip count, 16 micro-batches per data-parallel rank. */
  private void trainingGrowth(PrintWriter out, Path file) {
    double first = Double.NaN;
    for (int nodes = 256; nodes <= 2048; nodes *= 2) {
      int dp = nodes * 8 / 128;
      Measured m = inThisJvm(file, List.of("cluster.nodes=" + nodes,
          "workload.training.parallelism.dp=" + dp, "workload.training.globalBatch=" + 16 * dp));
      // The step's events grow with the data-parallel ranks it simulates, so the engine's time
      // is compared per event: at a fixed number of events it must not grow with the chips.
      double nanosPerEvent = m.engineSeconds * 1e9 / Math.max(1, m.events);
      if (Double.isNaN(first)) {
        first = nanosPerEvent;
      }
      out.printf("training step, %5d chips (dp %d): %d events, engine %.3f s, %.0f ns per event"
          + " (x%.2f of 2,048 chips; target within 1.2), peak heap %.0f MiB%n", nodes * 8, dp,
          m.events, m.engineSeconds, nanosPerEvent, nanosPerEvent / first,
          m.peakHeapBytes / 1048576.0);
      out.flush();
    }
  }

  private record Measured(double wallSeconds, double engineSeconds, long events,
      double peakHeapBytes) {}

  private static Measured inThisJvm(Path file, List<String> sets) {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long started = System.nanoTime();
    Scenario scenario = ScenarioOptions.loader().load(file, sets);
    RunResult r = ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL);
    double wall = (System.nanoTime() - started) / 1e9;
    double peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Measured(wall, r.run().wallSeconds(), r.runtime().events(), peak);
  }

  /** Seconds for the table: "-" where there are none (no whole runs asked, or one failed). */
  static String cell(double seconds) {
    return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.2fs", seconds);
  }

  /** A case's whole runs in seconds, NaN where none ran or one failed. */
  private record WholeRuns(double fastestSeconds, double medianSeconds) {
    static final WholeRuns NONE = new WholeRuns(Double.NaN, Double.NaN);
  }

  /**
   * {@link #wholeRunRepeats} whole runs: the fastest, since the machines are shared and another
   * process's burst only ever adds time, and the median beside it, for the spread.
   */
  private WholeRuns timeWholeRuns(Path file, List<String> sets)
      throws IOException, InterruptedException {
    double[] walls = new double[wholeRunRepeats];
    for (int i = 0; i < walls.length; i++) {
      walls[i] = wholeRun(file, sets);
      if (Double.isNaN(walls[i])) {
        return WholeRuns.NONE;
      }
    }
    Arrays.sort(walls);
    return new WholeRuns(walls[0], EngineBenchmark.median(walls));
  }

  /** Wall seconds of {@code supernode-sim run} in a fresh JVM with this one's options. */
  private static double wholeRun(Path file, List<String> sets)
      throws IOException, InterruptedException {
    Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    if (!Files.isRegularFile(jar)) {
      return Double.NaN; // classes from a folder (tests): no jar to start
    }
    Path outDir = Files.createTempDirectory("peers-case");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-jar", jar.toString(), "run", file.toString(), "--out",
        outDir.toString()));
    for (String set : sets) {
      command.add("--set");
      command.add(set);
    }
    long started = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int exit = p.waitFor();
    double wall = (System.nanoTime() - started) / 1e9;
    deleteTree(outDir.toFile());
    return exit == 0 ? wall : Double.NaN;
  }

  private static void deleteTree(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteTree(c);
      }
    }
    f.delete();
  }

  private static Path folder() {
    String home = System.getenv("SUPERNODE_SIM_HOME");
    Path relative = Path.of("bench", "peers-cases");
    Path folder = home == null ? relative : Path.of(home).resolve(relative);
    if (!Files.isDirectory(folder)) {
      throw new ScenarioException(folder.toString(), "",
          "no such folder; run from the project's root or through ./supernode-sim");
    }
    return folder;
  }
}
