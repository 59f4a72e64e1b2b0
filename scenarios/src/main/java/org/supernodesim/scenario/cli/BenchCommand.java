package org.supernodesim.scenario.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.node.engine.EngineBenchmark;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.run.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks, printed as tables measured side by side in one JVM. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print their figures.",
    subcommands = {
      BenchCommand.Engine.class,
      NetworkBench.class,
      BenchTrainingCommand.class,
      PeersCasesCommand.class,
      BenchReplayCommand.class
    })
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Events per second of every runtime and placement on one scenario. */
  @Command(
      name = "engine",
      mixinStandardHelpOptions = true,
      description = {
        "Events per second of the engine on a scenario (default: the 384-chip ring all-reduce of"
            + " scenarios/examples/allreduce-384.yaml): sequential, actor-per-chip, and blocks of"
            + " chips per actor, measured one after another in this JVM.",
        "Each configuration gets warm-up runs, then at least --runs runs and --seconds of"
            + " measurement; the headline is the median run.",
        "The engine is measured, not start-up: each actor configuration keeps one actor system"
            + " across its runs (created in the warm-up); a timed run spawns, runs and stops that"
            + " run's actors."
      })
  static final class Engine implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--scenario",
        paramLabel = "FILE",
        description = "The scenario to run (default: scenarios/examples/allreduce-384.yaml).")
    Path scenarioFile;

    @Option(names = "--threads", defaultValue = "2", description = "Actor threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--seconds", defaultValue = "2", description = "Measured seconds per configuration. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per configuration, at least. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up runs per configuration. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Override
    public Integer call() {
      Path file = scenarioFile != null ? scenarioFile : defaultScenario();
      ScenarioOptions options = new ScenarioOptions();
      options.file = file;
      Scenario scenario = options.load();
      int chips = scenario.chips();
      List<EngineBenchmark.Configuration> configurations = new ArrayList<>();
      configurations.add(new EngineBenchmark.Configuration("sequential", new SequentialRuntime()));
      configurations.add(
          new EngineBenchmark.Configuration(
              "actors, actor-per-chip, " + threads + " threads", new ActorRuntime(threads, 1)));
      for (int blocks : new int[] {threads, 8}) {
        int perActor = Math.max(1, (chips + blocks - 1) / blocks);
        configurations.add(
            new EngineBenchmark.Configuration(
                "actors, " + perActor + " chips per actor, " + threads + " threads",
                new ActorRuntime(threads, perActor)));
      }
      var out = spec.commandLine().getOut();
      out.printf(
          "engine benchmark: %s (%d chips), %d warm-up runs, >= %d runs and >= %.1f s each;"
              + " %d cores; actor systems kept across runs (start-up not timed)%n",
          scenario.name(), chips, warmup, runs, seconds,
          java.lang.Runtime.getRuntime().availableProcessors());
      out.flush();
      List<EngineBenchmark.Measurement> measurements;
      try {
        measurements =
            EngineBenchmark.measure(
                () -> ScenarioRunner.simulation(scenario),
                configurations,
                new EngineBenchmark.Options(warmup, runs, seconds));
      } finally {
        configurations.forEach(configuration -> configuration.runtime().close());
      }
      out.print(EngineBenchmark.formatTable(measurements));
      double sequential = measurements.get(0).medianEventsPerSecond();
      for (EngineBenchmark.Measurement m : measurements) {
        out.printf("  %-36s %6.2f M events/s (%.2fx sequential)%n",
            m.configuration(), m.medianEventsPerSecond() / 1e6,
            m.medianEventsPerSecond() / sequential);
      }
      return 0;
    }

    private static Path defaultScenario() {
      String home = System.getenv("SUPERNODE_SIM_HOME");
      Path relative = Path.of("scenarios", "examples", "allreduce-384.yaml");
      Path file = home == null ? relative : Path.of(home).resolve(relative);
      if (!Files.exists(file)) {
        throw new ScenarioException(
            file.toString(), "", "no such file; give a scenario with --scenario FILE");
      }
      return file;
    }
  }
}
