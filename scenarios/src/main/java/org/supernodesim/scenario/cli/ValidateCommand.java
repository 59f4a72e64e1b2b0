package org.supernodesim.scenario.cli;

import java.util.concurrent.Callable;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ServingWorkload;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.scenario.file.Workload;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads and checks a scenario without running it. Its command line is built by {@link #spec()}
 * rather than read from annotations: see {@link Main}.
 */
final class ValidateCommand implements Callable<Integer> {
  private CommandSpec spec;

  private ValidateCommand() {}

  /** The {@code validate} command: its options, help text and this command to call. */
  static CommandSpec spec() {
    ValidateCommand command = new ValidateCommand();
    command.spec =
        Options.command(
            command,
            "validate",
            "Checks a scenario file without running it: prints what it describes, or its first"
                + " mistake with its place. A scenario that validates runs; one that does not,"
                + " does not.",
            "With a sweep: block, every point is checked too.");
    ScenarioOptions.addTo(command.spec);
    return command.spec;
  }

  @Override
  public Integer call() {
    ScenarioOptions scenario = ScenarioOptions.of(spec);
    ScenarioFile file = scenario.read();
    Scenario s = file.base();
    spec.commandLine()
        .getOut()
        .printf(
            "%s: valid: %d x %s on %s, %s, network model %s, seed %d%n",
            scenario.file, s.chips(), s.chip().id(), s.fabric().kind(), describe(s.workload()),
            s.networkModel().label(), s.seed());
    file.models().forEach(m -> spec.commandLine().getOut().println(m.describe()));
    if (file.sweep().present()) {
      // Bind every point as the sweep will, so a bad value is found before hours of running.
      file.points().forEach(file::point);
      spec.commandLine().getOut().printf("sweep: %d points, each valid%n", file.points().size());
    }
    return 0;
  }

  private static String describe(Workload workload) {
    return workload.match(new Workload.Cases<String>() {
      @Override
      public String collectives(CollectiveWorkload w) {
        return w.entries().size() + " collective(s)";
      }

      @Override
      public String training(TrainingWorkload w) {
        return "training " + w.job().model().id() + " " + w.job().parallelism();
      }

      @Override
      public String trace(TraceWorkload w) {
        return w.trace().format() + " trace " + w.trace().path() + ", " + w.trace().ranks()
            + " ranks, sha256 " + w.trace().sha256();
      }

      @Override
      public String serving(ServingWorkload w) {
        return "serving " + w.trace().requests().size() + " requests on " + w.instanceCount()
            + " instance(s) of " + w.model().id();
      }
    });
  }
}
