package org.supernodesim.node.actors;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.supernodesim.node.engine.Event;
import org.supernodesim.node.engine.RunStatistics;

/**
 * One run's conservative windows, decided without a message per report: each block actor writes
 * its report into a slot of its own and counts itself in; the last actor of a window to report
 * merges the reports and opens the next window (or ends the run) on its own thread.
 *
 * <p>Why not a report message to a coordinator actor: actor-per-chip, a window is one event per
 * actor, and a report message costs more than the event (a mailbox enqueue, a schedule, a
 * dispatch). A slot write and one atomic decrement cost a fraction of that, and the coordinator
 * actor's serial mailbox stops being the bottleneck.
 *
 * <p>The merger builds every opened actor's message, then tells them in one group per dispatcher
 * thread: it tells each group's first actor an {@link BlockActor.OpenGroup}, and that actor tells
 * its group (itself included), so the tells run on every thread at once. Or, when a window runs
 * narrow ({@link WindowSplit}), in one group on the merging thread.
 *
 * <p>Memory: an actor's slot writes happen before its {@code decrementAndGet}; the decrement that
 * reaches 0 reads every earlier one of the window (they form one release sequence), so the merging
 * actor sees every slot. The merging state is then handed from one window's merger to the next's
 * along the same chain: merger writes, {@code awaited.set}, OpenGroup and OpenWindow tells, each
 * opened actor's handling and decrement, the next merger's decrement. So at most one thread
 * touches it at a time and always sees the latest writes. Local actors only, which the runtime
 * is.
 *
 * <p>Deterministic: the merge visits the reports in actor index order, whatever order they came
 * in, and min, sum and max do not depend on it anyway; events reach their destination's queue,
 * which orders them by {@link Event#ORDER}.
 */
final class Windows {

  private static final Event[][] NOTHING_HANDED = new Event[0][]; // shared, never written

  private final long lookaheadPicos;
  private final List<ActorRef<BlockActor.Command>> actors;
  private final ActorRef<Coordinator.Command> coordinator;
  private final int threads;
  private final WindowSplit split;
  private final AtomicInteger awaited = new AtomicInteger();

  // Slots: slot i is written only by actor i, between its OpenWindow (or Begin) and its count-in.
  private final long[] reportedNextPicos;
  private final long[] reportedEvents;
  private final long[] reportedLastPicos;
  private final OutgoingBatches.Sent[] reportedSent;
  private final Throwable[] reportedFailure;

  // Merging state: touched only by the merging actor of each window (see the class comment).
  private final boolean[] opened; // per actor: told to run the current window
  private final long[] nextEventPicos; // per actor, events sent to it included
  private final long[] sentMinPicos; // per actor, earliest time sent to it in the current window
  // Per actor, the batches sent to it and not yet handed over: they travel with its next
  // OpenWindow, so an actor needs one message per window and never waits for another. A reused
  // buffer and its fill per actor, copied out exactly; stale entries are overwritten, not cleared.
  private final Event[][][] pending;
  private final int[] pendingCount;
  private long events;
  private long endPicos;
  private long windows;

  Windows(
      long lookaheadPicos,
      List<ActorRef<BlockActor.Command>> actors,
      ActorRef<Coordinator.Command> coordinator,
      int threads) {
    this.lookaheadPicos = lookaheadPicos;
    this.actors = actors;
    this.coordinator = coordinator;
    this.threads = threads;
    this.split = new WindowSplit(threads);
    int n = actors.size();
    this.reportedNextPicos = new long[n];
    this.reportedEvents = new long[n];
    this.reportedLastPicos = new long[n];
    this.reportedSent = new OutgoingBatches.Sent[n];
    this.reportedFailure = new Throwable[n];
    this.opened = new boolean[n];
    this.nextEventPicos = new long[n];
    this.sentMinPicos = new long[n];
    this.pending = new Event[n][4][];
    this.pendingCount = new int[n];
    Arrays.fill(sentMinPicos, Long.MAX_VALUE);
  }

  /** Start-up is a window of its own: every actor starts its processes and reports. */
  void begin() {
    Arrays.fill(opened, true);
    awaited.set(actors.size());
    for (ActorRef<BlockActor.Command> actor : actors) {
      actor.tell(BlockActor.Begin.INSTANCE);
    }
  }

  /**
   * Actor {@code index}'s report of the window it was opened on: its next event time, what it
   * handled, and per destination actor the batch of events it sent there with their earliest
   * time; or the failure that ended it. The last report of a window opens the next one.
   */
  void report(
      int index,
      long nextPicos,
      long handled,
      long lastPicos,
      OutgoingBatches.Sent sent,
      Throwable failure) {
    reportedNextPicos[index] = nextPicos;
    reportedEvents[index] = handled;
    reportedLastPicos[index] = lastPicos;
    reportedSent[index] = sent;
    reportedFailure[index] = failure;
    if (awaited.decrementAndGet() == 0) {
      try {
        mergeAndOpen();
      } catch (Throwable bug) { // never hang the caller on a fault of the engine itself
        coordinator.tell(new Coordinator.Ended(null, bug));
      }
    }
  }

