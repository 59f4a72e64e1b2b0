package org.supernodesim.node.chip;

/**
 * How long a chip's streams were busy, told as its operations start and finish. Stream 0 is
 * compute; every other stream is communication (a chip may have several, all at once). An {@link
 * ActivityLog} keeps every span (what a timeline draws); {@link BusyTotals} keeps only the three
 * totals, in constant memory, for runs of thousands of chips that draw no timeline.
 */
public sealed interface BusyTime permits ActivityLog, BusyTotals {
  /** The compute stream. */
  int COMPUTE = 0;
  /** The first (default) communication stream. */
  int COMMUNICATION = 1;

  /** Operation {@code operationId} began on stream {@code stream} at {@code nowPicos}. */
  void started(int stream, int operationId, long nowPicos);

  /** Operation {@code operationId} finished on stream {@code stream} at {@code nowPicos}. */
  void finished(int stream, long nowPicos, int operationId);

  /** Time the compute stream ran. */
  long computeBusyPicos();

  /** Time some communication stream ran, hidden behind compute or not. */
  long communicationBusyPicos();

  /** Time some communication stream ran while the compute stream did not. */
  long communicationOnlyPicos();
}
