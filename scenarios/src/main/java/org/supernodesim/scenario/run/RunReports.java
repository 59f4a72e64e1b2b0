package org.supernodesim.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.MarkdownReport;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.results.report.ServingFiles;
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
    if (drawsTimeline(accounting)) {
      run.timeline().ifPresent(t -> written.addAll(writeTimelines(t, accounting, dir, "timeline")));
    }
    run.servingRecords()
        .ifPresent(r -> written.addAll(ServingFiles.write(r, accounting.outputs(), dir)));
    return written;
  }

  /**
   * The outputs {@code accounting} asks for that a run of this kind cannot write (requests.csv and
   * .hgrm files of a run that serves no requests), to say so rather than skip them silently.
   */
  public static List<ReportOutput> unwritable(ScenarioRunner.Execution run, Accounting accounting) {
    List<ReportOutput> missing = new ArrayList<>();
    if (run.servingRecords().isEmpty()) {
      for (ReportOutput o : List.of(ReportOutput.REQUESTS, ReportOutput.HGRM)) {
        if (accounting.writes(o)) {
          missing.add(o);
        }
      }
    }
    return missing;
  }

  /** True if the scenario asks for a timeline, plain ({@code timeline}) or gzipped. */
  public static boolean drawsTimeline(Accounting accounting) {
    return accounting.writes(ReportOutput.TIMELINE) || accounting.writes(ReportOutput.TIMELINE_GZ);
  }

  /**
   * The timelines a scenario asks for of a run (its chips' activity) in the Trace Event Format:
   * {@code dir/<name>.json} for {@code timeline}, {@code dir/<name>.json.gz} for {@code
   * timeline-gz}; returns the files written.
   */
  public static List<Path> writeTimelines(
      Timeline timeline, Accounting accounting, Path dir, String name) {
    List<Path> written = new ArrayList<>();
    if (accounting.writes(ReportOutput.TIMELINE)) {
      Path file = dir.resolve(name + ".json");
      OutputFiles.write(file, out -> ChromeTrace.write(timeline, out));
      written.add(file);
    }
    if (accounting.writes(ReportOutput.TIMELINE_GZ)) {
      Path file = dir.resolve(name + ".json.gz");
      OutputFiles.writeGzipped(file, out -> ChromeTrace.write(timeline, out));
      written.add(file);
    }
    return written;
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
