package org.supernodesim.workload.inference;

import java.util.Optional;

/**
 * A request trace that cannot be read: the line of the file (from 1), the column by name where
 * one is to blame, and what is wrong. The message reads {@code line 6: column "ContextTokens":
 * "x" is not a whole number}.
 */
public final class TraceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final String column;
  private final String problem;

  /** A problem with a whole line (or the file, at its last line). */
  public TraceException(int line, String problem) {
    this(line, null, problem);
  }

  /** A problem with one column's value on {@code line}; {@code column} may be null. */
  public TraceException(int line, String column, String problem) {
    super("line " + line + ": " + (column == null ? "" : "column \"" + column + "\": ") + problem);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** The line of the file, counted from 1 (the header is line 1 of a CSV). */
  public int line() {
    return line;
  }

  /** The column to blame, by the name the file's header gives it. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /** The same problem placed on {@code newLine} (a row parser does not know its line). */
  TraceException at(int newLine) {
    return new TraceException(newLine, column, problem);
  }
}
