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
 * <p>The first {@link #run} creates an actor system (its default dispatcher exactly {@code
 * threads} threads of a {@link SpinningExecutor}) that later runs reuse until {@link #close}, so a
 * run costs the engine's work, not an actor system's start and stop. Each run gets a coordinator of its own,
 * spawned under the system's long-lived guardian; it stops the run's actors before the run
 * returns. One run at a time: {@code run} and {@code close} are synchronized.
 */
public final class ActorRuntime implements Runtime {

  /** One process per actor: the default placement. */
  public static final int ACTOR_PER_CHIP = 1;

  private final int threads;
  private final int processesPerActor;
  private ActorSystem<RunGuardian.Command> system; // created by the first run; guarded by this
  private boolean closed; // guarded by this
  // The run in progress, failed by the system's termination hook should the system die under it.
  private volatile CompletableFuture<RunStatistics> inFlight;

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
   * before the coordinator completes the run's future (each actor counts itself in after it
   * handled its events, the last count-in tells the coordinator), and this thread joins that
   * future. The run's actors have all stopped by then.
   *
   * @throws RuntimeException the very exception a process threw (a lookahead violation is an
   *     {@link IllegalStateException} naming both processes), rethrown on the caller's thread;
   *     the runtime stays usable for the next run
   * @throws IllegalStateException if the runtime is closed
   */
  @Override
  public synchronized RunStatistics run(Simulation simulation) {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    CompletableFuture<RunStatistics> result = new CompletableFuture<>();
    inFlight = result;
    try {
      ActorSystem<RunGuardian.Command> actors = system();
      // The system may have died between the check in system() and now: the hook only fails
      // what it finds in flight, so look again once this run is registered.
      if (actors.getWhenTerminated().toCompletableFuture().isDone()) {
        throw new IllegalStateException("the actor system stopped before the run started");
      }
      actors.tell(new RunGuardian.StartRun(simulation, processesPerActor, threads, result));
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
      inFlight = null;
    }
  }

  /** Terminates the actor system, if a run created one, and waits for it. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      system = null;
    }
  }

  /** The actor system, created on first use, or afresh should a fatal error have stopped it. */
  private ActorSystem<RunGuardian.Command> system() {
    if (system == null || system.getWhenTerminated().toCompletableFuture().isDone()) {
      // Bind SLF4J before the actor system's threads log concurrently: otherwise SLF4J replays
      // their early calls and prints a warning about it on stderr.
      LoggerFactory.getILoggerFactory();
      ActorSystem<RunGuardian.Command> created =
          ActorSystem.create(RunGuardian.create(), "supernode-sim-engine", config());
      // Should the system die under a run (a fatal error), fail the run rather than wait forever.
      created
          .getWhenTerminated()
          .whenComplete(
              (done, error) -> {
                CompletableFuture<RunStatistics> running = inFlight;
                if (running != null) {
                  running.completeExceptionally(
                      new IllegalStateException("the actor system stopped before the run ended"));
                }
              });
      system = created;
    }
    return system;
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
              # Threads that spin a while before they park: see SpinningExecutor.
              executor = "org.supernodesim.node.actors.SpinningExecutor$Configurator"
              spinning-executor.threads = %d
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
            .formatted(threads);
    return ConfigFactory.parseString(settings).withFallback(ConfigFactory.load());
  }
}
