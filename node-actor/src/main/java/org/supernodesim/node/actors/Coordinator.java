package org.supernodesim.node.actors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Simulation;

/**
 * One run's coordinator: spawns the block actors as its children and starts the run's {@link
 * Windows}; when told the run ended (no event left anywhere, or a process failed), it stops itself
 * and its children and only then completes the run's future, so that no actor of a run outlives
 * it. The windows themselves are opened by the block actors (the last to report in each), not by
 * messages through this actor.
 */
final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  sealed interface Command {}

  /** The run ended: with {@code statistics}, or with {@code failure} if it is not null. */
  record Ended(RunStatistics statistics, Throwable failure) implements Command {}

  private final CompletableFuture<RunStatistics> result;
  private Ended ended;

  static Behavior<Command> create(
      Simulation simulation,
      int processesPerActor,
      int threads,
      CompletableFuture<RunStatistics> result) {
    return Behaviors.setup(
        context -> new Coordinator(context, simulation, processesPerActor, threads, result));
  }

  private Coordinator(
      ActorContext<Command> context,
      Simulation simulation,
      int processesPerActor,
      int threads,
      CompletableFuture<RunStatistics> result) {
    super(context);
    this.result = result;
    int processes = simulation.processes().size();
    int actorCount = (processes + processesPerActor - 1) / processesPerActor;
    List<ActorRef<BlockActor.Command>> spawned = new ArrayList<>(actorCount);
    // The actors need the windows and the windows the actors: the holder closes the loop before
    // any actor can receive a message (Begin comes from begin(), below).
    Windows[] windows = new Windows[1];
    for (int i = 0; i < actorCount; i++) {
      spawned.add(
          context.spawn(
              BlockActor.create(simulation, i, processesPerActor, windows),
              "block-" + i));
    }
    windows[0] = new Windows(
            simulation.lookaheadPicos(), List.copyOf(spawned), context.getSelf(), threads);
    windows[0].begin();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Ended.class, this::onEnded)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onEnded(Ended message) {
    ended = message;
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop() {
    // The children (the block actors) have all stopped by now: the caller may start the next run
    // knowing this one left nothing behind.
    if (ended == null) {
      result.completeExceptionally(
          new IllegalStateException("the run's coordinator stopped before the run ended"));
    } else if (ended.failure() != null) {
      result.completeExceptionally(ended.failure());
    } else {
      result.complete(ended.statistics());
    }
    return this;
  }
}
