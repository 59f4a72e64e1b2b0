package org.supernodesim.scenario.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.TraceException;
import org.supernodesim.workload.inference.TraceFormat;

/**
 * Opens a request trace a scenario names, relative to the scenario file's folder, and reads it
 * with its format. A bad row becomes a {@link ScenarioException} at {@code trace-file:line}.
 */
final class TraceFiles {
  static final String KEY = "workload.serving.requests.trace";

  /** Every key whose value names a file to read: a scenario sent to another machine takes these. */
  static final List<String> FILE_KEYS = List.of(KEY);

  private TraceFiles() {}

  /** The format named, or the one the file name implies. */
  static TraceFormat format(String trace, String format) {
    if (format != null) {
      return TraceFormat.byLabel(format);
    }
    if (trace.endsWith(".csv")) {
      return TraceFormat.byLabel("azure-csv");
    }
    if (trace.endsWith(".jsonl")) {
      return TraceFormat.byLabel("mooncake-jsonl");
    }
    throw new IllegalArgumentException("cannot tell the format of \"" + trace + "\" from its name;"
        + " say format: azure-csv or format: mooncake-jsonl");
  }

  static RequestTrace read(Path baseDirectory, String trace, TraceFormat format, boolean skip) {
    Path file = baseDirectory.resolve(trace).normalize();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return format.read(file.getFileName().toString(), in, skip);
    } catch (NoSuchFileException e) {
      throw new InvalidInput(KEY, "no such file: " + file
          + " (a trace path is relative to the scenario file's folder)");
    } catch (IOException e) {
      throw new InvalidInput(KEY, "cannot read " + file + ": " + e.getMessage());
    } catch (TraceException e) {
      throw new ScenarioException(file + ":" + e.line(), KEY, e.getMessage().replaceFirst(
          "^line \\d+: ", "") + " (line " + e.line() + " of the " + format.label() + " trace; set"
          + " workload.serving.requests.skipBadRows: true to skip and count such rows)");
    }
  }
}
