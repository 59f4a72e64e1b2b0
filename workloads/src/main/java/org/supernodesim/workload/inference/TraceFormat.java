package org.supernodesim.workload.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request-trace file format: how one line becomes one row. Reading is the same for every
 * format ({@link #read}): rows in file order, arrival times that never decrease, the first arrival
 * at time 0, and a bad row either refused with its line number or, when asked, skipped and counted.
 */
public sealed interface TraceFormat permits AzureCsvFormat, MooncakeJsonlFormat {

  /**
   * One parsed row, its arrival in the format's own clock as whole seconds and picoseconds
   * within the second (a date-time in picoseconds since 1970 would overflow a long).
   */
  record Row(
      long arrivalSeconds, long arrivalPicosInSecond, int promptTokens, int outputTokens,
      int[] prefixBlocks) {}

  /** The name a scenario uses. */
  String label();

  /** Lines before the first row (a CSV header). */
  int headerLines();

  /** Checks the header lines; throws a {@link TraceException} naming the line if wrong. */
  void checkHeader(List<String> header);

  /** Parses one data line; throws a {@link TraceException} (any line number) if it is bad. */
  Row parse(String line);

  /** Tokens per prefix block of {@link Row#prefixBlocks}; 0 if the format has none. */
  int prefixBlockTokens();

  /** The formats by label. */
  static TraceFormat byLabel(String label) {
    for (TraceFormat f : List.of(new AzureCsvFormat(), new MooncakeJsonlFormat())) {
      if (f.label().equals(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "\"" + label + "\" is not a trace format; valid: azure-csv, mooncake-jsonl");
  }

  /**
   * Reads every row of {@code in}.
   *
   * @param source names the trace in the result
   * @param skipBadRows skip (and count) rows that cannot be read instead of refusing the file
   * @throws TraceException for the first bad row (unless skipped) or a bad header
   */
  default RequestTrace read(String source, BufferedReader in, boolean skipBadRows) {
    List<Request> requests = new ArrayList<>();
    List<String> header = new ArrayList<>();
    int lineNumber = 0;
    int skipped = 0;
    Row origin = null;
    long lastArrival = Long.MIN_VALUE;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (lineNumber <= headerLines()) {
          header.add(line);
          if (lineNumber == headerLines()) {
            checkHeader(header);
          }
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          Row row;
          try {
            row = parse(line);
          } catch (TraceException e) {
            throw new TraceException(lineNumber, e.getMessage().replaceFirst("^line \\d+: ", ""));
          }
          origin = origin == null ? row : origin;
          long arrival = sinceOrigin(row, origin, lineNumber);
          if (arrival < lastArrival) {
            throw new TraceException(lineNumber, "arrives before the row above it; a trace must be"
                + " in arrival order");
          }
          lastArrival = arrival;
          requests.add(new Request(requests.size(), arrival, row.promptTokens(),
              row.outputTokens(), row.prefixBlocks()));
        } catch (TraceException e) {
          if (!skipBadRows) {
            throw e;
          }
          skipped++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (lineNumber < headerLines()) {
      throw new TraceException(Math.max(1, lineNumber), "the file has no header line");
    }
    if (requests.isEmpty()) {
      throw new TraceException(lineNumber, "the trace has no readable row");
    }
    return new RequestTrace(source, requests, skipped, prefixBlockTokens());
  }

  /** Picoseconds from the first row's arrival to {@code row}'s, refusing what a long cannot hold. */
  private static long sinceOrigin(Row row, Row origin, int lineNumber) {
    long seconds = row.arrivalSeconds() - origin.arrivalSeconds();
    if (Math.abs(seconds) > 9_000_000) { // 2^63 ps is 106 days
      throw new TraceException(lineNumber, "arrives " + seconds + " s from the first row; a"
          + " trace may span at most 9,000,000 s");
    }
    return seconds * 1_000_000_000_000L + row.arrivalPicosInSecond()
        - origin.arrivalPicosInSecond();
  }

  /** A positive whole number of tokens, or a {@link TraceException} naming the column. */
  static int tokens(String text, String column) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n < 1) {
        throw new TraceException(0, column + " is " + n + "; a request needs at least 1 token");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new TraceException(0, column + " \"" + text + "\" is not a whole number");
    }
  }
}
