package org.supernodesim.node.actors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.supernodesim.node.engine.Event;
import org.supernodesim.node.engine.ProcessBlock;
import org.supernodesim.node.engine.Simulation;

/**
 * One actor holding a block of consecutive processes. It runs a window when the coordinator opens
 * it and every batch ever sent to it has arrived, then sends one batch per destination actor and
 * reports to the coordinator.
 */
final class BlockActor extends AbstractBehavior<BlockActor.Command> {

  sealed interface Command {}

  /** From the coordinator, once: the peers to send batches to; start the processes. */
  record Begin(List<ActorRef<Command>> peers) implements Command {}

  /**
   * From the coordinator: handle every event before {@code endPicos}, once {@code batchesExpected}
   * batches (counted since the run began) have arrived.
   */
  record OpenWindow(long endPicos, long batchesExpected) implements Command {}

  /** From another block: the events it sent to this block's processes in one window. */
  record Batch(Event[] events) implements Command {}

  private final int index;
  private final int processesPerActor;
  private final ActorRef<Coordinator.Reported> coordinator;
  private final ProcessBlock block;
  private List<ActorRef<Command>> peers = List.of();

  // What this window sent, per destination actor; the touched list keeps first-send order so
  // the batches go out in an order fixed by the run, though no result depends on it.
  private final ArrayList<Event>[] outgoing;
  private final long[] outgoingMinPicos;
  private final int[] touched;
  private int touchedCount;

  private long batchesReceived;
  private OpenWindow waiting; // opened, but batches still missing

  static Behavior<Command> create(
      Simulation simulation,
      int index,
      int processesPerActor,
      int actorCount,
      ActorRef<Coordinator.Reported> coordinator) {
    return Behaviors.setup(
        context ->
            new BlockActor(
                context, simulation, index, processesPerActor, actorCount, coordinator));
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array of per-destination lists
  private BlockActor(
      ActorContext<Command> context,
      Simulation simulation,
      int index,
      int processesPerActor,
      int actorCount,
      ActorRef<Coordinator.Reported> coordinator) {
    super(context);
    this.index = index;
    this.processesPerActor = processesPerActor;
    this.coordinator = coordinator;
    int firstId = index * processesPerActor;
    int endId = Math.min(firstId + processesPerActor, simulation.processes().size());
    this.block = new ProcessBlock(simulation, firstId, endId, this::post);
    this.outgoing = new ArrayList[actorCount];
    this.outgoingMinPicos = new long[actorCount];
    this.touched = new int[actorCount];
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Begin.class, this::onBegin)
        .onMessage(OpenWindow.class, this::onOpenWindow)
        .onMessage(Batch.class, this::onBatch)
        .build();
  }

  private Behavior<Command> onBegin(Begin begin) {
    peers = begin.peers();
    try {
      block.start();
      finishWindow(0);
    } catch (Throwable failure) { // reported, rethrown by ActorRuntime.run on the caller's thread
      fail(failure);
    }
    return this;
  }

  private Behavior<Command> onOpenWindow(OpenWindow window) {
    waiting = window;
    runIfComplete();
    return this;
  }

  private Behavior<Command> onBatch(Batch batch) {
    // A batch may arrive before this actor's own Begin or OpenWindow; its events all lie at or
    // after the end of the window that sent it, so queueing them early changes nothing.
    for (Event event : batch.events()) {
      block.deliver(event);
    }
    batchesReceived++;
    runIfComplete();
    return this;
  }

  private void runIfComplete() {
    // Counting totals suffices because a local tell enqueues at once: every batch of window k-1
    // was enqueued here before its sender reported, so before the coordinator opened window k and
    // before any batch of window k, and the mailbox is FIFO. Locally that same causality already
    // puts those batches ahead of OpenWindow; the count is what keeps the protocol sound where
    // delivery is slower than the coordinator (remoting, where it should count per window).
    if (waiting == null || batchesReceived < waiting.batchesExpected()) {
      return;
    }
    long endPicos = waiting.endPicos();
    waiting = null;
    try {
      finishWindow(block.runUntil(endPicos));
    } catch (Throwable failure) {
      fail(failure);
    }
  }

  private void post(Event event) {
    int destination = event.targetId() / processesPerActor;
    ArrayList<Event> batch = outgoing[destination];
    if (batch == null) {
      batch = new ArrayList<>();
      outgoing[destination] = batch;
    }
    if (batch.isEmpty()) {
      touched[touchedCount++] = destination;
      outgoingMinPicos[destination] = event.timePicos();
    } else if (event.timePicos() < outgoingMinPicos[destination]) {
      outgoingMinPicos[destination] = event.timePicos();
    }
    batch.add(event);
  }

  private void finishWindow(long events) {
    int[] destinations = Arrays.copyOf(touched, touchedCount);
    long[] destinationMinPicos = new long[touchedCount];
    for (int i = 0; i < touchedCount; i++) {
      int destination = touched[i];
      ArrayList<Event> batch = outgoing[destination];
      destinationMinPicos[i] = outgoingMinPicos[destination];
      peers.get(destination).tell(new Batch(batch.toArray(new Event[0])));
      batch.clear();
    }
    touchedCount = 0;
    coordinator.tell(
        new Coordinator.Reported(
            index,
            block.nextEventPicos(),
            events,
            block.lastEventPicos(),
            destinations,
            destinationMinPicos,
            null));
  }

  private void fail(Throwable failure) {
    // Drop this window's unsent batches: the run ends here.
    for (int i = 0; i < touchedCount; i++) {
      outgoing[touched[i]].clear();
    }
    touchedCount = 0;
    coordinator.tell(
        new Coordinator.Reported(
            index, Long.MAX_VALUE, 0, block.lastEventPicos(), new int[0], new long[0], failure));
  }
}
