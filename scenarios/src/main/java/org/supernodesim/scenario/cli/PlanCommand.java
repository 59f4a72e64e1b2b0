package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.cluster.ScenarioBundle;
import org.supernodesim.scenario.plan.Objective;
import org.supernodesim.scenario.plan.Plan;
import org.supernodesim.scenario.plan.PlanReports;
import org.supernodesim.scenario.plan.Ranking;
import org.supernodesim.scenario.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches the space of a scenario's plan: block and writes the ranking and the best layout. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the layouts a scenario's plan: block names (space, constraints, objectives):"
          + " prunes those that cannot run or do not fit in memory without simulating them,"
          + " simulates the rest as a sweep (--parallel at a time, or on a cluster with"
          + " --cluster), ranks them and writes into DIR: plan.csv (ranked), pruned.csv,"
          + " plan.html (the Pareto front and the table), <name>-best.yaml (the best layout, a"
          + " scenario that runs), and the sweep's own files (points/, results.csv).",
      "A plan that was stopped resumes like a sweep: started again with the same DIR it"
          + " simulates only the candidates that have no point file."
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "The plan's folder (default: runs/<scenario name>-plan/). A folder holding another"
              + " plan's points, or one another sweep or plan is writing to, is refused.")
  Path out;

  @Mixin PointPlacement placement = new PointPlacement();

  @Override
  public Integer call() {
    placement.check(spec);
    PrintWriter stdout = spec.commandLine().getOut();
    Plan plan = Plan.read(scenario.file, scenario.sets, ScenarioOptions.loader());
    Path dir = out != null ? out : OutputFolders.of(plan.name() + "-plan");
    Plan.Pruning pruning = plan.prune();
    stdout.printf(
        "%s: %d candidates, %d pruned without simulating (pruned.csv), %d to simulate%n",
        plan.name(), pruning.candidates(), pruning.pruned().size(), pruning.kept().size());
    stdout.flush();
    if (pruning.kept().isEmpty()) {
      // Nothing to simulate: the reasons are the answer. Otherwise pruned.csv is written with the
      // ranking, once the sweep holds the folder (its lock, its refusal of another's points).
      PlanReports.writePruned(dir, plan, pruning);
    }
    Plan.Search search = plan.search(pruning.kept());
    SweepRunner.PointExecutor executor =
        placement.executor(
            () -> ScenarioBundle.of(plan.path(), search.text(), plan.sets(), search.file()),
            stdout);
    List<SweepPoint> points;
    try (SweepProgress progress = SweepProgress.create(plan.name(), stdout)) {
      points = SweepRunner.run(search.file(), dir, progress, executor);
    }
    Ranking ranking = Ranking.of(points, plan.definition());
    PlanReports.Written written = PlanReports.write(dir, plan, pruning, ranking);
    if (ranking.best().isEmpty()) {
      stdout.printf(
          "%s: none of the %d simulated candidates meets the constraints; see %s%n",
          plan.name(), points.size(), written.ranked());
      stdout.flush();
      return ExitCode.INPUT;
    }
    List<Objective> objectives = plan.definition().objectives();
    stdout.printf("rank  %-44s %-32s", "id", "layout");
    objectives.forEach(o -> stdout.printf(" %16s", o.column()));
    stdout.println();
    ranking.ranked().stream()
        .filter(r -> r.rank() > 0)
        .limit(5)
        .forEach(
            r -> {
              stdout.printf(
                  "%4d  %-44s %-32s",
                  r.rank(),
                  r.point().id(),
                  r.point().result().workload() instanceof TrainingResult t ? t.layout() : "");
              for (double v : r.objectives()) {
                stdout.printf(Locale.ROOT, " %16.6g", v);
              }
              stdout.println();
            });
    stdout.printf(
        "Pareto front: %d layouts; wrote %s, %s, %s%n",
        ranking.front().size(), written.ranked(), written.page(), written.best().orElseThrow());
    stdout.flush();
    return ExitCode.OK;
  }
}
