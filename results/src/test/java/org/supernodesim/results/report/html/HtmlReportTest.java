package org.supernodesim.results.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TestResults;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.scaling.ScalingAnalysis;
import org.supernodesim.results.scaling.ScalingKind;
import org.supernodesim.results.scaling.ScalingPoint;

class HtmlReportTest {
  private static final Pattern SVG = Pattern.compile("<svg[^>]*>(.*?)</svg>", Pattern.DOTALL);
  private static final Pattern LINK =
      Pattern.compile("(?:src|href)\\s*=\\s*[\"']?([^\"'\\s>]*)", Pattern.CASE_INSENSITIVE);

  /** The package-info example: 1 GiB all-reduce on 384 chips in 6,230,009,000 ps. */
  static RunResult allReduce384(String scenario) {
    CollectiveResult c =
        CollectiveResult.of(
            CollectiveKind.ALL_REDUCE, "ring", 384, Units.BYTES_PER_GIB, 6_230_009_000L);
    ChipSummary chip =
        new ChipSummary(
            "ascend-910c",
            "Ascend 910C",
            List.of(
                new ChipSummary.FigureUse("hbm", 128e9, "B", "vendor", "datasheet"),
                new ChipSummary.FigureUse("link", null, "B/s", "estimate", "<unknown & guessed>")));
    return TestResults.collectives(
        scenario,
        7,
        new EngineFacts("conservative-windows", 500_000, 385, 1_000_000),
        6_230_009_000L,
        new RunInfo("sequential", 0.5, 1, 0, 2e6, "host", "17"),
        chip,
        List.of(c));
  }

