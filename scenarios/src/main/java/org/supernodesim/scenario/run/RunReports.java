package org.supernodesim.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.MarkdownReport;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.results.report.perfetto.ChromeTrace;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.file.Accounting;

/** The files of one run: result.json and the reports its scenario's {@code report:} lists. */
public final class RunReports {
  /** Transfers of each chip drawn as flows in timeline.json: the first ones it sent. */
  static final int TRANSFERS_PER_CHIP = 64;

  private RunReports() {}

  /** Writes the run's files into {@code dir}; returns result.json's path. */
  public static Path write(ScenarioRunner.Execution run, Accounting accounting, Path dir) {
    Path json = dir.resolve("result.json");
    JsonReport.write(run.result(), json);
    render(run.result(), accounting.outputs(), dir);
    // A serving run has no chips whose activity a timeline would draw (the CLI says so).
    if (run.chips() != null && drawsTimeline(accounting)) {
      Timeline timeline = TimelineAssembly.of(run);
      for (ChromeTrace.Encoding e : timelineEncodings(accounting)) {
        ChromeTrace.write(timeline, dir.resolve(e.fileName()), e);
      }
    }
    return json;
  }

  /** True if the scenario asks for a timeline, plain ({@code timeline}) or gzipped. */
  public static boolean drawsTimeline(Accounting accounting) {
    return !timelineEncodings(accounting).isEmpty();
  }

  /** The timelines asked for: {@code timeline} (timeline.json), {@code timeline-gz} (.json.gz). */
  static List<ChromeTrace.Encoding> timelineEncodings(Accounting accounting) {
    List<ChromeTrace.Encoding> out = new ArrayList<>();
    if (accounting.writes("timeline")) {
      out.add(ChromeTrace.Encoding.JSON);
    }
    if (accounting.writes("timeline-gz")) {
      out.add(ChromeTrace.Encoding.GZIP);
    }
    return out;
  }

  /**
   * The timelines a scenario asks for of a run (its chips' activity) in the Trace Event Format,
   * each to {@code dir/<name>} plus its encoding's extension ({@code .json}, {@code .json.gz}).
   */
  public static void writeTimelines(
      ScenarioRunner.Execution run, Accounting accounting, Path dir, String name) {
    if (run.chips() == null || !drawsTimeline(accounting)) {
      return;
    }
    Timeline timeline = TimelineAssembly.of(run);
    for (ChromeTrace.Encoding e : timelineEncodings(accounting)) {
      String extension = e.fileName().substring(e.fileName().indexOf('.'));
      ChromeTrace.write(timeline, dir.resolve(name + extension), e);
    }
  }

  /** report.md and report.html of a saved result, as {@code outputs} asks. */
  public static void render(RunResult result, List<String> outputs, Path dir) {
    if (outputs.contains("md")) {
      MarkdownReport.write(MarkdownReport.run(result), dir.resolve("report.md"));
    }
    if (outputs.contains("html")) {
      HtmlReport.write(HtmlReport.run(result), dir.resolve("report.html"));
    }
  }

}
