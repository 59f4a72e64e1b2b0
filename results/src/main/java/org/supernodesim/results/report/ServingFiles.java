package org.supernodesim.results.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.metrics.LatencyRecorder;
import org.supernodesim.results.serving.RequestRecord;
import org.supernodesim.results.serving.ServingRecords;

/**
 * The machine-readable files of a serving run: {@code requests.csv}, one row per request, and
 * {@code ttft.hgrm}, {@code tpot.hgrm}, {@code e2e.hgrm}, HdrHistogram's percentile distribution of
 * each latency in milliseconds (the format HdrHistogram's plotter and HistogramLogAnalyzer read).
 */
public final class ServingFiles {
  /** requests.csv's header: times in seconds from the run's start, tokens, instance indices. */
  public static final List<String> REQUEST_COLUMNS =
      List.of(
          "id",
          "arrivalSeconds",
          "promptTokens",
          "outputTokens",
          "ttftSeconds",
          "tpotSeconds",
          "e2eSeconds",
          "instance",
          "admittedBy",
          "preemptions",
          "prefixHitTokens");

  private ServingFiles() {}

  /** The text of requests.csv: times exact to the picosecond, an empty TPOT for one token. */
  public static String requestsCsv(List<RequestRecord> requests) {
    StringBuilder out = new StringBuilder(CsvTable.line(REQUEST_COLUMNS));
    for (RequestRecord r : requests) {
      out.append(
          CsvTable.line(
              List.of(
                  Integer.toString(r.id()),
                  seconds(r.arrivalPicos()),
                  Integer.toString(r.promptTokens()),
                  Integer.toString(r.outputTokens()),
                  seconds(r.firstTokenPicos() - r.arrivalPicos()),
                  r.tpotPicos() < 0 ? "" : seconds(r.tpotPicos()),
                  seconds(r.finishedPicos() - r.arrivalPicos()),
                  Integer.toString(r.instance()),
                  Integer.toString(r.admittedBy()),
                  Integer.toString(r.preemptions()),
                  r.prefixHitTokens() < 0 ? "" : Long.toString(r.prefixHitTokens()))));
    }
    return out.toString();
  }

  /**
   * Writes the files {@code outputs} asks for into {@code dir}; returns them. {@code requests}
   * writes requests.csv; {@code hgrm} writes one .hgrm per latency that has values.
   */
  public static List<Path> write(ServingRecords records, List<ReportOutput> outputs, Path dir) {
    List<Path> written = new ArrayList<>();
    if (outputs.contains(ReportOutput.REQUESTS)) {
      Path csv = dir.resolve("requests.csv");
      OutputFiles.write(csv, requestsCsv(records.requests()));
      written.add(csv);
    }
    if (outputs.contains(ReportOutput.HGRM)) {
      written.addAll(hgrm(records.ttft(), dir.resolve("ttft.hgrm")));
      written.addAll(hgrm(records.tpot(), dir.resolve("tpot.hgrm")));
      written.addAll(hgrm(records.e2e(), dir.resolve("e2e.hgrm")));
    }
    return written;
  }

  /** The .hgrm text of {@code recorder}, values in milliseconds; empty when it recorded nothing. */
  public static String hgrm(LatencyRecorder recorder) {
    if (recorder.count() == 0) {
      return "";
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      recorder.writePercentileDistribution(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<Path> hgrm(LatencyRecorder recorder, Path file) {
    String text = hgrm(recorder);
    if (text.isEmpty()) {
      return List.of();
    }
    OutputFiles.write(file, text);
    return List.of(file);
  }

  /** Picoseconds as seconds with twelve decimals: exact, the same text on every machine. */
  static String seconds(long picos) {
    long whole = picos / (long) Units.PICOS_PER_SECOND;
    long frac = Math.abs(picos % (long) Units.PICOS_PER_SECOND);
    return (picos < 0 && whole == 0 ? "-" : "")
        + whole
        + "."
        + String.format(Locale.ROOT, "%012d", frac);
  }
}
