package org.supernodesim.scenario.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.Comparison;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.sweep.PointStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints runs side by side with ratios to the first; optionally writes the table as HTML. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Prints results side by side, one column per file and the ratio of each to the first"
          + " (e.g. CloudMatrix384 against GB200 NVL72). A file is a run's result.json or a"
          + " sweep point's points/<id>.json."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "RESULT.json", description = "Two or more results.")
  List<Path> files;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the table as HTML.")
  Path html;

  @Override
  public Integer call() {
    List<String> names = new ArrayList<>();
    List<RunResult> runs = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new ScenarioException(f.toString(), "", "no such file");
      }
      var point = PointStore.read(f);
      RunResult r = point.isPresent() && point.get().ok() ? point.get().result() : read(f);
      names.add(r.scenario() + (point.isPresent() ? " " + point.get().id() : ""));
      runs.add(r);
    }
    if (names.stream().distinct().count() < names.size()) {
      // Two runs of one scenario (a --set apart): name each by its file instead.
      names.clear();
      files.forEach(f -> names.add(f.toString()));
    }
    List<String> headers = Comparison.headers(names);
    List<List<String>> rows = Comparison.rows(runs);
    List<List<String>> table = new ArrayList<>();
    table.add(headers);
    table.addAll(rows);
    var out = spec.commandLine().getOut();
    CatalogText.table(table).forEach(out::println);
    if (html != null) {
      HtmlReport.write(HtmlReport.comparison("Comparison", headers, rows), html);
      out.println("wrote " + html);
    }
    out.flush();
    return 0;
  }

  private static RunResult read(Path f) {
    try {
      return JsonReport.read(f);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(f.toString(), "", e.getMessage());
    } catch (UncheckedIOException e) {
      throw new ScenarioException(f.toString(), "", "cannot be read");
    }
  }
}
