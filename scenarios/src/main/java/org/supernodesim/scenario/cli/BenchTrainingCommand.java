package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.RuntimeKind;
import org.supernodesim.scenario.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code bench training}: one training step end to end (generation, simulation, figures), its
 * wall time, events, events per second and the JVM's peak heap.
 */
@Command(
    name = "training",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates one training step (default: DeepSeek-V3 on cloudmatrix384, all 61 layers and 64"
          + " micro-batches) and prints wall time, events, events/s and peak heap.",
      "The wall time counts generating the step's graphs, running it and drawing its figures."
    })
final class BenchTrainingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      defaultValue = "scenarios/examples/deepseek-v3-cloudmatrix384.yaml",
      description = "A training scenario. Default: ${DEFAULT-VALUE}.")
  Path scenarioFile;

  @Option(
      names = "--set",
      paramLabel = "KEY.PATH=VALUE",
      description =
          "Overrides one key of the scenario, e.g. --set workload.training.fidelity=chip --set"
              + " network.model=flow. Repeatable.")
  List<String> sets = new java.util.ArrayList<>();

  @Option(names = "--runtime", defaultValue = "actors",
      description = "sequential or actors. Default: ${DEFAULT-VALUE}.")
  RuntimeKind runtime;

  @Option(names = "--threads", defaultValue = "2",
      description = "Actor threads. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Scenario scenario =
        ScenarioOptions.loader().load(scenarioFile, sets);
    if (!(scenario.workload() instanceof TrainingWorkload)) {
      throw new ScenarioException(scenarioFile.toString(), "workload",
          "not a training step; bench training needs workload.training");
    }
    Options.atLeastOne(spec, "--threads", threads);
    RuntimeChoice choice = new RuntimeChoice(runtime, threads, 1);
    long started = System.nanoTime();
    RunResult r = ScenarioRunner.run(scenario, choice);
    double wall = (System.nanoTime() - started) / 1e9;
    TrainingResult t = (TrainingResult) r.workload();
    out.printf("%s: %s, %d chips, %s, %d micro-batches, %s fidelity, %s network, %s runtime%s%n",
        scenario.name(), t.model(), t.chips(), t.layout(), t.microBatches(), t.fidelity(),
        r.networkModel().label(), runtime,
        runtime == RuntimeKind.ACTORS ? " (" + threads + " threads, one process per actor)" : "");
    out.printf("step %.3f s simulated; %d events; wall %.2f s end to end (engine %.2f s,"
        + " %.2f M events/s); peak heap %.0f MiB%n", t.stepSeconds(), r.runtime().events(), wall,
        r.run().wallSeconds(), r.run().eventsPerSecond() / 1e6, peakHeapBytes() / 1048576.0);
    return CommandLine.ExitCode.OK;
  }

  /** The sum of the heap pools' peak usage since the JVM started. */
  private static double peakHeapBytes() {
    double peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
