package org.supernodesim.results.report.perfetto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.perfetto.Timeline.Arg;
import org.supernodesim.results.report.perfetto.Timeline.Category;
import org.supernodesim.results.report.perfetto.Timeline.Slice;

class ChromeTraceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Chip 3 (pid 4) computes 1.5-4 us, then sends 1 KiB to chip 0 (pid 1), arriving at 5 us. */
  private static Timeline oneTransfer() {
    TimelineBuilder b = new TimelineBuilder();
    b.process(1, "chip 0");
    b.process(4, "chip 3");
    b.track(4, 0, "compute");
    b.slice(
        4,
        0,
        new Slice(
            "mat\"mul",
            Category.COMPUTE,
            1_500_000,
            4_000_000,
            List.of(new Arg.Amount("flops", 2.5e12), new Arg.Text("precision", "bf16"))));
    b.transfer(
        4,
        "send",
        new Slice(
            "1 KiB to chip 0",
            Category.TRANSFER,
            4_000_000,
            5_000_001,
            List.of(new Arg.Whole("bytes", 1024))),
        1,
        "receive",
        new Slice("1 KiB from chip 3", Category.TRANSFER, 5_000_001, 5_000_001, List.of()));
    return b.build();
  }

  private static List<JsonNode> events(JsonNode trace) {
    List<JsonNode> out = new ArrayList<>();
    trace.get("traceEvents").forEach(out::add);
    return out;
  }

  @Test
  void slicesAreCompleteEventsInMicrosecondsWithTheirArgs() throws Exception {
    StringWriter out = new StringWriter();
    ChromeTrace.write(oneTransfer(), out);
    List<JsonNode> events = events(JSON.readTree(out.toString()));

    JsonNode matmul =
        events.stream()
            .filter(e -> e.get("name").asText().equals("mat\"mul"))
            .findFirst()
            .orElseThrow();
    // 1,500,000 ps = 1.5 us, lasting 2,500,000 ps = 2.5 us; the name survives JSON escaping.
    assertEquals("X", matmul.get("ph").asText());
    assertEquals("compute", matmul.get("cat").asText());
    assertEquals(4, matmul.get("pid").asInt(), "chip 3 is pid 4");
    assertEquals(1.5, matmul.get("ts").asDouble(), 0);
    assertEquals(2.5, matmul.get("dur").asDouble(), 0);
    assertEquals(2.5e12, matmul.get("args").get("flops").asDouble(), 0);
    assertEquals("bf16", matmul.get("args").get("precision").asText());
    assertEquals("5.000001", ChromeTrace.micros(5_000_001), "six decimals keep a picosecond");
  }

  @Test
  void processesAndThreadsAreNamedAndSortedByMetadata() throws Exception {
    StringWriter out = new StringWriter();
    ChromeTrace.write(oneTransfer(), out);
    List<JsonNode> events = events(JSON.readTree(out.toString()));

    List<String> names = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.get("ph").asText().equals("M")) {
        names.add(
            e.get("pid").asInt()
                + "/"
                + e.get("tid").asInt()
                + " "
                + e.get("name").asText()
                + " "
                + e.get("args").elements().next().asText());
      }
    }
    // Chip 0 has only its receive lane (tid 0: it has no fixed track); chip 3 its compute
    // stream (tid 0) and its send lane after it (tid 1).
    assertEquals(
        List.of(
            "1/0 process_name chip 0",
            "1/0 process_sort_index 1",
            "1/0 thread_name receive",
            "1/0 thread_sort_index 0",
            "4/0 process_name chip 3",
            "4/0 process_sort_index 4",
            "4/0 thread_name compute",
            "4/0 thread_sort_index 0",
            "4/1 thread_name send",
            "4/1 thread_sort_index 1"),
        names);
  }

  @Test
  void aTransferIsAFlowFromItsSendSliceToItsReceiveSliceOfOneCategory() throws Exception {
    StringWriter out = new StringWriter();
    ChromeTrace.write(oneTransfer(), out);
    List<JsonNode> events = events(JSON.readTree(out.toString()));

    JsonNode start =
        events.stream().filter(e -> e.get("ph").asText().equals("s")).findFirst().orElseThrow();
    JsonNode finish =
        events.stream().filter(e -> e.get("ph").asText().equals("f")).findFirst().orElseThrow();
    assertEquals(1, start.get("id").asLong());
    assertEquals(start.get("id"), finish.get("id"), "one id joins the two ends");
    assertEquals("transfer", start.get("cat").asText());
    assertEquals("transfer", finish.get("cat").asText());
    assertEquals("e", start.get("bp").asText());
    assertEquals("e", finish.get("bp").asText(), "bound to the enclosing slice");
    // Each end is its slice's start: pid 4 tid 1 at 4 us, pid 1 tid 0 at 5.000001 us.
    assertEquals("4/1", start.get("pid") + "/" + start.get("tid"));
    assertEquals(4.0, start.get("ts").asDouble(), 0);
    assertEquals("1/0", finish.get("pid") + "/" + finish.get("tid"));
    assertEquals(5.000001, finish.get("ts").asDouble(), 0);
  }

  @Test
  void overlappingTransfersGoOnSeparateLanesAndEachFlowKeepsItsSlice() {
    // Chip 0 sends to chip 1 at 0-10 ps and 5-15 ps (overlapping), then at 10-20 ps (the first
    // lane is free again at 10).
    TimelineBuilder b = new TimelineBuilder();
    b.process(1, "chip 0");
    b.process(2, "chip 1");
    for (long[] t : new long[][] {{0, 10}, {5, 15}, {10, 20}}) {
      b.transfer(
          1,
          "send",
          new Slice("s" + t[0], Category.TRANSFER, t[0], t[1], List.of()),
          2,
          "receive",
          new Slice("r" + t[0], Category.TRANSFER, t[1], t[1], List.of()));
    }

    Timeline timeline = b.build();

    Timeline.Process sender = timeline.processes().get(0);
    assertEquals(
        List.of("send (1)", "send (2)"),
        sender.tracks().stream().map(Timeline.Track::name).toList());
    assertEquals(
        List.of("s0", "s10"), sender.tracks().get(0).slices().stream().map(Slice::name).toList());
    assertEquals(
        List.of(0, 1, 0),
        timeline.flows().stream().map(f -> f.from().tid()).toList(),
        "each flow on its lane");
  }

  @Test
  void theFileAppearsWholeUnderItsNameAndGzippedWhenAsked() throws Exception {
    Path plain = dir.resolve("timeline.json");
    Path gzipped = dir.resolve("timeline.json.gz");

    OutputFiles.write(plain, out -> ChromeTrace.write(oneTransfer(), out));
    OutputFiles.writeGzipped(gzipped, out -> ChromeTrace.write(oneTransfer(), out));

    JsonNode fromGzip;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
      fromGzip = JSON.readTree(in);
    }
    assertEquals(JSON.readTree(plain.toFile()), fromGzip, "the same trace, gzipped");
    try (var left = Files.list(dir)) {
      assertEquals(2, left.count(), "no temporary file is left beside the two");
    }
    assertTrue(Files.size(gzipped) < Files.size(plain));
  }
}
