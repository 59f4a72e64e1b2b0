package org.supernodesim.results.report.perfetto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes a {@link Timeline} in the Trace Event Format (the JSON that chrome://tracing and
 * ui.perfetto.dev open), streamed by Jackson's {@link JsonGenerator}: a trace may hold millions of
 * slices. Metadata events name each process and thread and sort them by pid and tid; a slice is a
 * complete event ({@code "ph": "X"}) with its args; a flow is a start ({@code "s"}) and a finish
 * ({@code "f"}), both with {@code "bp": "e"} (bound to the enclosing slice, not the next one),
 * sharing an id and the category of the slices they bind to; a counter is one {@code "C"} event per
 * value. Times are microseconds written with six decimals, exact to the picosecond and the same
 * text on every machine.
 */
public final class ChromeTrace {
  private static final JsonFactory JSON = new JsonFactory();

  private ChromeTrace() {}

  /**
   * Writes {@code timeline} as one JSON object; {@code out} stays open. The file itself (plain or
   * gzipped, to a temporary file renamed at the end) is the caller's: see {@code OutputFiles}.
   */
  public static void write(Timeline timeline, Writer out) throws IOException {
    try (JsonGenerator g =
        JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.writeStartObject();
      g.writeStringField("displayTimeUnit", "ns");
      g.writeArrayFieldStart("traceEvents");
      for (Timeline.Process p : timeline.processes()) {
        metadata(g, "process_name", p.pid(), 0, "name", p.name());
        metadata(g, "process_sort_index", p.pid(), 0, "sort_index", p.pid());
        for (Timeline.Track t : p.tracks()) {
          metadata(g, "thread_name", p.pid(), t.tid(), "name", t.name());
          metadata(g, "thread_sort_index", p.pid(), t.tid(), "sort_index", t.tid());
          for (Timeline.Slice s : t.slices()) {
            slice(g, p.pid(), t.tid(), s);
          }
        }
        for (Timeline.Counter c : p.counters()) {
          for (Timeline.CounterPoint point : c.points()) {
            counter(g, p.pid(), c, point);
          }
        }
      }
      for (Timeline.Flow f : timeline.flows()) {
        flow(g, f, "s", f.from());
        flow(g, f, "f", f.to());
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void metadata(
      JsonGenerator g, String kind, int pid, int tid, String key, Object value) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", kind);
    g.writeStringField("ph", "M");
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    g.writeObjectFieldStart("args");
    if (value instanceof Integer i) {
      g.writeNumberField(key, i);
    } else {
      g.writeStringField(key, (String) value);
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void slice(JsonGenerator g, int pid, int tid, Timeline.Slice s)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name());
    g.writeStringField("cat", s.category().label());
    g.writeStringField("ph", "X");
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    g.writeFieldName("ts");
    g.writeNumber(micros(s.startPicos()));
    g.writeFieldName("dur");
    g.writeNumber(micros(s.endPicos() - s.startPicos()));
    if (!s.args().isEmpty()) {
      g.writeObjectFieldStart("args");
      for (Timeline.Arg a : s.args()) {
        if (a instanceof Timeline.Arg.Whole w) {
          g.writeNumberField(w.key(), w.value());
        } else if (a instanceof Timeline.Arg.Amount m) {
          g.writeNumberField(m.key(), m.value());
        } else if (a instanceof Timeline.Arg.Text t) {
          g.writeStringField(t.key(), t.value());
        } else {
          throw new IllegalStateException("no writer for " + a);
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** A counter event: {@code "ph": "C"}, its value under the counter's name in {@code args}. */
  private static void counter(
      JsonGenerator g, int pid, Timeline.Counter c, Timeline.CounterPoint point)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("ph", "C");
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", c.tid());
    g.writeFieldName("ts");
    g.writeNumber(micros(point.atPicos()));
    g.writeObjectFieldStart("args");
    g.writeNumberField(c.name(), point.value());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void flow(JsonGenerator g, Timeline.Flow f, String phase, Timeline.Point at)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", f.name());
    g.writeStringField("cat", f.category().label());
    g.writeStringField("ph", phase);
    g.writeNumberField("id", f.id());
    g.writeNumberField("pid", at.pid());
    g.writeNumberField("tid", at.tid());
    g.writeFieldName("ts");
    g.writeNumber(micros(at.atPicos()));
    g.writeStringField("bp", "e"); // bind to the enclosing slice (the default of "s" only)
    g.writeEndObject();
  }

  /** Picoseconds as microseconds with six decimals: exact, and the same text on every machine. */
  static String micros(long picos) {
    long whole = picos / 1_000_000;
    long frac = Math.abs(picos % 1_000_000);
    return (picos < 0 && whole == 0 ? "-" : "")
        + whole
        + "."
        + String.format(Locale.ROOT, "%06d", frac);
  }
}
