package org.supernodesim.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.MarkdownReport;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.results.report.perfetto.ChromeTrace;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.file.Accounting;

/**
 * The files of one run: result.json and the reports its scenario's {@code report:} lists, each
 * written whole (a temporary file renamed into place) or not at all.
 */
public final class RunReports {
  private RunReports() {}

  /**
   * Writes the run's files into {@code dir}; returns the files written, result.json first.
   *
   * @throws org.supernodesim.results.report.OutputException naming the path that failed
   */
  public static List<Path> write(ScenarioRunner.Execution run, Accounting accounting, Path dir) {
    List<Path> written = new ArrayList<>();
    Path json = dir.resolve("result.json");
    JsonReport.write(run.result(), json);
    written.add(json);
    written.addAll(render(run.result(), accounting.outputs(), dir));
    if (accounting.writes(ReportOutput.TIMELINE)) {
      run.timeline()
          .ifPresent(
              t -> {
                Path file = dir.resolve("timeline.json");
                writeTimeline(t, file);
                written.add(file);
              });
    }
    return written;
  }

  /** timeline.json of a run: its chips' activity in Chrome trace format. */
  public static void writeTimeline(Timeline timeline, Path file) {
    OutputFiles.write(file, out -> ChromeTrace.write(timeline, out));
  }

  /** report.md and report.html of a saved result, as {@code outputs} asks; returns them. */
  public static List<Path> render(RunResult result, List<ReportOutput> outputs, Path dir) {
    List<Path> written = new ArrayList<>();
    if (outputs.contains(ReportOutput.MD)) {
      Path md = dir.resolve("report.md");
      MarkdownReport.write(MarkdownReport.run(result), md);
      written.add(md);
    }
    if (outputs.contains(ReportOutput.HTML)) {
      Path html = dir.resolve("report.html");
      HtmlReport.write(HtmlReport.run(result), html);
      written.add(html);
    }
    return written;
  }
}