  private void mergeAndOpen() {
    Throwable failure = null;
    long eventsBefore = events;
    for (int i = 0; i < opened.length; i++) {
      if (!opened[i]) {
        continue;
      }
      opened[i] = false;
      events += reportedEvents[i];
      endPicos = Math.max(endPicos, reportedLastPicos[i]);
      // Several actors may fail in one window; the lowest index wins, whatever reported first.
      if (failure == null && reportedFailure[i] != null) {
        failure = reportedFailure[i];
      }
      nextEventPicos[i] = reportedNextPicos[i];
      OutgoingBatches.Sent sent = reportedSent[i];
      int[] destinations = sent.destinations();
      long[] minPicos = sent.minPicos();
      Event[][] batches = sent.batches();
      for (int k = 0; k < destinations.length; k++) {
        int destination = destinations[k];
        sentMinPicos[destination] = Math.min(sentMinPicos[destination], minPicos[k]);
        int count = pendingCount[destination];
        if (count == pending[destination].length) {
          pending[destination] = Arrays.copyOf(pending[destination], count * 2);
        }
        pending[destination][count] = batches[k];
        pendingCount[destination] = count + 1;
      }
      reportedSent[i] = null;
      reportedFailure[i] = null;
    }
    if (failure != null) {
      coordinator.tell(new Coordinator.Ended(null, failure));
      return;
    }
    long startPicos = Long.MAX_VALUE;
    for (int i = 0; i < nextEventPicos.length; i++) {
      nextEventPicos[i] = Math.min(nextEventPicos[i], sentMinPicos[i]);
      sentMinPicos[i] = Long.MAX_VALUE;
      startPicos = Math.min(startPicos, nextEventPicos[i]);
    }
    if (startPicos == Long.MAX_VALUE) {
      coordinator.tell(new Coordinator.Ended(new RunStatistics(endPicos, events, windows), null));
      return;
    }
    // Jump straight to T: empty stretches of time cost nothing. Saturate rather than overflow.
    long windowEndPicos =
        startPicos > Long.MAX_VALUE - lookaheadPicos ? Long.MAX_VALUE : startPicos + lookaheadPicos;
    windows++;
    boolean wide = split.openWide(events - eventsBefore, System.nanoTime());
    int count = 0;
    for (int i = 0; i < nextEventPicos.length; i++) {
      if (nextEventPicos[i] < windowEndPicos) {
        opened[i] = true;
        count++;
      }
    }
    int[] targets = new int[count];
    BlockActor.OpenWindow[] messages = new BlockActor.OpenWindow[count];
    for (int i = 0, k = 0; k < count; i++) {
      if (opened[i]) {
        Event[][] handed =
            pendingCount[i] == 0 ? NOTHING_HANDED : Arrays.copyOf(pending[i], pendingCount[i]);
        pendingCount[i] = 0;
        targets[k] = i;
        messages[k++] = new BlockActor.OpenWindow(windowEndPicos, handed);
      }
    }
    // Set before the first tell: an opened actor may report before the last tell is made. From
    // here on this thread touches none of the merging state: the window may complete, and the
    // next merger take it over, at any moment.
    awaited.set(count);
    // Wide: one opening group per dispatcher thread, each a contiguous run of the opened actors,
    // told by its first actor: the tells of a window are made on every thread at once instead of
    // all on this one. Measured on the ring of 384, actor-per-chip, 2 threads: with one merger
    // telling all 384, the other thread, stealing them one at a time, ran dry and parked and was
    // woken again within a window (twice the context switches) and the run took about 1.5 times
    // the CPU. Group g opens on dispatcher thread g, every window, and its actors run there alone
    // (SpinningExecutor.onWorker). Narrow: one group, on this thread. Order cannot reach a result
    // (see the class comment).
    int groups = wide ? Math.min(threads, count) : 1;
    int here = SpinningExecutor.currentWorker();
    for (int g = groups - 1; g >= 0; g--) {
      int from = (int) ((long) count * g / groups);
      int to = (int) ((long) count * (g + 1) / groups);
      int worker = wide ? g : here;
      BlockActor.Command opening = to - from == 1
          ? messages[from]
          : new BlockActor.OpenGroup(targets, messages, from, to, worker);
      ActorRef<BlockActor.Command> first = actors.get(targets[from]);
      SpinningExecutor.onWorker(worker, () -> first.tell(opening));
    }
  }

  /** Tells each actor of {@code group} its window, on the group's worker: run by its first actor. */
  void open(BlockActor.OpenGroup group) {
    SpinningExecutor.onWorker(group.worker(), () -> {
      for (int k = group.from(); k < group.to(); k++) {
        actors.get(group.targets()[k]).tell(group.messages()[k]);
      }
    });
  }
}
