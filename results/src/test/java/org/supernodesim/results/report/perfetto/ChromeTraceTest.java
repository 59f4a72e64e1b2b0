package org.supernodesim.results.report.perfetto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChromeTraceTest {
  @Test
  void spansAreCompleteEventsInMicrosecondsAndTransfersAreFlows() throws Exception {
    // Given chip 3 computing from 1,500,000 ps to 4,000,000 ps and one transfer to chip 0.
    Timeline t =
        new Timeline(
            List.of("compute", "communication"),
            List.of(
                new Timeline.Chip(0, List.of()),
                new Timeline.Chip(3, List.of(new Timeline.Span(0, "mat\"mul", 1_500_000, 4_000_000)))),
            List.of(new Timeline.Transfer(3, 0, 1024, 4_000_000, 5_000_001)));
    StringWriter out = new StringWriter();
    ChromeTrace.write(t, out);
    JsonNode events = new ObjectMapper().readTree(out.toString()).get("traceEvents");
    JsonNode span = null;
    int processes = 0;
    int flows = 0;
    for (JsonNode e : events) {
      if (e.get("ph").asText().equals("X")) {
        span = e;
      }
      if (e.get("name").asText().equals("process_name")) {
        processes++;
      }
      if (e.get("ph").asText().equals("s") || e.get("ph").asText().equals("f")) {
        flows++;
      }
    }
    // Then one track (process) per chip, the span at ts 1.5 us lasting 2.5 us, the name escaped,
    // and the transfer a start and a finish of one flow.
    assertEquals(2, processes, "one process per chip");
    assertEquals("mat\"mul", span.get("name").asText(), "names survive JSON escaping");
    assertEquals(1.5, span.get("ts").asDouble(), 0, "1,500,000 ps = 1.5 us");
    assertEquals(2.5, span.get("dur").asDouble(), 0, "2,500,000 ps = 2.5 us");
    assertEquals(2, flows, "a flow is a start and a finish event");
    assertEquals("5.000001", ChromeTrace.micros(5_000_001), "six decimals keep a picosecond");
  }
}
