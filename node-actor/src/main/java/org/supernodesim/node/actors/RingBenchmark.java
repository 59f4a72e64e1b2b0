package org.supernodesim.node.actors;

import java.util.List;
import org.supernodesim.node.engine.EngineBenchmark;
import org.supernodesim.node.engine.EngineBenchmark.Configuration;
import org.supernodesim.node.engine.RingWorkload;
import org.supernodesim.node.engine.SequentialRuntime;

/**
 * The engine benchmark's standard line-up on the ring workload: sequential, actor-per-chip and
 * two blocks of actors, side by side. It lives here, not in the engine package, because only this
 * package may know the actor runtime.
 *
 * <p>{@code java ... org.supernodesim.node.actors.RingBenchmark [processes [steps [threads]]]};
 * defaults 384 processes, 2(n−1) = 766 steps, 2 threads.
 */
public final class RingBenchmark {
  /** The ring's lookahead: 1 us, a link latency's order of magnitude. */
  public static final long LOOKAHEAD_PICOS = 1_000_000;

  private RingBenchmark() {}

  /**
   * Sequential; actors, one per process; actors in two blocks of n/2 processes. The caller closes
   * the runtimes.
   */
  public static List<Configuration> standardConfigurations(int processes, int threads) {
    int half = Math.max(1, (processes + 1) / 2);
    return List.of(
        new Configuration("sequential", new SequentialRuntime()),
        new Configuration(
            "actors, actor-per-chip, " + threads + " threads",
            new ActorRuntime(threads, ActorRuntime.ACTOR_PER_CHIP)),
        new Configuration(
            "actors, " + half + " per actor, " + threads + " threads",
            new ActorRuntime(threads, half)));
  }

  public static void main(String[] args) {
    int processes = args.length > 0 ? Integer.parseInt(args[0]) : 384;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2 * (processes - 1);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    System.out.printf(
        "ring of %d processes, %d steps, L = %d ps: %d events per run%n",
        processes, steps, LOOKAHEAD_PICOS, RingWorkload.expectedEvents(processes, steps));
    List<Configuration> configurations = standardConfigurations(processes, threads);
    List<EngineBenchmark.Measurement> measurements;
    try {
      measurements =
          EngineBenchmark.measure(
              () -> RingWorkload.create(processes, steps, LOOKAHEAD_PICOS),
              configurations,
              EngineBenchmark.Options.standard());
    } finally {
      configurations.forEach(configuration -> configuration.runtime().close());
    }
    System.out.print(EngineBenchmark.formatTable(measurements));
  }
}
