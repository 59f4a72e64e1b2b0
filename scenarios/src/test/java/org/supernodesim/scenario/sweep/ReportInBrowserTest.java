package org.supernodesim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.results.serving.LatencySeconds;

/**
 * Opens a sweep's report.html in headless Chromium and checks that its charts render: every
 * {@code <svg>} lays out with a non-empty box and drawn shapes, and no script error is raised.
 */
class ReportInBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  // Records script errors from the first moment, and after load each chart's laid-out box and
  // shape count into a <pre> that --dump-dom prints.
  static final String PROBE =
      "<script>window.__errors=[];window.addEventListener('error',e=>window.__errors.push("
          + "String(e.message)));window.addEventListener('load',()=>{const s=[...document"
          + ".querySelectorAll('svg')].map(g=>{const b=g.getBBox();return {w:b.width,h:b.height,"
          + "shapes:g.querySelectorAll('rect,path,circle,line').length}});const p=document"
          + ".createElement('pre');p.id='probe';p.textContent=JSON.stringify({errors:"
          + "window.__errors,svgs:s});document.body.appendChild(p);});</script>";

  static void assumeChromium() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Chromium is not installed, so report.html is not opened in a browser; install it with"
            + " `apt-get install -y chromium` (Debian) to run this test");
  }

  @Test
  void chartsOfATrainingAndServingRunPageRenderInChromium(@TempDir Path tmp) throws Exception {
    assumeChromium();
    // Given a run page with every kind of run chart: time split per rank, memory per stage
    // against capacity, three latency distributions.
    TrainingResult training =
        new TrainingResult("m", 8_030_261_248L, 8_030_261_248L, 16, "tp8 pp2", 8, 2.0, 1e5, 400,
            380, 0.5, 0.55, 0.1, 0.09,
            List.of(0, 8),
            List.of(new TrainingResult.RankTime(0, 0, 1.5, 0.3, 0.2, 0.6),
                new TrainingResult.RankTime(8, 1, 1.4, 0.4, 0.2, 0.7)),
            9e10, 1.28e11, true, 0,
            List.of(new TrainingResult.StageMemoryUse(0, 1e10, 1e10, 3e10, 3e10, 1e9, 8.1e10),
                new TrainingResult.StageMemoryUse(1, 1e10, 1e10, 3e10, 2e10, 1e9, 7.1e10)),
            1e4, "1f1b", false,
            new TrainingResult.FlopCounts(1e18, "full", 9e17, "fused causal", 300));
    LatencySeconds l = new LatencySeconds(0.1, 0.2, 0.3, 0.4);
    ServingResult serving =
        new ServingResult("t", 1, 1, 0, 0, l, l, l, 10, new ServingResult.PerChip(1, 1), null,
            new ServingResult.Utilisation(0, 0), null, 0, 1, 1, 0.3, List.of());
    NetworkResult network =
        new NetworkResult(NetworkModel.FLOW, Map.of("l1", 2_000_000_000L, "l2", 1_000_000_000L),
            List.of(new NetworkResult.LinkLoad("chip 0 -> switch 64", "l1", 0.7, 1, 1),
                new NetworkResult.LinkLoad("switch 64 -> switch 72", "l2", 0.5, 1, 1)),
            List.of());
    // One page per kind, as a run has one kind.
    List<String> pages = List.of(
        HtmlReport.run(page(training)), HtmlReport.run(page(serving)),
        HtmlReport.run(page(new CollectiveBenchmarkResult(List.of(), network))));
    assertEquals(7, pages.stream().mapToInt(html -> count(html, "<svg")).sum(),
        "time split, memory, TTFT, TPOT, e2e, bytes per tier, utilisation per tier");
    for (String html : pages) {
      assertChartsRender(html, tmp);
    }
  }

  private static RunResult page(WorkloadResult workload) {
    return new RunResult("page", 1, NetworkModel.FLOW, null, 2_000_000_000_000L, null, null,
        workload, Optional.empty(), List.of());
  }

  @Test
  void chartsOfASweepReportRenderInChromium(@TempDir Path tmp) throws Exception {
    assumeChromium();
    // Given the report of a small sweep over chip counts (scaling and energy charts).
    Path file = tmp.resolve("browser.yaml");
    Files.writeString(
        file,
        SweepDefinitionTest.BASE.replace("chip: ascend-910c", "chip: {preset: ascend-910c, tdp: 1456 W}")
            + "sweep:\n  cluster.chips: [8, 16, 32, 64]\n");
    Path dir = tmp.resolve("sweep");
    assertEquals(0, SweepResumeTest.sweep(file, dir), "the sweep runs");
    String html = Files.readString(dir.resolve("report.html"));
    int charts = count(html, "<svg");
    assertEquals(3, charts, "the report has its efficiency, speedup and energy charts");
    assertChartsRender(html, tmp);
  }

  /** Opens {@code html} in Chromium: no script error, every chart laid out with shapes in it. */
  static void assertChartsRender(String html, Path tmp) throws Exception {
    int charts = count(html, "<svg");
    Path probed = tmp.resolve("probed.html");
    Files.writeString(probed, html.replaceFirst("<head>", "<head>" + PROBE));

    // When Chromium loads it.
    Process p =
        new ProcessBuilder(
                CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--virtual-time-budget=5000", "--dump-dom", probed.toUri().toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String dom = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium ends");
    Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "the probe ran after load: " + dom.substring(0, Math.min(400, dom.length())));
    JsonNode probe =
        new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));

    // Then no script error, and every chart has a box of at least 100 x 100 px and shapes in it.
    assertEquals(List.of(), List.copyOf(errors(probe)), "script errors");
    assertEquals(charts, probe.get("svgs").size(), "every chart laid out");
    for (JsonNode svg : probe.get("svgs")) {
      assertTrue(svg.get("w").asDouble() >= 100 && svg.get("h").asDouble() >= 100,
          "a chart's drawn box: " + svg);
      assertTrue(svg.get("shapes").asInt() >= 5, "a chart draws axes, ticks and data: " + svg);
    }
  }

  private static List<String> errors(JsonNode probe) {
    return java.util.stream.StreamSupport.stream(probe.get("errors").spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
