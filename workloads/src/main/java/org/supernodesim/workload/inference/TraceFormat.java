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

  /** One parsed row: arrival in the format's own clock (picoseconds from its origin). */
  record Row(long arrivalPicos, int promptTokens, int outputTokens, int[] prefixBlocks) {}

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
    long origin = -1;
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
          if (row.arrivalPicos() < lastArrival) {
            throw new TraceException(lineNumber, "arrives before the row above it; a trace must be"
                + " in arrival order");
          }
          if (origin < 0) {
            origin = row.arrivalPicos();
          }
          lastArrival = row.arrivalPicos();
          requests.add(new Request(requests.size(), row.arrivalPicos() - origin,
              row.promptTokens(), row.outputTokens(), row.prefixBlocks()));
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
