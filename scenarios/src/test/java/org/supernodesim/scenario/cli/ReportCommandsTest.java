package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run writes what report: lists; report DIR draws it again; compare sets runs side by side. */
class ReportCommandsTest {
  static final String SCENARIO =
      """
      name: cmd
      cluster:
        chips: 8
        chip: nvidia-h800-sxm
        fabric: { kind: single-switch, link: { bandwidth: 200 GB/s, latency: 1 us } }
      workload:
        collectives:
          - { kind: all-reduce, size: 1 GiB, algorithm: ring }
      cost: { chipHour: 2 USD, electricity: none }
      report: [json, md, html, timeline]
      """;

  @Test
  void runReportAndCompare(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("cmd.yaml");
    Files.writeString(file, SCENARIO);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(0, BadInputTest.run("run", file.toString(), "--out", a.toString()).code());
    // B: the same with links half as fast, so about twice the time and cost.
    assertEquals(0, BadInputTest.run("run", file.toString(), "--out", b.toString(),
        "--set", "cluster.fabric.link.bandwidth=100 GB/s").code());
    for (String f : new String[] {"result.json", "report.md", "report.html", "timeline.json"}) {
      assertTrue(Files.isRegularFile(a.resolve(f)), f + " written because report: lists it");
    }

    // report DIR draws the same pages from result.json alone.
    String html = Files.readString(a.resolve("report.html"));
    Files.delete(a.resolve("report.html"));
    BadInputTest.Outcome report = BadInputTest.run("report", a.toString());
    assertEquals(0, report.code(), report.err());
    assertEquals(html, Files.readString(a.resolve("report.html")), "re-rendered page is the same");

    // compare: B's ring time is 2(n-1)/n S/B' + 2(n-1) alpha with B' = B/2: the bandwidth term
    // doubles, the latency term (14 steps x 2 us of 9.4 ms) does not, so B/A is just under 2.
    Path page = tmp.resolve("compare.html");
    BadInputTest.Outcome compare =
        BadInputTest.run("compare", a.resolve("result.json").toString(),
            b.resolve("result.json").toString(), "--html", page.toString());
    assertEquals(0, compare.code(), compare.err());
    String line = compare.out().lines().filter(l -> l.startsWith("simulated time")).findFirst()
        .orElseThrow();
    double ratio = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    assertEquals(2.0, ratio, 0.01, "B/A of the simulated time within 0.01 of 2: " + line);
    assertTrue(compare.out().lines().findFirst().orElseThrow().contains(a.resolve("result.json").toString()),
        "runs of one scenario are named by their files: " + compare.out());
    assertTrue(compare.out().contains("cost of the run (chip-hour price)"), compare.out());
    assertTrue(Files.readString(page).contains("<table>"), "the HTML table is written");
  }
}
