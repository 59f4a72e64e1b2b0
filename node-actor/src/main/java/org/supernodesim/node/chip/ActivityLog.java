package org.supernodesim.node.chip;

import java.util.Arrays;

/**
 * What one chip did, span by span: each operation's start and end on the stream that ran it. The
 * timeline draws it, the power model integrates it. Kept as parallel primitive arrays, appended
 * to once per operation (an operation spans many events), so recording costs the hot path two
 * array writes per operation and no allocation but the arrays' doubling.
 *
 * <p>Stream 0 is compute; every other stream is communication (a chip may have several, each
 * running one operation at a time, all at once). An open span is kept by its operation's id, so
 * any number of streams may be busy together.
 */
public final class ActivityLog implements BusyTime {
  private long[] openedAtPicos = new long[16]; // by operation id

  private int[] streams = new int[16];
  private int[] operations = new int[16];
  private long[] starts = new long[16];
  private long[] ends = new long[16];
  private int size;

  /** A log learns an operation's stream when it finishes. */
  @Override
  public void started(int stream, int operationId, long nowPicos) {
    started(operationId, nowPicos);
  }

  /** Operation {@code operationId} began on its stream at {@code nowPicos}. */
  public void started(int operationId, long nowPicos) {
    if (operationId >= openedAtPicos.length) {
      openedAtPicos = Arrays.copyOf(openedAtPicos, Math.max(operationId + 1, openedAtPicos.length * 2));
    }
    openedAtPicos[operationId] = nowPicos;
  }

  @Override
  public void finished(int stream, long nowPicos, int operationId) {
    if (size == starts.length) {
      int n = size * 2;
      streams = Arrays.copyOf(streams, n);
      operations = Arrays.copyOf(operations, n);
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
    }
    streams[size] = stream;
    operations[size] = operationId;
    starts[size] = openedAtPicos[operationId];
    ends[size] = nowPicos;
    size++;
  }

  /** The spans recorded, in the order they finished. */
  public int size() {
    return size;
  }

  public int stream(int span) {
    return streams[span];
  }

  public int operationId(int span) {
    return operations[span];
  }

  public long startPicos(int span) {
    return starts[span];
  }

  public long endPicos(int span) {
    return ends[span];
  }

  /** Time the compute stream ran. */
  @Override
  public long computeBusyPicos() {
    long busy = 0;
    for (int i = 0; i < size; i++) {
      if (streams[i] == COMPUTE) {
        busy += ends[i] - starts[i];
      }
    }
    return busy;
  }

  /** Time some communication stream ran, hidden behind compute or not. */
  @Override
  public long communicationBusyPicos() {
    long total = 0;
    for (long[] c : union(false)) {
      total += c[1] - c[0];
    }
    return total;
  }

  /**
   * Time some communication stream ran while the compute stream did not: the length of the union
   * of communication spans less its overlap with compute spans.
   */
  @Override
  public long communicationOnlyPicos() {
    long[][] communication = union(false);
    long[][] compute = union(true);
    long total = 0;
    for (long[] c : communication) {
      total += c[1] - c[0];
    }
    // Both lists are sorted and disjoint within themselves: one merge pass finds their overlap.
    long overlap = 0;
    int j = 0;
    for (long[] c : communication) {
      while (j < compute.length && compute[j][1] <= c[0]) {
        j++;
      }
      for (int k = j; k < compute.length && compute[k][0] < c[1]; k++) {
        overlap += Math.min(c[1], compute[k][1]) - Math.max(c[0], compute[k][0]);
      }
    }
    return total - overlap;
  }

  /** The spans of compute (or of all communication streams) merged into disjoint, sorted runs. */
  private long[][] union(boolean ofCompute) {
    int n = 0;
    long[][] spans = new long[size][];
    for (int i = 0; i < size; i++) {
      if ((streams[i] == COMPUTE) == ofCompute && ends[i] > starts[i]) {
        spans[n++] = new long[] {starts[i], ends[i]};
      }
    }
    spans = Arrays.copyOf(spans, n);
    Arrays.sort(spans, (a, b) -> Long.compare(a[0], b[0]));
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m > 0 && spans[i][0] <= spans[m - 1][1]) {
        spans[m - 1][1] = Math.max(spans[m - 1][1], spans[i][1]);
      } else {
        spans[m++] = spans[i];
      }
    }
    return Arrays.copyOf(spans, m);
  }
}
