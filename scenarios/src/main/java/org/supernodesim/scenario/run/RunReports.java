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
    // The reports' text is rendered on a second thread while result.json is written (each is cold
    // code, run once: about as long as the other); the files are then written in order here, so a
    // folder that cannot be written fails at result.json as before, and nothing is written after.
    Rendering reports = new Rendering(run.result(), accounting.outputs());
    List<Path> written = new ArrayList<>();
    Path json = dir.resolve("result.json");
    JsonReport.write(run.result(), json);
    written.add(json);
    written.addAll(reports.write(dir));
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

  /**
   * report.md and report.html of a result, rendered on a thread of their own from when this is
   * made. A rendering is a pure function of the result, so the text is the one {@link #render}
   * writes; should the thread fail, {@link #write} renders here instead, and reports as render
   * does.
   */
  private static final class Rendering {
    private final RunResult result;
    private final List<ReportOutput> outputs;
    private final Thread thread;
    private String markdown; // written by the thread, read after join
    private String html;
    private boolean done;

    Rendering(RunResult result, List<ReportOutput> outputs) {
      this.result = result;
      this.outputs = outputs;
      boolean any = outputs.contains(ReportOutput.MD) || outputs.contains(ReportOutput.HTML);
      this.thread = any ? new Thread(this::renderText, "report-rendering") : null;
      if (thread != null) {
        thread.setDaemon(true);
        thread.start();
      }
    }

    private void renderText() {
      try {
        markdown = outputs.contains(ReportOutput.MD) ? MarkdownReport.run(result) : null;
        html = outputs.contains(ReportOutput.HTML) ? HtmlReport.run(result) : null;
        done = true;
      } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
        // rendered again, and reported, by write
      }
    }

    /** Writes the reports asked for into {@code dir}; returns them. */
    List<Path> write(Path dir) {
      if (thread == null) {
        return List.of();
      }
      boolean rendered;
      try {
        thread.join();
        rendered = done;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        rendered = false;
      }
      if (!rendered) {
        return RunReports.render(result, outputs, dir);
      }
      List<Path> written = new ArrayList<>();
      if (markdown != null) {
        Path md = dir.resolve("report.md");
        MarkdownReport.write(markdown, md);
        written.add(md);
      }
      if (html != null) {
        Path file = dir.resolve("report.html");
        HtmlReport.write(html, file);
        written.add(file);
      }
      return written;
    }
  }
}
