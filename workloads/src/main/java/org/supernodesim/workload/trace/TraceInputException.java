package org.supernodesim.workload.trace;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A trace that cannot be replayed, located: the file, and where known the rank, the node id (a
 * Chakra node's own id, as the file writes it) and the line (of a text workload, from 1). The
 * message reads "FILE:LINE: what" or "FILE: rank R, node N: what", one line, no stack trace
 * needed; the scenario layer maps it to exit 2.
 */
public final class TraceInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final OptionalInt rank;
  private final OptionalLong node;
  private final OptionalInt line;
  private final String problem;

  private TraceInputException(
      String file, OptionalInt rank, OptionalLong node, OptionalInt line, String problem) {
    super(format(file, rank, node, line, problem));
    this.file = file;
    this.rank = rank;
    this.node = node;
    this.line = line;
    this.problem = problem;
  }

  /** A problem with a whole file (unreadable, empty, missing). */
  public static TraceInputException inFile(String file, String problem) {
    return new TraceInputException(
        file, OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), problem);
  }

  /** A problem of rank {@code rank}'s file as a whole (truncated after its last good node). */
  public static TraceInputException atRank(String file, int rank, String problem) {
    return new TraceInputException(
        file, OptionalInt.of(rank), OptionalLong.empty(), OptionalInt.empty(), problem);
  }

  /** A problem with node {@code node} of rank {@code rank}'s file. */
  public static TraceInputException atNode(String file, int rank, long node, String problem) {
    return new TraceInputException(
        file, OptionalInt.of(rank), OptionalLong.of(node), OptionalInt.empty(), problem);
  }

  /** A problem on line {@code line} (from 1) of a text file. */
  public static TraceInputException atLine(String file, int line, String problem) {
    return new TraceInputException(
        file, OptionalInt.empty(), OptionalLong.empty(), OptionalInt.of(line), problem);
  }

  public String file() {
    return file;
  }

  public OptionalInt rank() {
    return rank;
  }

  /** The node id as the file writes it. */
  public OptionalLong node() {
    return node;
  }

  public OptionalInt line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  private static String format(
      String file, OptionalInt rank, OptionalLong node, OptionalInt line, String problem) {
    StringBuilder s = new StringBuilder(file);
    if (line.isPresent()) {
      s.append(':').append(line.getAsInt());
    }
    s.append(": ");
    if (rank.isPresent()) {
      s.append("rank ").append(rank.getAsInt());
      s.append(node.isPresent() ? ", node " + node.getAsLong() + ": " : ": ");
    }
    return s.append(problem).toString();
  }
}
