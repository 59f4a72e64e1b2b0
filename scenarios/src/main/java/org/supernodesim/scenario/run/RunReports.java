package org.supernodesim.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.node.chip.ActivityLog;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.TransferLog;
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
    // A serving run has no chips whose activity a timeline would draw.
    if (accounting.writes("timeline") && run.chips() != null) {
      writeTimeline(run, dir.resolve("timeline.json"));
    }
    return json;
  }

  /** timeline.json of a run: its chips' activity in Chrome trace format. */
  public static void writeTimeline(ScenarioRunner.Execution run, Path file) {
    ChromeTrace.write(timeline(run), file);
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

  static Timeline timeline(ScenarioRunner.Execution run) {
    List<Timeline.Chip> chips = new ArrayList<>();
    int streams = 2;
    for (ChipProcess chip : run.chips()) {
      ActivityLog log = chip.activity();
      List<Timeline.Span> spans = new ArrayList<>(log.size());
      for (int i = 0; i < log.size(); i++) {
        streams = Math.max(streams, log.stream(i) + 1);
        spans.add(
            new Timeline.Span(
                log.stream(i), chip.graph().get(log.operationId(i)).name(), log.startPicos(i),
                log.endPicos(i)));
      }
      chips.add(new Timeline.Chip(chip.rank(), spans));
    }
    List<Timeline.Transfer> transfers = new ArrayList<>();
    TransferLog noted = run.transfers();
    if (noted != null) {
      for (TransferLog.Entry e : noted.entries()) {
        transfers.add(
            new Timeline.Transfer(
                e.source(), e.destination(), e.bytes(), e.sentAtPicos(), e.arrivedAtPicos()));
      }
    }
    // A training rank has one stream per communicator after the default one.
    List<String> names = new ArrayList<>(List.of("compute", "communication"));
    for (int s = 2; s < streams; s++) {
      names.add("communicator " + (s - 1));
    }
    return new Timeline(names, chips, transfers);
  }
}
