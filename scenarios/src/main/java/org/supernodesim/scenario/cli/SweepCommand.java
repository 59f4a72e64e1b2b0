package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.cluster.ScenarioBundle;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.sweep.SweepRunner;
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
      description =
          "The sweep's folder (default: runs/<scenario name>-sweep/). A folder holding"
              + " another scenario's points, or one another sweep is writing to, is refused.")
  Path out;

  @Mixin PointPlacement placement = new PointPlacement();

  @Override
  public Integer call() {
    placement.check(spec);
    ScenarioFile file = scenario.read();
    if (!file.sweep().present()) {
      throw new ScenarioException(
          scenario.file.toString(),
          "sweep",
          "missing; a sweep needs a sweep: block, e.g. sweep: {cluster.chips: [8, 16, 32]}");
    }
    String name = file.base().name();
    Path dir = out != null ? out : OutputFolders.of(name + "-sweep");
    PrintWriter stdout = spec.commandLine().getOut();
    SweepRunner.PointExecutor executor =
        placement.executor(() -> ScenarioBundle.of(scenario.file, scenario.sets, file), stdout);
    // Said before anything runs: a product of long lists can be far more runs than meant.
    stdout.printf(
        "%s: %d points, %s, into %s%n", name, file.points().size(), placement.describe(), dir);
    stdout.flush();
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
    // Every file of the folder the sweep keeps up to date, beside its points/.
    for (String f : List.of("report.md", "report.html", "sweep.json")) {
      if (java.nio.file.Files.isRegularFile(dir.resolve(f))) {
        stdout.printf("wrote %s%n", dir.resolve(f));
      }
    }
    stdout.printf("wrote %s (%d points)%n", dir.resolve("points"), points.size() - failed);
    stdout.flush();
    // Some points failing is a finding; every point failing is most likely a mistake in the file.
    return failed == points.size() ? ExitCode.INPUT : ExitCode.OK;
  }
}
