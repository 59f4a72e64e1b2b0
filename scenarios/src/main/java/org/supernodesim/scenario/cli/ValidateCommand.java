package org.supernodesim.scenario.cli;

import java.util.concurrent.Callable;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Loads and checks a scenario without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a scenario file; prints what it describes, or each mistake with its place.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Override
  public Integer call() {
    ScenarioFile file = scenario.read();
    Scenario s = file.base();
    spec.commandLine()
        .getOut()
        .printf(
            "%s: valid: %d x %s on %s, %s, network model %s, seed %d%n",
            scenario.file, s.chips(), s.chip().id(), s.fabric().kind(), workload(s),
            s.networkModel(), s.seed());
    file.models().forEach(m -> spec.commandLine().getOut().println(m.describe()));
    if (file.sweep().present()) {
      // Bind every point as the sweep will, so a bad value is found before hours of running.
      file.points().forEach(file::point);
      spec.commandLine().getOut().printf("sweep: %d points, each valid%n", file.points().size());
    }
    return 0;
  }

  private static String workload(Scenario s) {
    if (s.training() != null) {
      return "training " + s.training().model().id() + " " + s.training().parallelism();
    }
    if (s.serving() == null) {
      return s.collectives().size() + " collective(s)";
    }
    int instances = s.serving().instances().stream().mapToInt(i -> i.count()).sum();
    return "serving " + s.serving().trace().requests().size() + " requests on " + instances
        + " instance(s) of " + s.serving().model().id();
  }
}
