package org.supernodesim.scenario.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.run.RunReports;
import org.supernodesim.scenario.sweep.SweepManifest;
import org.supernodesim.scenario.sweep.SweepReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Draws the reports of a run or a sweep again from its saved JSON, without simulating. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Re-renders report.md and report.html (and results.csv of a sweep) from the JSON a run or a"
          + " sweep saved: DIR/result.json for a run, DIR/sweep.json and DIR/points/ for a sweep."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "A run's or a sweep's folder.")
  Path dir;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (SweepManifest.in(dir)) {
      int points = SweepReports.rerender(dir).size();
      out.printf("re-rendered the sweep in %s from %d points%n", dir, points);
    } else if (Files.isRegularFile(dir.resolve("result.json"))) {
      RunResult result;
      try {
        result = JsonReport.read(dir.resolve("result.json"));
      } catch (IllegalArgumentException e) {
        throw new ScenarioException(dir.resolve("result.json").toString(), "", e.getMessage());
      } catch (UncheckedIOException e) {
        throw new ScenarioException(dir.resolve("result.json").toString(), "", "cannot be read");
      }
      RunReports.render(result, List.of(ReportOutput.MD, ReportOutput.HTML), dir);
      out.printf("re-rendered %s and %s%n", dir.resolve("report.md"), dir.resolve("report.html"));
    } else {
      throw new ScenarioException(
          dir.toString(), "", "neither a run's folder (result.json) nor a sweep's (sweep.json)");
    }
    out.flush();
    return 0;
  }
}
