package org.supernodesim.node.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.supernodesim.node.engine.Event;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Simulation;

/**
 * One run's coordinator: spawns the block actors as its children, opens conservative windows and,
 * when no event is left anywhere (or a process failed), stops itself and its children and only
 * then completes the run's future, so that no actor of a run outlives it.
 *
 * <p>It keeps, per actor, the time of its next event <em>including events sent to it</em>: an
 * actor's report gives its own queue's head, and the reports of the same window give the earliest
 * time sent to it. Once every report of a window is in, T = min over actors opens [T, T+L), and
 * only actors with an event before T+L are told, each in one message carrying every event sent
 * to it since its last window. Relaying the events costs the coordinator a list append per batch
 * but spares every actor a message per window and the wait for it: actor-per-chip, the messages
 * per window drop from three per actor (open, batch, report) to two.
 */
final class Coordinator extends AbstractBehavior<Coordinator.Reported> {

  /**
   * From a block actor after start-up or a window: its next event time, what it handled, and per
   * destination actor the events it sent there (one batch each) with the earliest of their times;
   * or the failure that ended it.
   */
  record Reported(
      int actorIndex,
      long nextEventPicos,
      long events,
      long lastEventPicos,
      int[] destinations,
      long[] destinationMinPicos,
      Event[][] batches,
      Throwable failure) {}

  private static final Event[][] NO_BATCHES = {};

  private final long lookaheadPicos;
  private final CompletableFuture<RunStatistics> result;
  private final List<ActorRef<BlockActor.Command>> actors;
  private final long[] nextEventPicos; // per actor, in-flight messages included once reported
  private final long[] sentMinPicos; // per actor, earliest time sent to it in the current window
  // Per actor, the batches sent to it and not yet handed over: they travel with its next
  // OpenWindow, so an actor needs one message per window, and none is waited for.
  private final ArrayList<Event[]>[] pending;
  private int reportsAwaited;
  private long events;
  private long endPicos;
  private long windows;
  private Throwable failure;
  private int failedActor = Integer.MAX_VALUE;
  private RunStatistics outcome; // set once the run ended without a failure

  static Behavior<Reported> create(
      Simulation simulation, int processesPerActor, CompletableFuture<RunStatistics> result) {
    return Behaviors.setup(
        context -> new Coordinator(context, simulation, processesPerActor, result));
  }

  private Coordinator(
      ActorContext<Reported> context,
      Simulation simulation,
      int processesPerActor,
      CompletableFuture<RunStatistics> result) {
    super(context);
    this.lookaheadPicos = simulation.lookaheadPicos();
    this.result = result;
    int processes = simulation.processes().size();
    int actorCount = (processes + processesPerActor - 1) / processesPerActor;
    List<ActorRef<BlockActor.Command>> spawned = new ArrayList<>(actorCount);
    for (int i = 0; i < actorCount; i++) {
      spawned.add(
          context.spawn(
              BlockActor.create(simulation, i, processesPerActor, actorCount, context.getSelf()),
              "block-" + i));
    }
    this.actors = List.copyOf(spawned);
    this.nextEventPicos = new long[actorCount];
    this.sentMinPicos = new long[actorCount];
    this.pending = newPending(actorCount);
    Arrays.fill(sentMinPicos, Long.MAX_VALUE);
    // Start-up is a window of its own: every actor starts its processes and reports.
    for (ActorRef<BlockActor.Command> actor : actors) {
      actor.tell(BlockActor.Begin.INSTANCE);
    }
    reportsAwaited = actorCount;
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array of per-actor lists
  private static ArrayList<Event[]>[] newPending(int actorCount) {
    ArrayList<Event[]>[] lists = new ArrayList[actorCount];
    for (int i = 0; i < actorCount; i++) {
      lists[i] = new ArrayList<>(4);
    }
    return lists;
  }

  @Override
  public Receive<Reported> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reported.class, this::onReported)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Reported> onPostStop() {
    // The children (the block actors) have all stopped by now: the caller may start the next run
    // knowing this one left nothing behind.
    if (failure != null) {
      result.completeExceptionally(failure);
    } else if (outcome != null) {
      result.complete(outcome);
    } else {
      result.completeExceptionally(
          new IllegalStateException("the run's coordinator stopped before the run ended"));
    }
    return this;
  }

  private Behavior<Reported> onReported(Reported report) {
    reportsAwaited--;
    events += report.events();
    endPicos = Math.max(endPicos, report.lastEventPicos());
    // Several actors may fail in one window; keep the lowest index so the choice does not
    // depend on which report arrived first.
    if (report.failure() != null && report.actorIndex() < failedActor) {
      failure = report.failure();
      failedActor = report.actorIndex();
    }
    nextEventPicos[report.actorIndex()] = report.nextEventPicos();
    int[] destinations = report.destinations();
    long[] minPicos = report.destinationMinPicos();
    Event[][] batches = report.batches();
    for (int i = 0; i < destinations.length; i++) {
      int destination = destinations[i];
      sentMinPicos[destination] = Math.min(sentMinPicos[destination], minPicos[i]);
      pending[destination].add(batches[i]);
    }
    if (reportsAwaited == 0 && (failure != null || !openNextWindow())) {
      return Behaviors.stopped();
    }
    return this;
  }

  /** Opens the next window, or returns false when no event is left anywhere. */
  private boolean openNextWindow() {
    long startPicos = Long.MAX_VALUE;
    for (int i = 0; i < nextEventPicos.length; i++) {
      nextEventPicos[i] = Math.min(nextEventPicos[i], sentMinPicos[i]);
      sentMinPicos[i] = Long.MAX_VALUE;
      startPicos = Math.min(startPicos, nextEventPicos[i]);
    }
    if (startPicos == Long.MAX_VALUE) {
      outcome = new RunStatistics(endPicos, events, windows);
      return false;
    }
    // Jump straight to T: empty stretches of time cost nothing. Saturate rather than overflow.
    long windowEndPicos =
        startPicos > Long.MAX_VALUE - lookaheadPicos
            ? Long.MAX_VALUE
            : startPicos + lookaheadPicos;
    windows++;
    for (int i = 0; i < nextEventPicos.length; i++) {
      if (nextEventPicos[i] < windowEndPicos) {
        ArrayList<Event[]> batches = pending[i];
        actors.get(i).tell(new BlockActor.OpenWindow(windowEndPicos, batches.toArray(NO_BATCHES)));
        batches.clear();
        reportsAwaited++;
      }
    }
    return true;
  }
}
