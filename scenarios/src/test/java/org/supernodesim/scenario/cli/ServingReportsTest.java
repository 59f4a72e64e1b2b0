package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving run writes every file it is asked for and lists each; compare sets two serving runs'
 * headline figures side by side with their ratios, and two training runs' likewise.
 */
class ServingReportsTest {
  private static final String WINDOW = "workload.serving.requests.window=60 s";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static BadInputTest.Outcome h20;
  static BadInputTest.Outcome ascend;

  @BeforeAll
  static void runBoth() {
    h20 =
        BadInputTest.run(
            "run",
            "examples/serving-azure-code-h20.yaml",
            "--out",
            tmp.resolve("h20").toString(),
            "--set",
            WINDOW,
            "--set",
            "report=[json, md, html, timeline, requests, hgrm]");
    ascend =
        BadInputTest.run(
            "run",
            "examples/serving-azure-code-910b.yaml",
            "--out",
            tmp.resolve("910b").toString(),
            "--set",
            WINDOW,
            "--set",
            "report=[json]");
  }

  @Test
  void aServingRunWritesAndListsEveryFileItIsAskedFor() throws Exception {
    assertEquals(0, h20.code(), h20.err());
    for (String f :
        List.of(
            "result.json",
            "report.md",
            "report.html",
            "timeline.json",
            "requests.csv",
            "ttft.hgrm",
            "tpot.hgrm",
            "e2e.hgrm")) {
      Path file = tmp.resolve("h20").resolve(f);
      assertTrue(Files.isRegularFile(file), f + " written");
      assertTrue(h20.out().contains("wrote " + file), "the summary lists " + f + ": " + h20.out());
    }
    JsonNode serving = JSON.readTree(tmp.resolve("h20/result.json").toFile()).get("serving");
    long requests = serving.get("requestsArrived").asLong();
    // requests.csv: a header and one row per request of the window.
    List<String> csv = Files.readAllLines(tmp.resolve("h20/requests.csv"));
    assertEquals(requests + 1, csv.size(), "one row per request");
    // The time series: at most 120 buckets; every request arrives at one instance once.
    JsonNode series = serving.get("timeSeries");
    long arrivals = 0;
    for (JsonNode i : series.get("instances")) {
      assertTrue(i.get("busy").size() <= 120, "at most 120 buckets");
      for (JsonNode n : i.get("arrivals")) {
        arrivals += n.asLong();
      }
    }
    assertEquals(requests, arrivals, "the instances' arrivals add up to the trace's requests");
    assertEquals(103, serving.get("latencyCdf").get("fractions").size(), "the CDF's points");
    String html = Files.readString(tmp.resolve("h20/report.html"));
    assertTrue(
        html.contains("cumulative distribution (CDF)") && html.contains("SLO: TTFT"),
        "the page draws CDFs with the SLO");
    String md = Files.readString(tmp.resolve("h20/report.md"));
    for (String section : List.of("## Serving", "## Energy and cost", "## Appendix")) {
      assertTrue(md.contains(section), section + " in report.md as in the page");
    }
    String timeline = Files.readString(tmp.resolve("h20/timeline.json"));
    assertTrue(
        timeline.contains("\"ph\":\"C\"") && timeline.contains("instance 0 (unified"),
        "the timeline has each instance's steps and counters");
  }

  @Test
  void compareOfTwoServingRunsShowsLatencySloAndTokensPerChipWithRatios() throws Exception {
    assertEquals(0, ascend.code(), ascend.err());
    BadInputTest.Outcome compare =
        BadInputTest.run(
            "compare",
            tmp.resolve("h20/result.json").toString(),
            tmp.resolve("910b/result.json").toString());
    assertEquals(0, compare.code(), compare.err());
    for (String figure :
        List.of(
            "TTFT p50",
            "TTFT p99",
            "TPOT p50",
            "TPOT p99",
            "SLO attainment",
            "output tokens/s per chip",
            "cost per million output tokens")) {
      assertTrue(
          compare.out().lines().anyMatch(l -> l.startsWith(figure)),
          figure + " compared: " + compare.out());
    }
    // The TTFT p99 ratio is the two results' values divided.
    double a =
        JSON.readTree(tmp.resolve("h20/result.json").toFile())
            .at("/serving/ttftSeconds/p99")
            .asDouble();
    double b =
        JSON.readTree(tmp.resolve("910b/result.json").toFile())
            .at("/serving/ttftSeconds/p99")
            .asDouble();
    String line =
        compare.out().lines().filter(l -> l.startsWith("TTFT p99")).findFirst().orElseThrow();
    double ratio = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    assertEquals(b / a, ratio, b / a * 1e-3, "B/A to four digits: " + line);
  }

  @Test
  void compareOfTwoTrainingLayoutsShowsThroughputMfuAndWhetherEachFits() {
    Path fits = tmp.resolve("fits");
    Path short_ = tmp.resolve("short");
    String example = "examples/llama-3.1-70b-64-h100.yaml";
    assertEquals(
        0,
        BadInputTest.run(
                "run",
                example,
                "--out",
                fits.toString(),
                "--set",
                "workload.training.globalBatch=16",
                "--set",
                "report=[json]")
            .code());
    // tp 2 holds four times the weights per chip of tp 8: 120.9 GB of 80 GB.
    assertEquals(
        0,
        BadInputTest.run(
                "run",
                example,
                "--out",
                short_.toString(),
                "--set",
                "workload.training.globalBatch=16",
                "--set",
                "workload.training.parallelism.tp=2",
                "--set",
                "workload.training.parallelism.dp=8",
                "--set",
                "report=[json]")
            .code());
    BadInputTest.Outcome compare =
        BadInputTest.run(
            "compare",
            fits.resolve("result.json").toString(),
            short_.resolve("result.json").toString());
    assertEquals(0, compare.code(), compare.err());
    for (String figure : List.of("tokens/s", "MFU", "step time")) {
      assertTrue(compare.out().lines().anyMatch(l -> l.startsWith(figure)), figure);
    }
    String fit =
        compare.out().lines().filter(l -> l.startsWith("fits in memory")).findFirst().orElseThrow();
    assertTrue(fit.matches("fits in memory\\s+yes\\s+no\\s*"), "yes, then no: " + fit);
    assertTrue(
        compare
            .out()
            .lines()
            .anyMatch(l -> l.matches("memory short per chip\\s+0 GB\\s+40\\.\\d+ GB\\s*")),
        compare.out());
  }
}
