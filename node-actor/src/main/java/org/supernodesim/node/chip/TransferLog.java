package org.supernodesim.node.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.results.NetworkResult;

/**
 * A {@link Transport} that notes each transfer (source, destination, bytes, sent and arrival
 * times) before passing it on, for the timeline's flows. Only a run that writes a timeline uses
 * it. It keeps at most {@code perChip} collective steps of each source chip (the first ones), so a
 * 384-chip collective of 294,144 transfers stays a trace a viewer can open; point-to-point sends
 * (a pipeline's, a few per micro-batch) are all kept, so a chip-fidelity step's collective steps
 * never crowd its pipeline's flows out of the drawing. Each source chip
 * writes only its own list, so runtimes on several threads do not race.
 */
public final class TransferLog implements Transport {
  /**
   * One transfer as noted, with the event its arrival brings the destination ({@link
   * ChipProcess.ChunkArrived} for a collective's step, {@link ChipProcess.MessageArrived} for a
   * point-to-point send), which says what it was for.
   */
  public record Entry(
      int source, int destination, long bytes, long sentAtPicos, long arrivedAtPicos,
      ChipProcess.Event arrival) {}

  private final Transport inner;
  private final int perChip;
  private final List<List<Entry>> bySource;

  public TransferLog(Transport inner, int chips, int perChip) {
    this.inner = inner;
    this.perChip = perChip;
    this.bySource = new ArrayList<>(chips);
    for (int i = 0; i < chips; i++) {
      bySource.add(new ArrayList<>());
    }
  }

  @Override
  public void send(
      Context context, int source, int destination, Step.Transfer transfer,
      ChipProcess.Event arrival) {
    List<Entry> mine = bySource.get(source);
    if (mine.size() >= perChip && !(arrival instanceof ChipProcess.MessageArrived)) {
      inner.send(context, source, destination, transfer, arrival);
      return;
    }
    inner.send(
        SendHook.around(context, (outer, targetId, delayPicos, payload) -> {
          mine.add(new Entry(source, destination, transfer.bytes(), outer.nowPicos(),
              outer.nowPicos() + delayPicos, arrival));
          outer.send(targetId, delayPicos, payload);
        }),
        source, destination, transfer, arrival);
  }

  @Override
  public Collectives collectives() {
    return inner.collectives();
  }

  @Override
  public long lookaheadPicos() {
    return inner.lookaheadPicos();
  }

  @Override
  public List<LogicalProcess<?>> processes() {
    return inner.processes();
  }

  @Override
  public Map<String, Long> bytesPerTier() {
    return inner.bytesPerTier();
  }

  @Override
  public List<NetworkResult.LinkLoad> busiestLinks(int limit) {
    return inner.busiestLinks(limit);
  }

  /** The transfers noted, source by source, each source's in the order it sent them. */
  public List<Entry> entries() {
    List<Entry> all = new ArrayList<>();
    bySource.forEach(all::addAll);
    return all;
  }
}
