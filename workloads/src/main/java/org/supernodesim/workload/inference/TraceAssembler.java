package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns a trace's rows, in file order, into a {@link RequestTrace}, the same way for every format:
 * arrivals from the first row's (time 0) that never decrease, ids by position, and a bad row
 * either refused with its line or, when asked, skipped and counted. It also counts what a format
 * leaves out on purpose (BurstGPT's failed requests, Mooncake keys it does not use), so that the
 * trace's description says so.
 */
final class TraceAssembler {
  /** 2^63 ps is 106 days; a trace longer than this cannot be timed in a long. */
  private static final long MAX_SPAN_SECONDS = 9_000_000;

  /** One readable row: its arrival in the format's clock, its lengths and prefix hashes. */
  record Row(TraceValues.Arrival arrival, int promptTokens, int outputTokens, int[] prefixBlocks) {
    Row(TraceValues.Arrival arrival, int promptTokens, int outputTokens) {
      this(arrival, promptTokens, outputTokens, null);
    }
  }

  private final boolean skipBadRows;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Integer> leftOut = new TreeMap<>(); // by note: a defined order
  private TraceValues.Arrival origin;
  private long lastArrivalPicos = Long.MIN_VALUE;
  private int skipped;
  private int lastLine;

  TraceAssembler(boolean skipBadRows) {
    this.skipBadRows = skipBadRows;
  }

  /**
   * Adds the row that {@code parse} reads on {@code line}. A {@link TraceException} from it, or
   * an arrival before the previous row's, refuses the trace or skips the row.
   */
  void row(int line, Supplier<Row> parse) {
    lastLine = line;
    try {
      Row row;
      try {
        row = parse.get();
      } catch (TraceException e) {
        throw e.at(line);
      }
      if (row == null) {
        return; // left out on purpose and counted by the format
      }
      origin = origin == null ? row.arrival() : origin;
      long arrival = sinceOrigin(row.arrival(), line);
      if (arrival < lastArrivalPicos) {
        throw new TraceException(line, "arrives before the row above it; a trace must be in"
            + " arrival order");
      }
      lastArrivalPicos = arrival;
      requests.add(new Request(requests.size(), arrival, row.promptTokens(), row.outputTokens(),
          row.prefixBlocks()));
    } catch (TraceException e) {
      if (!skipBadRows) {
        throw e;
      }
      skipped++;
    }
  }

  /**
   * Counts one more row (or key) left out on purpose, under a note whose {@code %,d} the count
   * fills, e.g. {@code "%,d failed requests (0 response tokens) left out"}.
   */
  void note(String note) {
    leftOut.merge(note, 1, Integer::sum);
  }

  /**
   * The trace. Its source is {@code source}, followed by what was left out on purpose, if
   * anything: {@code trace.jsonl (key "session_id" ignored in 3,993 rows)}.
   *
   * @throws TraceException if no row could be read
   */
  RequestTrace finish(String source, int prefixBlockTokens) {
    if (requests.isEmpty()) {
      throw new TraceException(Math.max(1, lastLine), "the trace has no readable row");
    }
    StringBuilder description = new StringBuilder(source);
    if (!leftOut.isEmpty()) {
      StringBuilder notes = new StringBuilder();
      leftOut.forEach((note, n) -> notes.append(notes.length() == 0 ? "" : "; ")
          .append(String.format(java.util.Locale.ROOT, note, n)));
      description.append(" (").append(notes).append(')');
    }
    return new RequestTrace(description.toString(), requests, skipped, prefixBlockTokens);
  }

  private long sinceOrigin(TraceValues.Arrival arrival, int line) {
    long seconds = arrival.seconds() - origin.seconds();
    if (Math.abs(seconds) > MAX_SPAN_SECONDS) {
      throw new TraceException(line, "arrives " + seconds + " s from the first row; a trace may"
          + " span at most 9,000,000 s");
    }
    return seconds * 1_000_000_000_000L + arrival.picosInSecond() - origin.picosInSecond();
  }
}
