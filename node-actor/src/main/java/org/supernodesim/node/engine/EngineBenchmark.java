package org.supernodesim.node.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Measures runtimes side by side on one workload, in one process: events per second, wall time.
 *
 * <p>Each configuration gets warm-up runs (to let the JIT compile the event loop), then measured
 * runs until both a minimum count and a minimum total wall time are reached. Every run gets fresh
 * processes from the supplier (processes hold state) built outside the timed region; the timed
 * region is the whole {@link Runtime#run}. A runtime keeps what it can reuse across runs (the
 * actor runtime its actor system, created by the first warm-up run), so the figure is the
 * engine's: for actors, spawning and stopping the run's actors and every window's messages, not
 * an actor system's start-up. The caller closes the runtimes afterwards. The headline figure is the <em>median</em> run (robust to a
 * neighbour stealing a core on a shared machine); the best run is reported beside it.
 *
 * <p>Every run of every configuration must report the same events and end time as the first, or
 * the benchmark fails: a fast wrong answer is not a result.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  /** A runtime under a display name, e.g. {@code actors, 192 per actor, 2 threads}. */
  public record Configuration(String name, Runtime runtime) {
    public Configuration {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(runtime, "runtime");
    }
  }

  /**
   * How long to measure each configuration.
   *
   * @param warmupRuns runs before measuring, not recorded
   * @param minMeasuredRuns at least this many measured runs
   * @param minMeasuredSeconds and at least this much wall time in measured runs
   */
  public record Options(int warmupRuns, int minMeasuredRuns, double minMeasuredSeconds) {
    public Options {
      if (warmupRuns < 0 || minMeasuredRuns < 1 || !(minMeasuredSeconds >= 0)) {
        throw new IllegalArgumentException(
            "need warm-up >= 0, runs >= 1, seconds >= 0: "
                + warmupRuns
                + ", "
                + minMeasuredRuns
                + ", "
                + minMeasuredSeconds);
      }
    }

    /** 3 warm-up runs, then at least 5 runs and 1 s of measurement per configuration. */
    public static Options standard() {
      return new Options(3, 5, 1.0);
    }
  }

  /**
   * One configuration's result.
   *
   * @param configuration its display name
   * @param runtime the runtime's name ({@code sequential} or {@code actors})
   * @param eventsPerRun events handled in one run (identical in every run)
   * @param endPicos the virtual end time of one run (identical in every run)
   * @param runs measured runs
   * @param medianWallSeconds the median run's wall time
   * @param bestWallSeconds the fastest run's wall time
   */
  public record Measurement(
      String configuration,
      String runtime,
      long eventsPerRun,
      long endPicos,
      int runs,
      double medianWallSeconds,
      double bestWallSeconds) {

    /** The headline figure: events per second of the median run. */
    public double medianEventsPerSecond() {
      return eventsPerRun / medianWallSeconds;
    }

    public double bestEventsPerSecond() {
      return eventsPerRun / bestWallSeconds;
    }
  }

  /** Measures each configuration in turn on fresh simulations from {@code workload}. */
  public static List<Measurement> measure(
      Supplier<Simulation> workload, List<Configuration> configurations, Options options) {
    List<Measurement> measurements = new ArrayList<>();
    RunStatistics reference = null;
    for (Configuration configuration : configurations) {
      for (int i = 0; i < options.warmupRuns(); i++) {
        reference = check(configuration, runOnce(workload, configuration).stats, reference);
      }
      List<Double> wallSeconds = new ArrayList<>();
      double totalSeconds = 0;
      while (wallSeconds.size() < options.minMeasuredRuns()
          || totalSeconds < options.minMeasuredSeconds()) {
        Timed timed = runOnce(workload, configuration);
        reference = check(configuration, timed.stats, reference);
        wallSeconds.add(timed.wallSeconds);
        totalSeconds += timed.wallSeconds;
      }
      double[] sorted = wallSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      measurements.add(
          new Measurement(
              configuration.name(),
              configuration.runtime().name(),
              reference.events(),
              reference.endPicos(),
              sorted.length,
              median(sorted),
              sorted[0]));
    }
    return measurements;
  }

  /** A fixed-width table, one row per configuration, in the order measured. */
  public static String formatTable(List<Measurement> measurements) {
    StringBuilder table = new StringBuilder();
    String header = "%-36s %10s %5s %12s %12s %14s %14s%n";
    String row = "%-36s %10d %5d %12.4f %12.4f %14.0f %14.0f%n";
    table.append(
        String.format(
            Locale.ROOT,
            header,
            "configuration",
            "events",
            "runs",
            "median s",
            "best s",
            "median ev/s",
            "best ev/s"));
    for (Measurement m : measurements) {
      table.append(
          String.format(
              Locale.ROOT,
              row,
              m.configuration(),
              m.eventsPerRun(),
              m.runs(),
              m.medianWallSeconds(),
              m.bestWallSeconds(),
              m.medianEventsPerSecond(),
              m.bestEventsPerSecond()));
    }
    return table.toString();
  }

  private record Timed(RunStatistics stats, double wallSeconds) {}

  private static Timed runOnce(Supplier<Simulation> workload, Configuration configuration) {
    Simulation simulation = workload.get();
    long startNanos = System.nanoTime();
    RunStatistics stats = configuration.runtime().run(simulation);
    double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
    return new Timed(stats, wallSeconds);
  }

  private static RunStatistics check(
      Configuration configuration, RunStatistics stats, RunStatistics reference) {
    if (reference != null
        && (stats.events() != reference.events() || stats.endPicos() != reference.endPicos())) {
      throw new IllegalStateException(
          configuration.name()
              + ": "
              + stats.events()
              + " events ending at "
              + stats.endPicos()
              + " ps, but the first run had "
              + reference.events()
              + " ending at "
              + reference.endPicos()
              + " ps");
    }
    return stats;
  }

  /** The median of {@code sorted}, which is in ascending order and not empty. */
  public static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
