package org.supernodesim.node.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.LoggerFactory;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.Simulation;

/**
 * Runs a simulation on Pekko typed actors in conservative windows. Processes are placed on actors
 * in blocks of {@code processesPerActor} consecutive ids (1, the default, is actor-per-chip).
 * Placement and thread count never change a result: every process gets the events the {@link
 * org.supernodesim.node.engine.SequentialRuntime} would give it, in the same order.
 *
 * <p>Each {@link #run} creates its own actor system (its default dispatcher a fork-join pool of
 * exactly {@code threads} threads) and terminates it before returning.
 */
public final class ActorRuntime implements Runtime {

  /** One process per actor: the default placement. */
  public static final int ACTOR_PER_CHIP = 1;

  private final int threads;
  private final int processesPerActor;

  public ActorRuntime(int threads, int processesPerActor) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (processesPerActor < 1) {
      throw new IllegalArgumentException("processes per actor must be >= 1: " + processesPerActor);
    }
    this.threads = threads;
    this.processesPerActor = processesPerActor;
  }

  /** Actor-per-chip on {@code threads} threads. */
  public ActorRuntime(int threads) {
    this(threads, ACTOR_PER_CHIP);
  }

  public int threads() {
    return threads;
  }

  public int processesPerActor() {
    return processesPerActor;
  }

  @Override
  public String name() {
    return "actors";
  }

  @Override
  public String toString() {
    return "actors(threads=" + threads + ", processesPerActor=" + processesPerActor + ")";
  }

  /**
   * Runs to the end. The processes' state may be read once this returns: their last writes happen
   * before the coordinator completes the run's future (each actor reports after it handled its
   * events), and this thread joins that future.
   *
   * @throws RuntimeException the very exception a process threw (a lookahead violation is an
   *     {@link IllegalStateException} naming both processes), rethrown on the caller's thread
   */
  @Override
  public RunStatistics run(Simulation simulation) {
    // Bind SLF4J before the actor system's threads log concurrently: otherwise SLF4J replays
    // their early calls and prints a warning about it on stderr.
    LoggerFactory.getILoggerFactory();
    CompletableFuture<RunStatistics> result = new CompletableFuture<>();
    ActorSystem<Coordinator.Reported> system =
        ActorSystem.create(
            Coordinator.create(simulation, processesPerActor, result),
            "supernode-sim-engine",
            config());
    // Should the system die under us (a fatal error), fail the run rather than wait forever.
    system
        .getWhenTerminated()
        .whenComplete(
            (done, error) ->
                result.completeExceptionally(
                    new IllegalStateException("the actor system stopped before the run ended")));
    try {
      return result.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtimeException) {
        throw runtimeException;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a logical process failed: " + cause, cause);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  private Config config() {
    String settings =
        """
        pekko {
          loglevel = "WARNING"
          stdout-loglevel = "WARNING"
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          jvm-shutdown-hooks = off
          actor {
            provider = local
            default-dispatcher {
              executor = "fork-join-executor"
              fork-join-executor {
                parallelism-min = %d
                parallelism-factor = 1.0
                parallelism-max = %d
              }
              # Windows are short bursts of small messages: let a thread drain up to 100 of an
              # actor's messages before moving on, as the prototype measured best.
              throughput = 100
            }
          }
          coordinated-shutdown {
            exit-jvm = off
            run-by-jvm-shutdown-hook = off
          }
        }
        """
            .formatted(threads, threads);
    return ConfigFactory.parseString(settings).withFallback(ConfigFactory.load());
  }
}
