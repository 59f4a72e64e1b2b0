package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.results.report.perfetto.ChromeTrace;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * timeline.json against the rules of the Trace Event Format (Google, "Trace Event Format", 2016) as
 * chrome://tracing and Perfetto read them: every event has a known ph; times are microseconds >= 0;
 * every process and thread with slices is named by metadata, and no pid is 0; every flow is one "s"
 * and one "f" sharing an id, with bp "e", each lying inside a slice of the flow's own category on
 * its pid and tid (a flow binds to nothing otherwise); slices of a thread never partly overlap.
 * Times are compared as the exact decimals written, not as doubles.
 */
class TraceEventFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PHASES = Set.of("X", "M", "s", "f", "C");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        // A 4-stage pipeline (1F1B), 4 micro-batches per replica: sends between stages.
        "training 1F1B | llama-3.1-70b-64-h100.yaml | workload.training.globalBatch=8;"
            + "workload.training.fidelity=stage | 24",
        // Interleaved: two chunks per stage, the last stage's chunk 0 feeding stage 0's chunk 1.
        "training interleaved | llama-3.1-70b-64-h100.yaml | "
            + "workload.training.parallelism.virtualStages=2;workload.training.globalBatch=8;"
            + "workload.training.fidelity=stage | 56",
        // Collectives on a ring: every step's transfer, the first 64 per chip.
        "ring collectives | ring-collectives-8.yaml | report=[json, timeline] | 384",
        // Serving: each instance's steps, and counters of its batch, queue and KV use.
        "serving | serving-azure-code-h20.yaml | workload.serving.requests.window=60 s | 0",
      })
  void aTimelineFollowsTheTraceEventFormatAndItsFlowsBind(
      String what, String example, String overrides, int expectedFlows) throws Exception {
    List<String> sets = new ArrayList<>(List.of("report=[json, timeline]"));
    sets.addAll(List.of(overrides.split(";")));
    Scenario s =
        new ScenarioLoader(Catalog.standard()::chip).load(Path.of("examples", example), sets);
    ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);
    StringWriter out = new StringWriter();
    ChromeTrace.write(run.timeline().orElseThrow(), out);
    JsonNode trace = JSON.readTree(out.toString());

    List<JsonNode> events = new ArrayList<>();
    trace.get("traceEvents").forEach(events::add);
    Set<Integer> namedProcesses = new HashSet<>();
    Set<String> namedThreads = new HashSet<>();
    Map<String, List<BigDecimal[]>> slices = new HashMap<>(); // by pid/tid/cat: start, end
    Map<Long, List<JsonNode>> flows = new HashMap<>();
    int counters = 0;
    for (JsonNode e : events) {
      String ph = e.get("ph").asText();
      assertTrue(PHASES.contains(ph), what + ": ph " + ph);
      assertTrue(e.get("pid").asInt() >= 1, what + ": pid " + e.get("pid") + " (0 is reserved)");
      if (ph.equals("M")) {
        if (e.get("name").asText().equals("process_name")) {
          namedProcesses.add(e.get("pid").asInt());
        }
        if (e.get("name").asText().equals("thread_name")) {
          namedThreads.add(e.get("pid") + "/" + e.get("tid"));
        }
        continue;
      }
      BigDecimal ts = e.get("ts").decimalValue();
      assertTrue(ts.signum() >= 0, what + ": ts " + ts);
      assertTrue(ts.scale() <= 6, what + ": microseconds to the picosecond, " + ts);
      if (ph.equals("C")) {
        counters++;
        assertTrue(e.get("args").get(e.get("name").asText()).isNumber(),
            what + ": a counter's value is under its name in args: " + e);
      } else if (ph.equals("X")) {
        BigDecimal dur = e.get("dur").decimalValue();
        assertTrue(dur.signum() >= 0, what + ": dur " + dur);
        slices
            .computeIfAbsent(key(e), k -> new ArrayList<>())
            .add(new BigDecimal[] {ts, ts.add(dur)});
      } else {
        assertEquals("e", e.get("bp").asText(), what + ": a flow binds to its enclosing slice");
        flows.computeIfAbsent(e.get("id").asLong(), id -> new ArrayList<>()).add(e);
      }
    }
    for (JsonNode e : events) {
      if (!e.get("ph").asText().equals("M")) {
        assertTrue(namedProcesses.contains(e.get("pid").asInt()), what + ": pid without a name");
        assertTrue(
            namedThreads.contains(e.get("pid") + "/" + e.get("tid")),
            what + ": thread without a name");
      }
    }
    assertEquals(expectedFlows, flows.size(), what + ": flows");
    assertEquals(what.equals("serving"), counters > 0, what + ": counters only for serving");
    for (List<JsonNode> flow : flows.values()) {
      assertEquals(
          List.of("s", "f"),
          flow.stream().map(f -> f.get("ph").asText()).toList(),
          what + ": a flow is one start then one finish");
      assertTrue(
          flow.get(0).get("ts").decimalValue().compareTo(flow.get(1).get("ts").decimalValue()) <= 0,
          what + ": a flow runs forward");
      for (JsonNode end : flow) {
        BigDecimal ts = end.get("ts").decimalValue();
        boolean bound =
            slices.getOrDefault(key(end), List.of()).stream()
                .anyMatch(x -> x[0].compareTo(ts) <= 0 && ts.compareTo(x[1]) <= 0);
        assertTrue(bound, what + ": flow " + end + " lies in no slice of its category");
      }
    }
    for (Map.Entry<String, List<BigDecimal[]>> track : slices.entrySet()) {
      List<BigDecimal[]> sorted = new ArrayList<>(track.getValue());
      sorted.sort((a, b) -> a[0].compareTo(b[0]));
      for (int i = 1; i < sorted.size(); i++) {
        assertTrue(
            sorted.get(i)[0].compareTo(sorted.get(i - 1)[1]) >= 0,
            what + ": slices of " + track.getKey() + " overlap at " + sorted.get(i)[0]);
      }
    }
  }

  /** pid/tid/category: a flow binds to a slice of its own category on its own thread. */
  private static String key(JsonNode e) {
    return e.get("pid") + "/" + e.get("tid") + "/" + e.get("cat").asText();
  }
}
