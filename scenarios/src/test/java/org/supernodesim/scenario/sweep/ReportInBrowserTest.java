package org.supernodesim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.supernodesim.scenario.cli.Main;
import org.supernodesim.results.report.html.HtmlReport;

/**
 * Opens every kind of page in headless Chromium (collectives, training, serving, a sweep over
 * chips, a serving sweep over the arrival rate, {@code compare --html} and a plan) and checks that
 * each chart it should have is there and renders: every {@code <svg>} lays out with a non-empty
 * box, axes and data marks (shapes with a tooltip: points, bars, lines of data), and no script
 * error is raised.
 */
class ReportInBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  // Records script errors from the first moment, and after load each chart's laid-out box, its
  // shapes and its data marks (shapes carrying a tooltip) into a <pre> that --dump-dom prints.
  static final String PROBE =
      "<script>window.__errors=[];window.addEventListener('error',e=>window.__errors.push("
          + "String(e.message)));window.addEventListener('load',()=>{const s=[...document"
          + ".querySelectorAll('svg')].map(g=>{const b=g.getBBox();return {w:b.width,h:b.height,"
          + "shapes:g.querySelectorAll('rect,path,circle,line').length,"
          + "data:g.querySelectorAll('rect>title,path>title,circle>title').length,"
          + "title:g.querySelector('title').textContent}});const p=document"
          + ".createElement('pre');p.id='probe';p.textContent=JSON.stringify({errors:"
          + "window.__errors,svgs:s});document.body.appendChild(p);});</script>";

  static void assumeChromium() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Chromium is not installed, so report.html is not opened in a browser; install it with"
            + " `apt-get install -y chromium` (Debian) to run this test");
  }

  /** Runs the CLI; fails with its output if it does not exit 0. */
  static void cli(String... args) {
    java.io.StringWriter text = new java.io.StringWriter();
    int code = Main.execute(args, new java.io.PrintWriter(text), new java.io.PrintWriter(text));
    assertEquals(0, code, String.join(" ", args) + ": " + text);
  }

  @Test
  void everyKindOfRunPageDrawsItsChartsInChromium(@TempDir Path tmp) throws Exception {
    assumeChromium();
    // Collectives: bus bandwidth against size beside the published nccl-tests curve.
    cli("run", "examples/busbw-hgx-h100-8.yaml", "--out", tmp.resolve("bw").toString());
    assertCharts(tmp.resolve("bw/report.html"), tmp,
        List.of("Bus bandwidth against size: all-reduce", "Bus bandwidth against size: all-to-all",
            "Bytes carried per link tier"));
    assertTrue(Files.readString(tmp.resolve("bw/report.html"))
        .contains("published hgx-h100-8, 8 GPUs"), "the published curve is drawn");
    // Training: the pipeline schedule, the time split and the memory per stage.
    cli("run", "examples/llama-3.1-70b-64-h100.yaml", "--out", tmp.resolve("tr").toString(),
        "--set", "workload.training.globalBatch=8");
    assertCharts(tmp.resolve("tr/report.html"), tmp,
        List.of("Pipeline schedule: each stage's passes over the step (",
            "Time split per rank (one simulated rank per pipeline stage)",
            "Memory per rank against the chip's capacity"));
    // Serving: three CDFs against the SLO, five series over time.
    cli("run", "examples/serving-azure-code-h20.yaml", "--out", tmp.resolve("sv").toString(),
        "--set", "workload.serving.requests.window=60 s");
    assertCharts(tmp.resolve("sv/report.html"), tmp,
        List.of("TTFT (time to first token): cumulative distribution (CDF), SLO",
            "TPOT (time per output token): cumulative distribution (CDF), SLO",
            "End-to-end latency: cumulative distribution (CDF)",
            "Arrivals over time", "Requests waiting to be admitted over time",
            "Running batch (requests admitted, holding KV) over time",
            "KV cache in use over time", "Utilisation (share of time in steps) over time"));
    // compare --html of the two runs above of different kinds: the table and its answer.
    Path page = tmp.resolve("compare.html");
    cli("compare", tmp.resolve("sv/result.json").toString(), tmp.resolve("tr/result.json")
        .toString(), "--html", page.toString());
    assertCharts(page, tmp, List.of());
    assertTrue(Files.readString(page).contains("class=\"decision\""), "the answer box");
  }

  @Test
  void networkChartsOfAFlowRunRenderInChromium(@TempDir Path tmp) throws Exception {
    assumeChromium();
    NetworkResult network =
        new NetworkResult(NetworkModel.FLOW, Map.of("l1", 2_000_000_000L, "l2", 1_000_000_000L),
            List.of(new NetworkResult.LinkLoad("chip 0 -> switch 64", "l1", 0.7, 1, 1),
                new NetworkResult.LinkLoad("switch 64 -> switch 72", "l2", 0.5, 1, 1)),
            List.of());
    RunResult r = new RunResult("page", 1, NetworkModel.FLOW, null, 2_000_000_000_000L, null,
        null, new CollectiveBenchmarkResult(List.of(), network), Optional.empty(), List.of());
    Path file = tmp.resolve("network.html");
    Files.writeString(file, HtmlReport.run(r));
    assertCharts(file, tmp, List.of(
        "Bytes carried per link tier (a transfer counts on every link it crosses)",
        "Link utilisation per tier (the 2 busiest links)"));
  }

  @Test
  void chartsOfASweepOverChipsRenderInChromium(@TempDir Path tmp) throws Exception {
    assumeChromium();
    // Given the report of a small sweep over chip counts (scaling and energy charts).
    Path file = tmp.resolve("browser.yaml");
    Files.writeString(
        file,
        SweepDefinitionTest.BASE.replace("chip: ascend-910c", "chip: {preset: ascend-910c, tdp: 1456 W}")
            + "sweep:\n  cluster.chips: [8, 16, 32, 64]\n");
    Path dir = tmp.resolve("sweep");
    assertEquals(0, SweepResumeTest.sweep(file, dir), "the sweep runs");
    assertCharts(dir.resolve("report.html"), tmp,
        List.of("Scaling efficiency vs chips (strong)",
            "Speedup vs chips (strong, relative to 8 chips)", "Facility energy per step vs chips"));
  }

  @Test
  void goodputCurvesOfAServingSweepOverTheRateRenderInChromium(@TempDir Path tmp)
      throws Exception {
    assumeChromium();
    Path file = tmp.resolve("rate.yaml");
    Files.writeString(file, """
        name: rate
        seed: 3
        cluster: { system: hgx-h20-8, nodes: 1 }
        workload:
          serving:
            model: llama-3.1-8b
            requests:
              synthetic: { rate: 5, cv: 1, count: 150, prompt: 1024, output: 64 }
            instances:
              - { role: unified, count: 2, tp: 1 }
            slo: { ttft: 400 ms, tpot: 50 ms }
        sweep:
          workload.serving.requests.synthetic.rate: [5, 10, 20]
        """);
    Path dir = tmp.resolve("sweep");
    assertEquals(0, SweepResumeTest.sweep(file, dir), "the sweep runs");
    assertCharts(dir.resolve("report.html"), tmp,
        List.of("Goodput (requests/s within the SLO) against the arrival rate",
            "Latency (p99) against throughput"));
  }

  @Test
  void thePlanPageRendersItsParetoFrontInChromium(@TempDir Path tmp) throws Exception {
    assumeChromium();
    Path file = tmp.resolve("plan.yaml");
    Files.writeString(file, """
        name: small-plan
        seed: 3
        cluster: { system: hgx-h20-8, nodes: 1 }
        workload:
          serving:
            model: llama-3.1-8b
            requests:
              synthetic: { rate: 10, cv: 1, count: 100, prompt: 1024, output: 64 }
            instances:
              - { role: unified, count: 1, tp: 8 }
            slo: { ttft: 400 ms, tpot: 50 ms }
        plan:
          space:
            instances:
              - [{ role: unified, count: 1, tp: 1 }]
              - [{ role: unified, count: 1, tp: 2 }]
              - [{ role: unified, count: 1, tp: 4 }]
          objectives: [chips, ttftP99]
        """);
    cli("plan", file.toString(), "--out", tmp.resolve("plan").toString());
    Path page = tmp.resolve("plan/plan.html");
    assertCharts(page, tmp, List.of("Pareto front: chips against ttftP99"));
    assertTrue(Files.readString(page).contains("class=\"decision\""), "the answer box");
  }

  /**
   * Opens {@code file} in Chromium: no script error; the charts titled {@code expected} are there
   * (and only charts), each laid out with axes and data marks.
   */
  static void assertCharts(Path file, Path tmp, List<String> expected) throws Exception {
    String html = Files.readString(file);
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
    JsonNode probe = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&"));

    // Then no script error, and each expected chart has a box of at least 100 x 100 px, axes
    // and ticks (shapes) and data marks.
    assertEquals(List.of(), errors(probe), file + ": script errors");
    List<String> titles = new ArrayList<>();
    for (JsonNode svg : probe.get("svgs")) {
      titles.add(svg.get("title").asText());
      assertTrue(svg.get("w").asDouble() >= 100 && svg.get("h").asDouble() >= 100,
          file + ": a chart's drawn box: " + svg);
      assertTrue(svg.get("shapes").asInt() >= 5, file + ": a chart draws axes and ticks: " + svg);
      assertTrue(svg.get("data").asInt() >= 1, file + ": a chart draws data: " + svg);
    }
    for (String title : expected) {
      assertTrue(titles.stream().anyMatch(t -> t.startsWith(title)),
          file + ": no chart " + title + " among " + titles);
    }
    assertEquals(expected.size(), titles.size(), file + ": the charts " + titles);
  }

  private static List<String> errors(JsonNode probe) {
    return java.util.stream.StreamSupport.stream(probe.get("errors").spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
