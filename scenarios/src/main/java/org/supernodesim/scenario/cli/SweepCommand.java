package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.cluster.ClusterSweep;
import org.supernodesim.scenario.cluster.NodeAddress;
import org.supernodesim.scenario.cluster.ScenarioBundle;
import org.supernodesim.scenario.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the points of a scenario's sweep in parallel and writes their table and reports. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every point of the scenario's sweep: block, --parallel at a time, and writes"
          + " DIR/points/<id>.json per point, DIR/results.csv, DIR/report.md and DIR/report.html.",
      "Each point is kept as soon as it finishes: a sweep that was stopped (even by kill -9) and"
          + " started again with the same DIR runs only the points that have no file, and ends"
          + " with the same files. A point that fails is recorded with its error; the others run.",
      "With --cluster this process is the coordinator of a Pekko Cluster: workers (supernode-sim"
          + " worker --join HOST:PORT) pull the points and send back their results, which are"
          + " written here exactly as a local sweep writes them. It runs --parallel points itself"
          + " (default 0 with --cluster) and exits when every point is kept."
    })
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The sweep's folder (default: results/<scenario name>-sweep/).")
  Path out;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Points run at once (default: the machine's cores; with --cluster, points the"
              + " coordinator runs itself, default 0).")
  Integer parallel;

  @Option(
      names = "--cluster",
      description =
          "Spread the points over the workers that join this coordinator (see worker --help).")
  boolean cluster;

  @Mixin ClusterOptions node = new ClusterOptions();

  @Override
  public Integer call() {
    ScenarioFile file = scenario.read();
    if (!file.sweep().present()) {
      throw new ScenarioException(
          scenario.file.toString(), "sweep",
          "missing; a sweep needs a sweep: block, e.g. sweep: {cluster.chips: [8, 16, 32]}");
    }
    String name = file.base().name();
    Path dir = out != null ? out : Path.of("results", name + "-sweep");
    PrintWriter stdout = spec.commandLine().getOut();
    SweepRunner.PointExecutor executor = executor(file, stdout);
    List<SweepPoint> points;
    try (SweepProgress progress = SweepProgress.create(name, stdout)) {
      points = SweepRunner.run(file, dir, progress, executor);
    }
    long failed = points.stream().filter(p -> !p.ok()).count();
    stdout.printf(
        "%s: %d points, %d ran, %d failed; wrote %s%n",
        name, points.size(), points.size() - failed, failed, dir.resolve("results.csv"));
    for (SweepPoint p : points) {
      if (!p.ok()) {
        stdout.printf("  failed %s: %s%n", p.id(), p.error());
      }
    }
    stdout.flush();
    // Some points failing is a finding; every point failing is most likely a mistake in the file.
    return failed == points.size() ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.OK;
  }

  private SweepRunner.PointExecutor executor(ScenarioFile file, PrintWriter stdout) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (!cluster) {
      if (node.bind != null || node.keyStore != null || node.trustStore != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--bind and --tls-* are options of --cluster");
      }
      int n = parallel != null ? parallel : cores;
      if (n < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be >= 1");
      }
      return SweepRunner.local(n);
    }
    int local = parallel != null ? parallel : 0;
    if (local < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be >= 0");
    }
    return new ClusterSweep(
        node.bindOr(NodeAddress.COORDINATOR_DEFAULT), node.tls(), local,
        ScenarioBundle.of(scenario.file, scenario.sets, file), ScenarioOptions.loader(), stdout);
  }
}