  private static void assertSelfContainedWithCharts(String html, int charts) {
    Matcher svg = SVG.matcher(html);
    int found = 0;
    while (svg.find()) {
      found++;
      String inner = svg.group(1);
      assertTrue(inner.contains("<title>"), "each chart has a title: " + inner);
      assertTrue(
          inner.contains("<rect") || inner.contains("<circle") || inner.contains("<path"),
          "each chart draws marks");
      assertTrue(inner.contains("class=\"axis\""), "each chart has axes");
      assertTrue(inner.contains("class=\"axis-label\""), "each chart labels its axes");
    }
    assertEquals(charts, found, "non-empty <svg> charts on the page");
    Matcher link = LINK.matcher(html);
    while (link.find()) {
      String target = link.group(1).toLowerCase(java.util.Locale.ROOT);
      assertFalse(
          target.startsWith("http:") || target.startsWith("https:") || target.startsWith("//"),
          "a src/href points off the page: " + target);
    }
    assertFalse(html.contains("http://"), "no address at all: the page opens offline");
    assertFalse(html.contains("https://"), "no address at all: the page opens offline");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("<link"), "no external stylesheet");
  }

  @Test
  void runPageChartsBusBandwidthAndStatesItsNumbers() {
    String html = HtmlReport.run(allReduce384("allreduce-384"));

    assertSelfContainedWithCharts(html, 1);
    // algbw = 2^30 B / 6.230009e-3 s = 172.35 GB/s; busbw = algbw · 2·383/384 = 343.8 GB/s.
    assertTrue(html.contains("343.8 GB/s"), "busbw to 4 digits");
    assertTrue(html.contains("172.3 GB/s"), "algbw to 4 digits");
    assertTrue(html.contains("1 GiB"), "size in binary units");
    assertTrue(html.contains("6.23 ms"), "6,230,009,000 ps to 4 digits");
    assertTrue(html.contains("bus bandwidth (GB/s)"), "the y axis carries its unit");
    assertTrue(
        html.contains("128 GB"), "a figure's value (128e9 B) in the chip table, with SI prefix");
    assertFalse(html.contains("e+"), "no scientific notation for people");
    assertTrue(html.contains("&lt;unknown &amp; guessed&gt;"), "figure sources are escaped");
  }

  @Test
  void textFromTheScenarioIsEscapedEverywhere() {
    String html = HtmlReport.run(allReduce384("<script>alert(\"x\")</script> & 'co'"));

    assertFalse(html.contains("<script>alert"), "no markup from a name");
    assertTrue(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"),
        "the name appears escaped");
  }

  @Test
  void sameInputGivesTheSameBytes() {
    assertEquals(HtmlReport.run(allReduce384("a")), HtmlReport.run(allReduce384("a")));
  }

  @Test
  void sweepPageHasPointsEfficiencyChartAndFits() {
    // Strong scaling from 8 to 64 chips, step times from Amdahl with σ = 0.1: T = 2 s / S(n).
    List<SweepPoint> points = new ArrayList<>();
    List<ScalingPoint> scaling = new ArrayList<>();
    for (int chips : new int[] {8, 16, 32, 64}) {
      double n = chips / 8.0;
      double seconds = 2.0 / (n / (1 + 0.1 * (n - 1)));
      scaling.add(new ScalingPoint(chips, seconds));
      points.add(
          new SweepPoint(
              "chips=" + chips,
              Map.of("cluster.chips", Integer.toString(chips)),
              allReduce384("p" + chips)));
    }
    ScalingAnalysis analysis = ScalingAnalysis.of(ScalingKind.STRONG, scaling);

    String html = HtmlReport.sweep("sweep <chips>", points, Optional.of(analysis), 0.5);

    assertSelfContainedWithCharts(html, 2); // efficiency and speedup against chips
    assertTrue(html.contains("sweep &lt;chips&gt;"), "title escaped");
    assertTrue(html.contains("Speedup vs chips (strong, relative to 8 chips)"), "speedup chart");
    assertTrue(html.contains("<title>ideal</title>"), "the ideal speedup N/N1 is drawn");
    assertTrue(
        html.contains("64 count, log2 scale: 4.706 x the base point"),
        "speedup at 64 chips: 8 / 1.7 = 4.706");
    assertTrue(html.contains("cluster.chips"), "parameters become columns");
    assertTrue(html.contains("efficiency (fraction of ideal)"), "y axis with unit");
    // At 64 chips n = 8: S = 8/1.7 = 4.706, efficiency = 1/1.7 = 0.5882.
    assertTrue(html.contains("0.5882"), "efficiency at 64 chips");
    // Amdahl σ = 0.1 crosses 0.5 at n = 11, 88 chips; the data never go below it.
    assertTrue(html.contains("<td class=\"num\">88</td>"), "fitted crossing at 88 chips");
    assertTrue(html.contains("every point keeps efficiency at or above 0.5"), html);
    assertTrue(html.contains("Amdahl fit") && html.contains("USL fit"), "both curves drawn");
  }

  @Test
  void stackedBarChartDrawsOneRectPerSeriesPerBarWithALegend() {
    // Two ranks, each split into compute / exposed communication / idle (ms).
    String svg =
        SvgCharts.stackedBarChart(
            "Time per rank",
            new SvgCharts.Axis("rank", ""),
            new SvgCharts.Axis("time", "ms"),
            List.of("compute", "exposed communication", "idle"),
            List.of(
                new SvgCharts.Stack("rank 0", List.of(6.0, 3.0, 1.0)),
                new SvgCharts.Stack("rank 1", List.of(5.0, 4.0, 1.5))));

    // 6 segments with a <title> each, plus 3 legend swatches.
    assertEquals(9, svg.split("<rect", -1).length - 1, svg);
    assertTrue(svg.contains("rank 1 exposed communication: 4 ms"), "segments name their value");
    assertTrue(svg.contains(">time (ms)</text>"), "y axis label with unit");
    // The tallest stack is 10.5 ms: ticks every 2.5 up to 12.5.
    assertTrue(svg.contains(">12.5</text>"), "the y axis ends on a round tick above the data");
  }

  @Test
  void aLimitIsADashedLineTheAxisReaches() {
    // Two ranks using 60 and 70 GB of a 96 GB chip: the axis must reach 96, its ticks to 100.
    String svg =
        SvgCharts.stackedBarChart(
            "Memory per rank",
            new SvgCharts.Axis("rank", ""),
            new SvgCharts.Axis("memory", "GB"),
            List.of("weights", "activations"),
            List.of(
                new SvgCharts.Stack("rank 0", List.of(40.0, 20.0)),
                new SvgCharts.Stack("rank 1", List.of(40.0, 30.0))),
            new SvgCharts.Limit("HBM capacity", 96));
    assertTrue(svg.contains("<title>HBM capacity: 96 GB</title></line>"), svg);
    assertTrue(svg.contains(">100</text>"), "the y axis ends on a round tick above the limit");
  }
}
