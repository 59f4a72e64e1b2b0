package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.inference.RequestTrace;

/**
 * The request-trace formats from a scenario file, on the samples in examples/traces: BurstGPT, a
 * CSV mapped by columns, Azure 2024, ServeGen; each bad row located at its file and line.
 */
class TraceFormatsScenarioTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path H20 = Path.of("examples/serving-azure-code-h20.yaml");
  private static final Path TRACES = Path.of("examples/traces").toAbsolutePath();
  private static final Path BURST = TRACES.resolve("burstgpt/BurstGPT_synthetic_sample.csv");
  private static final Path VIDUR = TRACES.resolve("csv-columns/vidur_style_synthetic_sample.csv");

  @TempDir Path dir;

  /** The H20 example in {@code dir} with {@code requests} as its requests block. */
  private Path h20With(String requests) throws IOException {
    String text =
        Files.readString(H20)
            .replace(
                "      trace: traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv   # relative to"
                    + " this file",
                requests);
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** {@code source}'s lines copied into {@code dir}, line {@code badLine} (from 1) replaced. */
  private void copyWithBadLine(Path source, String name, int badLine, String bad)
      throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(source, StandardCharsets.UTF_8));
    lines.set(badLine - 1, bad);
    Files.write(dir.resolve(name), lines);
  }

  private static RequestTrace trace(Scenario s) {
    return Kinds.serving(s).trace();
  }

  @Test
  void aBurstGptTraceIsToldFromItsHeaderAndItsFailedRequestsAreCounted() throws IOException {
    Files.copy(BURST, dir.resolve("burst.csv"));

    Scenario s = LOADER.load(h20With("      trace: burst.csv"), List.of());

    // 240 rows in the sample, 7 of them failed requests (Response tokens 0).
    assertEquals(233, trace(s).requests().size());
    assertEquals("burst.csv (7 failed requests (0 response tokens) left out)", trace(s).source());
    // Its first rows: Timestamp 6 then 9; Request tokens 1244 then 133.
    assertEquals(3_000_000_000_000L, trace(s).requests().get(1).arrivalPicos(), "9 - 6 s");
    assertEquals(1244, trace(s).requests().get(0).promptTokens());
  }

  @Test
  void aBadBurstGptRowNamesTheFileLineAndColumn() throws IOException {
    copyWithBadLine(BURST, "burst.csv", 4, "10,ChatGPT,-187,52,239,Conversation log");

    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                LOADER.load(h20With("      trace: burst.csv\n      format: burstgpt"), List.of()));

    assertTrue(e.where().endsWith("burst.csv:4"), e.getMessage());
    assertEquals("workload.serving.requests.trace", e.keyPath());
    assertTrue(
        e.problem()
            .startsWith(
                "column \"Request tokens\": -187 is negative (line 4 of"
                    + " the burstgpt trace; set workload.serving.requests.skipBadRows: true"),
        e.getMessage());
  }

  @Test
  void aCsvIsReadThroughItsColumnsMapping() throws IOException {
    Files.copy(VIDUR, dir.resolve("vidur.csv"));
    String requests =
        "      trace: vidur.csv\n"
            + "      columns: { arrival: arrived_at, arrivalUnit: s, input: num_prefill_tokens,"
            + " output: num_decode_tokens }";

    Scenario s = LOADER.load(h20With(requests), List.of());

    assertEquals(240, trace(s).requests().size());
    // Row 3 of the sample: arrived_at 0.300650 s, 2,194 prompt and 207 output tokens.
    assertEquals(300_650_000_000L, trace(s).requests().get(2).arrivalPicos());
    assertEquals(2194, trace(s).requests().get(2).promptTokens());
    assertEquals(207, trace(s).requests().get(2).outputTokens());
  }

  @Test
  void aBadMappedRowNamesTheFileLineAndColumnOrIsSkipped() throws IOException {
    copyWithBadLine(VIDUR, "vidur.csv", 3, "1,soon,289,128");
    String requests =
        "      trace: vidur.csv\n      format: csv\n"
            + "      columns: { arrival: arrived_at, input: num_prefill_tokens,"
            + " output: num_decode_tokens }";

    ScenarioException e =
        assertThrows(ScenarioException.class, () -> LOADER.load(h20With(requests), List.of()));
    Scenario skipped = LOADER.load(h20With(requests + "\n      skipBadRows: true"), List.of());

    assertTrue(e.where().endsWith("vidur.csv:3"), e.getMessage());
    assertTrue(
        e.problem().startsWith("column \"arrived_at\": \"soon\" is not a number"), e.getMessage());
    assertEquals(1, trace(skipped).skippedRows());
    assertEquals(239, trace(skipped).requests().size());
  }

  @Test
  void aMappingNamingAColumnTheFileLacksIsLineOne() throws IOException {
    Files.copy(VIDUR, dir.resolve("vidur.csv"));
    String requests =
        "      trace: vidur.csv\n"
            + "      columns: { arrival: arrival_time, input: num_prefill_tokens,"
            + " output: num_decode_tokens }";

    ScenarioException e =
        assertThrows(ScenarioException.class, () -> LOADER.load(h20With(requests), List.of()));

    assertTrue(e.where().endsWith("vidur.csv:1"), e.getMessage());
    assertTrue(
        e.problem()
            .startsWith(
                "column \"arrival_time\": no such column; the header has 4"
                    + " columns: request_id, arrived_at, num_prefill_tokens, num_decode_tokens"),
        e.getMessage());
  }

  @Test
  void anAzure2024TraceReadsWithItsUtcOffsets() throws IOException {
    Path sample = TRACES.resolve("azure-llm-2024/AzureLLMInferenceTrace_code_synthetic_sample.csv");

    Scenario s = LOADER.load(h20With("      trace: " + sample), List.of());

    // 00:00:00.336283 then 00:00:00.354010: 17,727 us apart.
    assertEquals(240, trace(s).requests().size());
    assertEquals(17_727_000_000L, trace(s).requests().get(1).arrivalPicos());
  }

  @Test
  void aServeGenClientIsSampledOverTheWindowFromTheStartWithTheSeed() throws IOException {
    Path client = TRACES.resolve("servegen/reason/deepseek-r1/chunk-70-trace.csv");
    String requests = "      trace: " + client + "\n      start: 72000 s\n      window: 3600 s";

    Scenario s = LOADER.load(h20With(requests), List.of());
    Scenario again = LOADER.load(h20With(requests), List.of());
    Scenario otherSeed = LOADER.load(h20With(requests), List.of("seed=2"));

    // 20:00-21:00: six windows of the client's day; each holds ceil(rate x 600) - 1 requests.
    int expected = 0;
    for (String line : Files.readAllLines(client)) {
      String[] cells = line.split(",");
      long start = Long.parseLong(cells[0]);
      if (start >= 72000 && start < 75600) {
        expected += (int) Math.ceil(Double.parseDouble(cells[1]) * 600) - 1;
      }
    }
    assertEquals(expected, trace(s).requests().size(), "the windows' rates");
    assertTrue(
        trace(s).requests().get(0).arrivalPicos() < 600_000_000_000_000L,
        "times from start: the first request is in the first window");
    assertEquals(
        trace(s).requests().toString(), trace(again).requests().toString(), "one seed, one trace");
    assertTrue(!trace(s).requests().toString().equals(trace(otherSeed).requests().toString()));
    assertEquals("chunk-70-trace.csv (servegen, sampled with seed 1)", trace(s).source());
  }

  @Test
  void aServeGenClientNeedsAWindow() throws IOException {
    Path client = TRACES.resolve("servegen/language/m-mid/chunk-49-trace.csv");

    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () -> LOADER.load(h20With("      trace: " + client), List.of()));

    assertEquals("workload.serving.requests.window", e.keyPath());
    assertTrue(
        e.problem().startsWith("missing; servegen statistics are sampled over a span"),
        e.getMessage());
  }

  @Test
  void aFileOfNoKnownHeaderAsksForItsFormat() throws IOException {
    Files.copy(VIDUR, dir.resolve("vidur.csv"));

    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () -> LOADER.load(h20With("      trace: vidur.csv"), List.of()));

    assertEquals("workload.serving.requests.format", e.keyPath());
    assertEquals(
        "cannot tell the format of vidur.csv from its first line \"request_id,"
            + "arrived_at,num_prefill_tokens,num_decode_tokens\"; say format: azure, burstgpt,"
            + " mooncake, servegen, csv (csv with columns: {arrival, arrivalUnit, input, output})",
        e.problem());
  }

  @Test
  void aFormatOrArrivalUnitNotKnownGetsTheOneMessageForABadChoice() throws IOException {
    Files.copy(VIDUR, dir.resolve("vidur.csv"));

    ScenarioException format =
        assertThrows(
            ScenarioException.class,
            () -> LOADER.load(h20With("      trace: vidur.csv\n      format: vidur"), List.of()));
    ScenarioException unit =
        assertThrows(
            ScenarioException.class,
            () ->
                LOADER.load(
                    h20With(
                        "      trace: vidur.csv\n"
                            + "      columns: { arrival: arrived_at, arrivalUnit: minutes, input:"
                            + " num_prefill_tokens, output: num_decode_tokens }"),
                    List.of()));
    Scenario former =
        LOADER.load(
            h20With(
                "      trace: "
                    + TRACES.resolve(
                        "azure-llm-2024/AzureLLMInferenceTrace_code_synthetic_sample.csv")
                    + "\n      format: azure-csv"),
            List.of());

    assertEquals("workload.serving.requests.format", format.keyPath());
    assertEquals(
        "\"vidur\" is not valid here; valid: azure, burstgpt, mooncake, servegen, csv",
        format.problem());
    assertEquals("workload.serving.requests.columns.arrivalUnit", unit.keyPath());
    assertEquals("\"minutes\" is not valid here; valid: s, ms, us, ns, datetime", unit.problem());
    assertTrue(format.where().contains("scenario.yaml:"), "located: " + format.where());
    assertEquals(240, trace(former).requests().size(), "azure-csv still names the Azure format");
  }
}
