package org.supernodesim.workload.inference;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure LLM inference trace (Azure/AzurePublicDataset, 2023; Patel et al., Splitwise, ISCA
 * 2024): header {@code TIMESTAMP,ContextTokens,GeneratedTokens}, then one row per request, e.g.
 * {@code 2023-11-16 18:17:03.9799600,4808,10}. The timestamp has no time zone and 0 to 7
 * fractional digits (100 ns ticks); only differences matter, so it is read as UTC. Lines may end
 * in CRLF.
 */
final class AzureCsvFormat implements TraceFormat {
  static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
  private static final Pattern TIME =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{0,7}))?");

  @Override
  public String label() {
    return "azure-csv";
  }

  @Override
  public int headerLines() {
    return 1;
  }

  @Override
  public void checkHeader(List<String> header) {
    String h = header.get(0).strip();
    if (h.startsWith("\uFEFF")) {
      h = h.substring(1);
    }
    if (!h.equals(HEADER)) {
      throw new TraceException(1, "header \"" + h + "\"; an Azure trace starts with " + HEADER);
    }
  }

  @Override
  public Row parse(String line) {
    String[] cells = line.strip().split(",", -1);
    if (cells.length != 3) {
      throw new TraceException(0, cells.length + " columns; expected 3 (" + HEADER + ")");
    }
    long[] time = timestamp(cells[0].trim());
    return new Row(
        time[0], time[1],
        TraceFormat.tokens(cells[1], "ContextTokens"),
        TraceFormat.tokens(cells[2], "GeneratedTokens"),
        null);
  }

  @Override
  public int prefixBlockTokens() {
    return 0;
  }

  /** Seconds since 1970-01-01 00:00 of a timestamp read as UTC, and picoseconds within it. */
  static long[] timestamp(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      throw new TraceException(
          0, "TIMESTAMP \"" + text + "\" is not yyyy-MM-dd HH:mm:ss[.fffffff]");
    }
    java.time.LocalDateTime t;
    try {
      t = java.time.LocalDateTime.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    } catch (java.time.DateTimeException e) {
      throw new TraceException(0, "TIMESTAMP \"" + text + "\" is not a date: " + e.getMessage());
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    long ticks = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "0000000").substring(0, 7));
    long seconds = t.toEpochSecond(java.time.ZoneOffset.UTC);
    return new long[] {seconds, ticks * 100_000L}; // a tick is 100 ns = 1e5 ps
  }
}
