package org.supernodesim.node.actors;

import java.util.ArrayList;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.supernodesim.node.engine.Event;
import org.supernodesim.node.engine.ProcessBlock;
import org.supernodesim.node.engine.Simulation;

/**
 * One actor holding a block of consecutive processes. When a window is opened on it, it takes the
 * events the message carries, runs the window and reports to the run's {@link Windows}, handing
 * over the events it sent to other blocks, one batch per destination actor.
 */
final class BlockActor extends AbstractBehavior<BlockActor.Command> {

  sealed interface Command {}

  /** Once, at the start of the run: start the processes. */
  record Begin() implements Command {
    static final Begin INSTANCE = new Begin();
  }

  /**
   * From the actor that merged the last window: add {@code batches} (every event other blocks sent to this one since
   * its last window) to the queue, then handle every event before {@code endPicos}.
   */
  record OpenWindow(long endPicos, Event[][] batches) implements Command {}

  private final int index;
  private final int processesPerActor;
  private final Windows[] windows; // one element, set before the first message arrives
  private final ProcessBlock block;

  // What this window sent, per destination actor; the touched list keeps first-send order so
  // the batches go out in an order fixed by the run, though no result depends on it.
  private final ArrayList<Event>[] outgoing;
  private final long[] outgoingMinPicos;
  private final int[] touched;
  private int touchedCount;

  static Behavior<Command> create(
      Simulation simulation,
      int index,
      int processesPerActor,
      int actorCount,
      Windows[] windows) {
    return Behaviors.setup(
        context ->
            new BlockActor(context, simulation, index, processesPerActor, actorCount, windows));
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array of per-destination lists
  private BlockActor(
      ActorContext<Command> context,
      Simulation simulation,
      int index,
      int processesPerActor,
      int actorCount,
      Windows[] windows) {
    super(context);
    this.index = index;
    this.processesPerActor = processesPerActor;
    this.windows = windows;
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
        .build();
  }

  private Behavior<Command> onBegin(Begin begin) {
    long handled;
    try {
      block.start();
      handled = 0;
    } catch (Throwable failure) { // reported, rethrown by ActorRuntime.run on the caller's thread
      return fail(failure);
    }
    // Outside the try: reporting may merge the window, and a fault there is not this block's.
    return finishWindow(handled);
  }

  private Behavior<Command> onOpenWindow(OpenWindow window) {
    long handled;
    try {
      // Every event here was sent in an earlier window, so lies at or after the end of that
      // window (delays are at least L); the queue orders them whatever order they came in.
      for (Event[] batch : window.batches()) {
        for (Event event : batch) {
          block.deliver(event);
        }
      }
      handled = block.runUntil(window.endPicos());
    } catch (Throwable failure) {
      return fail(failure);
    }
    return finishWindow(handled);
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

  private Behavior<Command> finishWindow(long events) {
    int count = touchedCount;
    int[] destinations = new int[count];
    long[] destinationMinPicos = new long[count];
    Event[][] batches = new Event[count][];
    for (int i = 0; i < count; i++) {
      int destination = touched[i];
      ArrayList<Event> batch = outgoing[destination];
      destinations[i] = destination;
      destinationMinPicos[i] = outgoingMinPicos[destination];
      batches[i] = batch.toArray(new Event[0]);
      batch.clear();
    }
    touchedCount = 0;
    windows[0].report(
        index,
        block.nextEventPicos(),
        events,
        block.lastEventPicos(),
        destinations,
        destinationMinPicos,
        batches,
        null);
    return this;
  }

  private Behavior<Command> fail(Throwable failure) {
    // Drop this window's unsent batches: the run ends here.
    for (int i = 0; i < touchedCount; i++) {
      outgoing[touched[i]].clear();
    }
    touchedCount = 0;
    windows[0].report(
        index, Long.MAX_VALUE, 0, block.lastEventPicos(), new int[0], new long[0],
        new Event[0][], failure);
    return this;
  }
}
