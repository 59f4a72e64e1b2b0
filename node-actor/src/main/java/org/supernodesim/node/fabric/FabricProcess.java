package org.supernodesim.node.fabric;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.supernodesim.interconnect.network.FlowNetwork;
import org.supernodesim.interconnect.network.LongMap;
import org.supernodesim.interconnect.network.Sharing;
import org.supernodesim.interconnect.network.Transfer;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;

/**
 * The fabric as one logical process: it owns the flow-level network. A chip asks it for a
 * transfer with a message of delay L (the lookahead) plus any setup time, so the flow starts L
 * after the chip's send; links are shared by max-min fairness, updated at every start and drain;
 * when a transfer's last byte is due at its destination the fabric tells that chip with a message
 * of delay L. The network reports each completion 2L early to make room for both messages, so a
 * lone transfer arrives at exactly send + setup + bytes / bandwidth + route latency, as on the
 * analytical model; L is half the shortest route's latency.
 *
 * <p>A connection (source, destination, and how the switch treats the bytes: plain, reduced or
 * multicast) carries its transfers in order, as a NCCL or HCCL channel does: a transfer waits
 * until the one before it on its connection has left, so a pipeline's chunks follow each other
 * instead of sharing the port and all arriving at the end, while an in-switch reduction's two
 * phases flow side by side.
 * Transfer ids, which ECMP hashes, are numbered in the order requests reach the fabric, which
 * the engine fixes by (time, sender, sequence): the same on every runtime.
 */
public final class FabricProcess implements LogicalProcess<FabricProcess.Event> {

  /** What the fabric reacts to. */
  public sealed interface Event {}

  /**
   * A chip's request: move {@code bytes} from {@code source} to {@code destination}, loading the
   * links as {@code sharing} says, and hand {@code arrival} to the destination when the last
   * byte is in.
   */
  public record StartTransfer(
      int source, int destination, long bytes, Sharing sharing, Object arrival)
      implements Event {}

  /** Its own timer: a flow may have drained or a transfer completed. */
  private record Wake() implements Event {}

  /** What a transfer in flight carries as its payload: what to do when it drains and lands. */
  private record Pending(Object arrival, long connection) {}

  private final FlowNetwork network;
  private final long lookaheadPicos;
  private final IntUnaryOperator processOfChip; // who hears of a transfer to a chip
  // Looked up by key only, never iterated.
  // A busy connection's queue; NONE_WAITING, shared and never added to, until a second transfer
  // waits on it: an all-to-all's connections each carry one transfer, and a queue apiece was a
  // tenth of the live heap that its collections copied.
  private final LongMap<ArrayDeque<StartTransfer>> waiting = new LongMap<>();
  private static final ArrayDeque<StartTransfer> NONE_WAITING = new ArrayDeque<>(0);
  private long nextId;
  private long wakeAtPicos = Long.MAX_VALUE;

  /** A fabric over {@code network}, whose latency credit must be {@code 2 * lookaheadPicos}. */
  public FabricProcess(FlowNetwork network, long lookaheadPicos) {
    this(network, lookaheadPicos, IntUnaryOperator.identity());
  }

  /**
   * A fabric that hands each arrival to the process {@code processOfChip} names for the
   * destination chip (serving: the instance holding it), not to the chip's own.
   */
  public FabricProcess(
      FlowNetwork network, long lookaheadPicos, IntUnaryOperator processOfChip) {
    this.network = network;
    this.lookaheadPicos = lookaheadPicos;
    this.processOfChip = processOfChip;
  }

  /** The flow network, for its link and tier statistics once the run is over. */
  public FlowNetwork network() {
    return network;
  }

  @Override
  public void start(Context ctx) {}

  @Override
  public void handle(Event event, Context ctx) {
    if (event instanceof StartTransfer e) {
      onStartTransfer(e, ctx);
    } else if (event instanceof Wake) {
      onWake(ctx);
    } else {
      throw new IllegalStateException("fabric: no handler for " + event);
    }
  }

  private void onStartTransfer(StartTransfer e, Context ctx) {
    long key = connection(e.source(), e.destination(), e.sharing());
    ArrayDeque<StartTransfer> queue = waiting.get(key);
    if (queue == null) {
      waiting.put(key, NONE_WAITING);
      begin(e, ctx.nowPicos());
    } else {
      if (queue == NONE_WAITING) {
        queue = new ArrayDeque<>();
        waiting.put(key, queue);
      }
      queue.add(e); // its connection is busy: it leaves when the one before it has
    }
    // Solve once per instant, after every request of the instant: chips' messages come before
    // the fabric's own at equal times, since chips have the lower process ids.
    if (wakeAtPicos != ctx.nowPicos()) {
      wakeAtPicos = ctx.nowPicos();
      ctx.schedule(0, new Wake());
    }
  }

  private void onWake(Context ctx) {
    if (wakeAtPicos == ctx.nowPicos()) {
      wakeAtPicos = Long.MAX_VALUE;
    }
    deliverAndWake(ctx);
  }

  private void begin(StartTransfer e, long nowPicos) {
    // The pending arrival rides on the transfer: a map from id to it cost two probes a transfer
    // into a table as large as the transfers in flight, and its part of the copied live heap.
    Pending p = new Pending(e.arrival(), connection(e.source(), e.destination(), e.sharing()));
    network.start(new Transfer(nextId++, e.source(), e.destination(), e.bytes(), p), nowPicos,
        e.sharing());
  }

  private void deliverAndWake(Context ctx) {
    long now = ctx.nowPicos();
    List<Transfer> done = network.advanceTo(now);
    for (List<Transfer> drained = network.takeDrained();
        !drained.isEmpty();
        drained = network.takeDrained()) {
      for (Transfer t : drained) {
        long key = ((Pending) t.payload()).connection();
        ArrayDeque<StartTransfer> queue = waiting.get(key);
        if (queue.isEmpty()) {
          waiting.remove(key);
        } else {
          begin(queue.poll(), now);
        }
      }
    }
    for (Transfer t : done) {
      ctx.send(processOfChip.applyAsInt(t.destination()), lookaheadPicos,
          ((Pending) t.payload()).arrival());
    }
    long next = network.nextCompletionPicos();
    if (next != Long.MAX_VALUE && next < wakeAtPicos) {
      wakeAtPicos = next;
      ctx.schedule(next - now, new Wake());
    }
  }

  /**
   * A connection's key: its fields packed, then mixed by a bijection, because a packed long's
   * hash code folds source onto destination and a hash map's bins then turn into trees.
   */
  private static long connection(int source, int destination, Sharing sharing) {
    long kind = sharing.skipsSourcePort() ? 2 : sharing.destinationPortShare() < 1 ? 1 : 0;
    return Router.mix((kind << 60) | ((long) source << 30) | destination);
  }
}
