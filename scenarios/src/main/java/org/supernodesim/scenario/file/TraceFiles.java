package org.supernodesim.scenario.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.supernodesim.scenario.file.ServingSections.ColumnsSection;
import org.supernodesim.scenario.file.ServingSections.RequestsSection;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.RowFormat;
import org.supernodesim.workload.inference.ServeGenClient;
import org.supernodesim.workload.inference.TraceColumns;
import org.supernodesim.workload.inference.TraceException;
import org.supernodesim.workload.inference.TraceFormat;

/**
 * Opens the request trace a scenario names, relative to the scenario file's folder, chooses its
 * format (named by {@code format}, implied by {@code columns}, or told from the file's first line)
 * and reads it, or for ServeGen samples it with the seed. A bad row becomes a {@link
 * ScenarioException} at {@code trace-file:line}.
 */
final class TraceFiles {
  static final String PATH = "workload.serving.requests";
  static final String KEY = PATH + ".trace";
  private static final String SERVEGEN_WINDOWS = "-trace.csv";
  private static final String SERVEGEN_DATASET = "-dataset.json";

  private TraceFiles() {}

  /**
   * The requests of {@code r}'s trace on the trace's own clock: from its first row (time 0), or for
   * ServeGen from the data's time 0, sampled over [start, start + window x timeScale).
   */
  static RequestTrace read(Path baseDirectory, RequestsSection r, long seed) {
    Path file = baseDirectory.resolve(r.trace()).normalize();
    TraceFormat format = format(file, r);
    if (format == TraceFormat.SERVEGEN) {
      return serveGen(file, r, seed);
    }
    RowFormat rows;
    try {
      rows = RowFormat.of(format, columns(r.columns()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(PATH + (r.columns() == null ? ".format" : ".columns"), e.getMessage());
    }
    try (BufferedReader in = open(file)) {
      return rows.read(file.getFileName().toString(), in, r.skipBadRows());
    } catch (IOException e) {
      throw new InvalidInput(KEY, "cannot read " + file + ": " + e.getMessage());
    } catch (TraceException e) {
      throw located(
          file,
          e,
          " (line "
              + e.line()
              + " of the "
              + format.label()
              + " trace; set workload.serving.requests.skipBadRows: true to skip and count such"
              + " rows)");
    }
  }

  /** The format named, implied by a columns mapping, or told from the first line. */
  private static TraceFormat format(Path file, RequestsSection r) {
    if (r.format() != null) {
      return r.format();
    }
    if (r.columns() != null) {
      return TraceFormat.CSV;
    }
    String first;
    try (BufferedReader in = open(file)) {
      first = in.readLine();
    } catch (IOException e) {
      throw new InvalidInput(KEY, "cannot read " + file + ": " + e.getMessage());
    }
    return TraceFormat.detect(first == null ? "" : first)
        .orElseThrow(
            () ->
                new InvalidInput(
                    PATH + ".format",
                    "cannot tell the format of "
                        + file.getFileName()
                        + " from its first line \""
                        + abbreviated(first)
                        + "\"; say"
                        + " format: "
                        + labels()
                        + " (csv with columns: {arrival,"
                        + " arrivalUnit, input, output})"));
  }

  private static Optional<TraceColumns> columns(ColumnsSection c) {
    return c == null
        ? Optional.empty()
        : Optional.of(new TraceColumns(c.arrival(), c.arrivalUnit(), c.input(), c.output()));
  }

  /** The formats' labels, for a message: {@code azure, burstgpt, ...}. */
  private static String labels() {
    return String.join(", ", Arrays.stream(TraceFormat.values()).map(TraceFormat::label).toList());
  }

  /** A ServeGen client: {@code chunk-<n>-trace.csv} and the dataset beside it, sampled. */
  private static RequestTrace serveGen(Path windowsFile, RequestsSection r, long seed) {
    String name = windowsFile.getFileName().toString();
    if (!name.endsWith(SERVEGEN_WINDOWS)) {
      throw new InvalidInput(
          KEY,
          "a ServeGen client is a pair chunk-<n>"
              + SERVEGEN_WINDOWS
              + " and chunk-<n>"
              + SERVEGEN_DATASET
              + "; name its "
              + SERVEGEN_WINDOWS
              + " file, not "
              + name);
    }
    if (r.window() == null) {
      throw new InvalidInput(
          PATH + ".window",
          "missing; servegen statistics are"
              + " sampled over a span: give window (e.g. 600 s) and, to begin later than the data's"
              + " midnight, start");
    }
    if (r.skipBadRows()) {
      throw new InvalidInput(
          PATH + ".skipBadRows",
          "true, but servegen statistics" + " have no rows to skip; remove it");
    }
    Path datasetFile =
        windowsFile.resolveSibling(
            name.substring(0, name.length() - SERVEGEN_WINDOWS.length()) + SERVEGEN_DATASET);
    ServeGenClient.Windows windows;
    try (BufferedReader in = open(windowsFile)) {
      windows = ServeGenClient.windows(in);
    } catch (IOException e) {
      throw new InvalidInput(KEY, "cannot read " + windowsFile + ": " + e.getMessage());
    } catch (TraceException e) {
      throw located(windowsFile, e, "");
    }
    ServeGenClient client;
    try (BufferedReader in = open(datasetFile)) {
      client = ServeGenClient.of(windows, in);
    } catch (IOException e) {
      throw new InvalidInput(KEY, "cannot read " + datasetFile + ": " + e.getMessage());
    } catch (TraceException e) {
      throw located(datasetFile, e, "");
    }
    long from = r.start() == null ? 0 : r.start().picos();
    long to = from + Math.round(r.window().picos() * r.timeScale());
    try {
      return client.sample(name, from, to, seed);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(PATH + ".start", e.getMessage());
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInput(
          KEY,
          "no such file: " + file + " (a trace path is relative to the scenario file's folder)");
    }
  }

  private static ScenarioException located(Path file, TraceException e, String hint) {
    String column = e.column().map(c -> "column \"" + c + "\": ").orElse("");
    return new ScenarioException(file + ":" + e.line(), KEY, column + e.problem() + hint);
  }

  private static String abbreviated(String line) {
    String s = line == null ? "" : line.strip();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
