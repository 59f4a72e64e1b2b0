package org.supernodesim.results.report.perfetto;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link Timeline} as Chrome trace JSON, streamed: a trace may hold millions of spans. */
public final class ChromeTrace {
  private ChromeTrace() {}

  /** Writes {@code timeline} to {@code file}. */
  public static void write(Timeline timeline, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        write(timeline, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes {@code timeline} as one JSON object. */
  public static void write(Timeline timeline, Writer out) throws IOException {
    out.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
    boolean first = true;
    for (Timeline.Chip chip : timeline.chips()) {
      first = event(out, first, meta("process_name", chip.rank(), 0, "chip " + chip.rank()));
      out.write(",\n" + meta("process_sort_index", chip.rank(), 0, null));
      for (int s = 0; s < timeline.streams().size(); s++) {
        out.write(",\n" + meta("thread_name", chip.rank(), s, timeline.streams().get(s)));
      }
      for (Timeline.Span span : chip.spans()) {
        out.write(
            String.format(
                Locale.ROOT,
                ",\n{\"name\":%s,\"cat\":\"%s\",\"ph\":\"X\",\"pid\":%d,\"tid\":%d,\"ts\":%s,"
                    + "\"dur\":%s}",
                quote(span.name()),
                span.stream() == 0 ? "compute" : "communication",
                chip.rank(),
                span.stream(),
                micros(span.startPicos()),
                micros(span.endPicos() - span.startPicos())));
      }
    }
    long id = 0;
    for (Timeline.Transfer t : timeline.transfers()) {
      String name = quote(t.bytes() + " B to chip " + t.destinationRank());
      // A flow binds to the slices that enclose its ends: the communication stream at each chip.
      out.write(
          String.format(
              Locale.ROOT,
              ",\n{\"name\":%s,\"cat\":\"transfer\",\"ph\":\"s\",\"id\":%d,\"pid\":%d,\"tid\":1,"
                  + "\"ts\":%s}"
                  + ",\n{\"name\":%s,\"cat\":\"transfer\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%d,"
                  + "\"pid\":%d,\"tid\":1,\"ts\":%s}",
              name, id, t.sourceRank(), micros(t.sentAtPicos()),
              name, id, t.destinationRank(), micros(t.arrivedAtPicos())));
      id++;
    }
    out.write("\n]}\n");
  }

  private static boolean event(Writer out, boolean first, String json) throws IOException {
    out.write(first ? json : ",\n" + json);
    return false;
  }

  private static String meta(String kind, int pid, int tid, String name) {
    String args =
        name == null ? "{\"sort_index\":" + pid + "}" : "{\"name\":" + quote(name) + "}";
    return "{\"name\":\"" + kind + "\",\"ph\":\"M\",\"pid\":" + pid + ",\"tid\":" + tid
        + ",\"args\":" + args + "}";
  }

  /** Picoseconds as microseconds with six decimals: exact, and the same text on every machine. */
  static String micros(long picos) {
    long whole = picos / 1_000_000;
    long frac = Math.abs(picos % 1_000_000);
    return (picos < 0 && whole == 0 ? "-" : "") + whole + "." + String.format(Locale.ROOT, "%06d", frac);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
