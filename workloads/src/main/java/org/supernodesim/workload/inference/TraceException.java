package org.supernodesim.workload.inference;

/** A row of a request trace that cannot be read: its line number (from 1) and what is wrong. */
public final class TraceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int line;

  public TraceException(int line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  /** The line of the file, counted from 1 (the header is line 1 of a CSV). */
  public int line() {
    return line;
  }
}
