package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.run.RunReports;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs one scenario and writes its result. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a scenario, prints a summary and writes DIR/result.json.",
      "The result is the same, byte for byte, whatever the runtime, threads or placement."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write result.json (default: results/<scenario name>/).")
  Path out;

  @Option(
      names = "--runtime",
      paramLabel = "RUNTIME",
      defaultValue = "sequential",
      description = "sequential (one thread, one event queue) or actors (Pekko). Default: ${DEFAULT-VALUE}.")
  String runtime;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "Threads of the actor runtime. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = "--lps-per-actor",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Logical processes (chips) per actor; 1 is actor-per-chip. Default: ${DEFAULT-VALUE}.")
  int processesPerActor;

  @Override
  public Integer call() {
    Scenario s = scenario.load();
    RuntimeChoice choice;
    try {
      choice = new RuntimeChoice(runtime, threads, processesPerActor);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, choice);
    RunResult result = run.result();
    Path dir = out != null ? out : Path.of("results", s.name());
    Path file = RunReports.write(run, s.accounting(), dir);
    printSummary(spec.commandLine().getOut(), s, result, file);
    if (run.chips() == null && RunReports.drawsTimeline(s.accounting())) {
      spec.commandLine().getErr().println("no timeline written: a serving run does not record"
          + " its instances' steps yet, only their totals (see README, Reports)");
    }
    return 0;
  }

  static void printSummary(PrintWriter out, Scenario s, RunResult r, Path file) {
    out.printf(
        "%s: %d x %s, %s, %s network, %s runtime%n",
        r.scenario(), s.chips(), s.chip().id(), s.fabric().kind(), s.networkModel(),
        r.run().runtime());
    out.printf("simulated time %s; %d events in %.3f s wall (%.2f M events/s)%n",
        Format.picos(r.simulatedPicos()), r.runtime().events(), r.run().wallSeconds(),
        r.run().eventsPerSecond() / 1e6);
    if (!r.collectives().isEmpty()) {
      out.printf("%-15s %-6s %6s %12s %14s %14s %14s%n",
          "collective", "algo", "group", "size", "time", "algbw GB/s", "busbw GB/s");
      for (CollectiveResult c : r.collectives()) {
        out.printf("%-15s %-6s %6d %12s %14s %14.2f %14.2f%n",
            c.kind(), c.algorithm(), c.groupSize(), Format.bytes(c.bytes()), Format.picos(c.picos()),
            c.algorithmBytesPerSecond() / 1e9, c.busBytesPerSecond() / 1e9);
      }
    }
    if (r.serving() != null) {
      ServingSummary.print(out, r.serving());
    }
    if (r.training() != null) {
      TrainingText.summary(out, r.training());
    }
    out.printf("wrote %s%n", file);
  }
}
