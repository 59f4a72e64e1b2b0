package org.supernodesim.node.chip;

/**
 * A chip's busy totals without its spans: the busy streams integrated over time as they open and
 * close. The same picoseconds as an {@link ActivityLog}'s spans give (the measure of a union is
 * the time some member of it is open), in constant memory.
 */
public final class BusyTotals implements BusyTime {
  // Streams open now, and busy time integrated up to lastPicos.
  private long lastPicos;
  private int computeOpen;
  private int communicationOpen;
  private long computeBusy;
  private long communicationBusy;
  private long communicationOnly;

  @Override
  public void started(int stream, int operationId, long nowPicos) {
    advance(nowPicos);
    if (stream == COMPUTE) {
      computeOpen++;
    } else {
      communicationOpen++;
    }
  }

  @Override
  public void finished(int stream, long nowPicos, int operationId) {
    advance(nowPicos);
    if (stream == COMPUTE) {
      computeOpen--;
    } else {
      communicationOpen--;
    }
  }

  /** Adds the time since the last change to the totals of the streams open through it. */
  private void advance(long nowPicos) {
    long d = nowPicos - lastPicos;
    if (computeOpen > 0) {
      computeBusy += d;
    }
    if (communicationOpen > 0) {
      communicationBusy += d;
      if (computeOpen == 0) {
        communicationOnly += d;
      }
    }
    lastPicos = nowPicos;
  }

  @Override
  public long computeBusyPicos() {
    return computeBusy;
  }

  @Override
  public long communicationBusyPicos() {
    return communicationBusy;
  }

  @Override
  public long communicationOnlyPicos() {
    return communicationOnly;
  }
}
