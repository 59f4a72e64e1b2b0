package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.run.RunReports;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.RuntimeKind;
import org.supernodesim.scenario.run.ScenarioRunner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs one scenario, prints its summary, then writes its result. Its command line is built by
 * {@link #spec()} rather than read from annotations: see {@link Main}.
 */
final class RunCommand implements Callable<Integer> {
  private static final String OUT = "--out";
  private static final String RUNTIME = "--runtime";
  private static final String THREADS = "--threads";
  private static final String PROCESSES_PER_ACTOR = "--lps-per-actor";

  private CommandSpec spec;

  private RunCommand() {}

  /** The {@code run} command: its options, help text and this command to call. */
  static CommandSpec spec() {
    RunCommand command = new RunCommand();
    CommandSpec spec =
        Options.command(
            command,
            "run",
            "Runs a scenario, prints a summary and writes DIR/result.json.",
            "The result is the same, byte for byte, whatever the runtime, threads or placement.");
    ScenarioOptions.addTo(spec);
    spec.addOption(OptionSpec.builder(OUT)
        .paramLabel("DIR")
        .type(Path.class)
        .description(
            "Where to write result.json and the reports (default: runs/<scenario name>/).")
        .build());
    spec.addOption(OptionSpec.builder(RUNTIME)
        .paramLabel("RUNTIME")
        .type(RuntimeKind.class)
        .defaultValue("sequential")
        .description(
            "sequential (one thread, one event queue) or actors (Pekko). Default: ${DEFAULT-VALUE}.")
        .build());
    spec.addOption(OptionSpec.builder(THREADS)
        .paramLabel("N")
        .type(int.class)
        .defaultValue("2")
        .description("Threads of the actor runtime, >= 1. Default: ${DEFAULT-VALUE}.")
        .build());
    spec.addOption(OptionSpec.builder(PROCESSES_PER_ACTOR)
        .paramLabel("N")
        .type(int.class)
        .defaultValue("1")
        .description(
            "Logical processes (chips) per actor, >= 1; 1 is actor-per-chip. Default:"
                + " ${DEFAULT-VALUE}.")
        .build());
    command.spec = spec;
    return spec;
  }

  @Override
  public Integer call() {
    ScenarioOptions scenario = ScenarioOptions.of(spec);
    Path out = spec.findOption(OUT).getValue();
    RuntimeKind runtime = spec.findOption(RUNTIME).getValue();
    int threads = spec.findOption(THREADS).<Integer>getValue();
    int processesPerActor = spec.findOption(PROCESSES_PER_ACTOR).<Integer>getValue();
    Options.atLeastOne(spec, THREADS, threads);
    Options.atLeastOne(spec, PROCESSES_PER_ACTOR, processesPerActor);
    ScenarioFile file = scenario.read();
    Scenario s = file.base();
    PrintWriter stdout = spec.commandLine().getOut();
    if (file.sweep().present()) {
      stdout.printf(
          "note: %s has a sweep: block of %d points; run runs the scenario as written"
              + " (use sweep to run the points)%n",
          scenario.file, file.points().size());
    }
    ScenarioRunner.Execution run =
        ScenarioRunner.execute(
            s,
            new RuntimeChoice(runtime, threads, processesPerActor),
            new RunProgress(s.name(), spec.commandLine().getErr(), System.console() != null));
    // The summary first: a folder that cannot be written must not cost the answer.
    printSummary(stdout, s, run.result());
    stdout.flush();
    Path dir = out != null ? out : OutputFolders.of(s.name());
    List<Path> files = RunReports.write(run, s.accounting(), dir);
    for (Path f : files) {
      stdout.printf("wrote %s%n", f);
    }
    for (ReportOutput o : RunReports.unwritable(run, s.accounting())) {
      spec.commandLine()
          .getErr()
          .printf("report %s not written: only a serving run has requests%n", o.label());
    }
    return ExitCode.OK;
  }

  static void printSummary(PrintWriter out, Scenario s, RunResult r) {
    out.printf(
        "%s: %d x %s, %s, %s network, %s runtime%n",
        r.scenario(),
        s.chips(),
        s.chip().id(),
        s.fabric().kind(),
        r.networkModel().label(),
        r.run().runtime());
    out.printf(
        "simulated time %s; %d events in %.3f s wall (%.2f M events/s)%n",
        Format.picos(r.simulatedPicos()),
        r.runtime().events(),
        r.run().wallSeconds(),
        r.run().eventsPerSecond() / 1e6);
    r.workload()
        .match(
            new WorkloadResult.Cases<Void>() {
              @Override
              public Void collectives(CollectiveBenchmarkResult c) {
                printCollectives(out, c.collectives());
                return null;
              }

              @Override
              public Void training(TrainingResult t) {
                TrainingText.summary(out, t);
                return null;
              }

              @Override
              public Void serving(ServingResult v) {
                ServingSummary.print(out, v);
                return null;
              }

              @Override
              public Void replay(ReplayResult x) {
                ReplayResult.Trace t = x.trace();
                out.printf(
                    "replayed %s %s (%d ranks, sha256 %s)%n",
                    t.format(), t.path(), t.ranks(), t.sha256());
                out.printf(
                    "compute per rank %s mean, %s busiest; exposed communication %s mean;"
                        + " %d collectives%n",
                    Format.picos(Math.round(x.meanComputeSeconds() * 1e12)),
                    Format.picos(Math.round(x.maxComputeSeconds() * 1e12)),
                    Format.picos(Math.round(x.meanExposedCommunicationSeconds() * 1e12)),
                    x.collectives());
                t.notes().forEach(n -> out.println("note: " + n));
                return null;
              }
            });
  }

  private static void printCollectives(PrintWriter out, List<CollectiveResult> collectives) {
    out.printf(
        "%-15s %-6s %6s %12s %14s %14s %14s%n",
        "collective", "algo", "group", "size", "time", "algbw GB/s", "busbw GB/s");
    for (CollectiveResult c : collectives) {
      out.printf(
          "%-15s %-6s %6d %12s %14s %14.2f %14.2f%n",
          c.kind(),
          c.algorithm(),
          c.groupSize(),
          Format.bytes(c.bytes()),
          Format.picos(c.picos()),
          c.algorithmBytesPerSecond() / 1e9,
          c.busBytesPerSecond() / 1e9);
    }
  }
}
