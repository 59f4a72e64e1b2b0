package org.supernodesim.node.actors;

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

  /**
   * From the actor that merged the last window, to the first actor of a group: tell actors {@code
   * targets[from, to)} (this one among them) their {@code messages[from, to)}, for dispatcher
   * thread {@code worker} to run. Arrays shared by every group of the window, never written once
   * sent.
   */
  record OpenGroup(int[] targets, OpenWindow[] messages, int from, int to, int worker)
      implements Command {}

  private final int index;
  private final int processesPerActor;
  private final Windows[] windows; // one element, set before the first message arrives
  private final ProcessBlock block;
  // What this window sent, per destination actor, in first-send order: an order fixed by the
  // run, though no result depends on it.
  private final OutgoingBatches outgoing = new OutgoingBatches();

  static Behavior<Command> create(
      Simulation simulation,
      int index,
      int processesPerActor,
      Windows[] windows) {
    return Behaviors.setup(
        context -> new BlockActor(context, simulation, index, processesPerActor, windows));
  }

  private BlockActor(
      ActorContext<Command> context,
      Simulation simulation,
      int index,
      int processesPerActor,
      Windows[] windows) {
    super(context);
    this.index = index;
    this.processesPerActor = processesPerActor;
    this.windows = windows;
    int firstId = index * processesPerActor;
    int endId = Math.min(firstId + processesPerActor, simulation.processes().size());
    this.block = new ProcessBlock(simulation, firstId, endId, this::post);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Begin.class, this::onBegin)
        .onMessage(OpenWindow.class, this::onOpenWindow)
        .onMessage(OpenGroup.class, this::onOpenGroup)
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

  private Behavior<Command> onOpenGroup(OpenGroup group) {
    windows[0].open(group);
    return this;
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
    outgoing.add(event.targetId() / processesPerActor, event);
  }

  private Behavior<Command> finishWindow(long events) {
    OutgoingBatches.Sent sent;
    try {
      sent = outgoing.sent();
    } catch (Throwable failure) { // out of memory, say: an actor that never reports hangs the run
      return fail(failure);
    }
    outgoing.clear();
    windows[0].report(
        index, block.nextEventPicos(), events, block.lastEventPicos(), sent, null);
    return this;
  }

  private Behavior<Command> fail(Throwable failure) {
    // Drop this window's unsent batches: the run ends here.
    outgoing.clear();
    windows[0].report(
        index, Long.MAX_VALUE, 0, block.lastEventPicos(), OutgoingBatches.Sent.NOTHING, failure);
    return this;
  }
}
