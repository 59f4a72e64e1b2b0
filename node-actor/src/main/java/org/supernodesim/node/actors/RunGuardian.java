package org.supernodesim.node.actors;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Simulation;

/**
 * The long-lived guardian of an {@link ActorRuntime}'s actor system: spawns one coordinator per
 * run, each under a name of its own ({@code run-1}, {@code run-2}, ...), so that no run's actors
 * can be confused with another's even while a finished run's actors are still being stopped.
 */
final class RunGuardian {
  private RunGuardian() {}

  sealed interface Command {}

  /** Run {@code simulation} and complete {@code result} once its actors have all stopped. */
  record StartRun(
      Simulation simulation,
      int processesPerActor,
      int threads,
      CompletableFuture<RunStatistics> result)
      implements Command {}

  /** The coordinator of a run stopped (normally after completing its result). */
  private record RunEnded(CompletableFuture<RunStatistics> result) implements Command {}

  static Behavior<Command> create() {
    return Behaviors.setup(
        context -> {
          long[] runs = {0}; // this guardian's own counter, touched only by its messages
          return Behaviors.receive(Command.class)
              .onMessage(
                  StartRun.class,
                  start -> {
                    ActorRef<Coordinator.Command> coordinator =
                        context.spawn(
                            Coordinator.create(
                                start.simulation(),
                                start.processesPerActor(),
                                start.threads(),
                                start.result()),
                            "run-" + ++runs[0]);
                    context.watchWith(coordinator, new RunEnded(start.result()));
                    return Behaviors.same();
                  })
              .onMessage(
                  RunEnded.class,
                  ended -> {
                    // A no-op after a normal end; otherwise the coordinator failed in a way its
                    // own clean-up could not report (it never started, say): never hang a caller.
                    ended
                        .result()
                        .completeExceptionally(
                            new IllegalStateException(
                                "the run's coordinator stopped before the run ended"));
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
