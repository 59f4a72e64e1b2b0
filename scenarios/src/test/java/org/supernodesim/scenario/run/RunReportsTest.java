package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.MarkdownReport;
import org.supernodesim.results.report.OutputException;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/** A run's files: result.json, then the reports asked for, each the text of its result. */
class RunReportsTest {
  private static Scenario ring(String report) {
    return new ScenarioLoader(Catalog.standard()::chip)
        .load(Path.of("examples", "ring-collectives-8.yaml"), List.of("report=" + report));
  }

  @Test
  void theReportsAreTheTextOfTheirResultInOrder(@TempDir Path dir) throws Exception {
    // Given the ring example run once.
    Scenario s = ring("[json, md, html]");
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);

    List<Path> written = RunReports.write(run, s.accounting(), dir);

    // Then result.json comes first, then report.md and report.html, each the text its writer
    // draws of the result, byte for byte.
    assertEquals(
        List.of(dir.resolve("result.json"), dir.resolve("report.md"), dir.resolve("report.html")),
        written);
    assertEquals(JsonReport.toJson(run.result()), Files.readString(dir.resolve("result.json")));
    assertEquals(MarkdownReport.run(run.result()), Files.readString(dir.resolve("report.md")));
    assertEquals(HtmlReport.run(run.result()), Files.readString(dir.resolve("report.html")));
  }

  @Test
  void onlyTheReportsAskedForAreWritten(@TempDir Path dir) {
    Scenario s = ring("[json, html]");
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);

    List<Path> written = RunReports.write(run, s.accounting(), dir);

    assertEquals(List.of(dir.resolve("result.json"), dir.resolve("report.html")), written);
    assertFalse(Files.exists(dir.resolve("report.md")), "md was not asked");
  }

  @Test
  void aFileThatCannotBeWrittenIsNamedAndLaterOnesAreNotWritten(@TempDir Path dir)
      throws Exception {
    // Given a folder where report.md is taken by a folder of that name.
    Scenario s = ring("[json, md, html]");
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);
    Files.createDirectories(dir.resolve("report.md").resolve("x"));

    OutputException e =
        assertThrows(OutputException.class, () -> RunReports.write(run, s.accounting(), dir));

    // Then the error names report.md; result.json, written before it, is whole; report.html,
    // after it, is not written.
    assertTrue(e.getMessage().contains("report.md"), e.getMessage());
    assertEquals(JsonReport.toJson(run.result()), Files.readString(dir.resolve("result.json")));
    assertFalse(Files.exists(dir.resolve("report.html")), "nothing after the failed file");
  }
}
