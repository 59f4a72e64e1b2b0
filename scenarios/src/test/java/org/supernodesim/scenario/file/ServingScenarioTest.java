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
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;

/** Loading {@code workload.serving}: traces relative to the file, bad rows, readings, gaps. */
class ServingScenarioTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path H20 = Path.of("examples/serving-azure-code-h20.yaml");
  private static final Path PPU = Path.of("examples/serving-azure-code-ppu.yaml");
  private static final Path TRACE =
      Path.of("examples/traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv");

  @TempDir Path dir;

  /** The H20 example in {@code dir}, naming {@code trace} (relative to {@code dir}). */
  private Path h20With(String trace) throws IOException {
    String text = Files.readString(H20).replace(
        "traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv", trace);
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** The trace's header and first rows with row {@code bad} (a line number) replaced. */
  private void badTrace(String name, int badLine) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(TRACE, StandardCharsets.UTF_8)
        .subList(0, 40));
    lines.set(badLine - 1, "2023-11-16 18:17:10.0000000,not-a-number,12");
    Files.write(dir.resolve(name), lines);
  }

  @Test
  void theTracePathIsRelativeToTheScenarioFile() {
    Scenario s = LOADER.load(H20, List.of());

    assertEquals(8819, Kinds.serving(s).trace().requests().size(), "the whole Azure code trace");
    assertEquals(32, Kinds.serving(s).chips());
  }

  @Test
  void aBadRowFailsNamingTheTraceFileAndLine() throws IOException {
    badTrace("bad.csv", 6);
    Path scenario = h20With("bad.csv");

    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(scenario, List.of()));

    assertTrue(e.where().endsWith("bad.csv:6"), e.getMessage());
    assertEquals("workload.serving.requests.trace", e.keyPath());
    assertTrue(e.problem().startsWith("column \"ContextTokens\": \"not-a-number\" is not a number"),
        e.getMessage());
    assertTrue(e.problem().contains("skipBadRows"), "says how to skip: " + e.getMessage());
  }

  @Test
  void withSkipBadRowsTheRowIsSkippedAndCounted() throws IOException {
    badTrace("bad.csv", 6);

    Scenario s = LOADER.load(h20With("bad.csv"),
        List.of("workload.serving.requests.skipBadRows=true"));

    assertEquals(1, Kinds.serving(s).trace().skippedRows());
    assertEquals(38, Kinds.serving(s).trace().requests().size(), "39 rows less the bad one");
  }

  @Test
  void aMissingTraceNamesTheResolvedPath() throws IOException {
    Path scenario = h20With("no/such.csv");

    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(scenario, List.of()));

    assertTrue(e.getMessage().contains("workload.serving.requests.trace: no such file: "
        + dir.resolve("no/such.csv")), e.getMessage());
  }

  @Test
  void aFigureThePresetLacksMustComeFromTheScenario() {
    // The PPU's HBM bandwidth is unpublished: the example gives it; without, the run is refused.
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(PPU, List.of("cluster.chip.hbmBandwidth=")));

    assertEquals("cluster.chip", e.keyPath());
    assertTrue(e.problem().startsWith("hbmBandwidth is unknown for alibaba-ppu@cctv"),
        e.getMessage());
    assertTrue(e.problem().endsWith("give it in the scenario as cluster.chip.hbmBandwidth"));
  }

  @Test
  void bf16OnAChipWithOnlyAnFp16EstimateIsRefused() {
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(PPU, List.of("workload.serving.weights=bf16")));

    assertTrue(e.problem().startsWith("bf16DenseFlops is unknown for alibaba-ppu@cctv"),
        e.getMessage());
  }

  @Test
  void readingsChangeOnlyTheirFiguresAndNameThemselves() {
    var base = Catalog.standard().chip("alibaba-ppu");
    var cctv = Catalog.standard().chip("alibaba-ppu@cctv");
    var wsj = Catalog.standard().chip("alibaba-ppu@wsj");

    assertEquals(base.figures(), cctv.figures(), "the preset is the CCTV reading");
    assertEquals("alibaba-ppu@wsj", wsj.id());
    assertEquals(Confidence.UNKNOWN, wsj.figures().get(ChipFigure.HBM_CAPACITY).confidence(),
        "WSJ says 'more memory than the H20' without a number");
    assertEquals(Confidence.UNKNOWN, wsj.figures().get(ChipFigure.TDP).confidence());
    assertEquals(base.figures().get(ChipFigure.FP16_DENSE_FLOPS),
        wsj.figures().get(ChipFigure.FP16_DENSE_FLOPS), "figures not in the reading stay");

    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(PPU, List.of("cluster.chip.preset=alibaba-ppu@wsj")));
    assertTrue(e.problem().startsWith("hbmCapacity is unknown for alibaba-ppu@wsj (WSJ"),
        e.getMessage());

    Scenario given = LOADER.load(PPU, List.of("cluster.chip.preset=alibaba-ppu@wsj",
        "cluster.chip.hbmCapacity=128 GB"));
    assertEquals(Confidence.OVERRIDDEN,
        given.chip().figures().get(ChipFigure.HBM_CAPACITY).confidence());

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Catalog.standard().chip("alibaba-ppu@nikkei"));
    assertTrue(unknown.getMessage().contains("alibaba-ppu@cctv, alibaba-ppu@wsj"),
        unknown.getMessage());
  }

  @Test
  void servingKeysAreStrict() {
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(H20, List.of("workload.serving.scheduler.maxBatchSize=8")));

    assertTrue(e.problem().startsWith("unknown key; keys here: blockSize, chunkedPrefill,"
        + " decode, kvTier, maxBatch, maxBatchPerChip, memoryFraction, prefill, prefixCaching,"
        + " tokenBudget"), e.getMessage());
  }

  @Test
  void aModelThatDoesNotFitIsRefusedBeforeTheRun() {
    // Llama-3.1 70B in BF16 is 141 GB: one 96 GB H20 per instance cannot hold it.
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(H20, List.of("workload.serving.instances[0].tp=1",
            "workload.serving.instances[0].count=4")));

    assertEquals("workload.serving.instances[0]", e.keyPath());
    assertTrue(e.problem().contains("leaving no KV cache"), e.getMessage());
  }

  @Test
  void requestsBeyondTheModelsContextAreRefusedOrDroppedWhenAsked() {
    Path mooncake = Path.of("examples/serving-mooncake-prefix-h20.yaml");

    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(mooncake, List.of("workload.serving.requests.overlong=refuse")));
    Scenario skipped = LOADER.load(mooncake, List.of());

    // Request 249 of the Mooncake synthetic trace: 134,773 + 382 tokens > Llama-3.1's 131,072.
    assertTrue(e.problem().startsWith("request 249 (arriving at 147.580 s) needs 134773 + 382"
        + " tokens, beyond llama-3.1-8b's context of 131072 tokens"), e.getMessage());
    assertEquals(10, Kinds.serving(skipped).trace().skippedOverlong(), "10 of 3,993 are too long");
    assertEquals(3983, Kinds.serving(skipped).trace().requests().size());
  }

  @Test
  void weightsInAPrecisionTheChipLacksNameThePrecisionsItHas() {
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(Path.of("examples/serving-azure-code-910b.yaml"),
            List.of("workload.serving.weights=fp8")));

    assertEquals("workload.serving.weights", e.keyPath());
    assertEquals("ascend-910b has no fp8DenseFlops (not supported), so it cannot multiply these"
        + " weights; valid here: fp16, bf16, int8", e.problem());
  }

  @Test
  void fp4WeightsRunAtTheFp4RateOfAChipThatHasOneAndAreRefusedElsewhere() {
    Path sglang = Path.of("examples/validation/sglang-deepseek-v3-h100.yaml");
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> LOADER.load(sglang, List.of("workload.serving.weights=nvfp4")));
    assertEquals("workload.serving.weights", e.keyPath());
    assertTrue(e.problem().startsWith("nvidia-h100-sxm has no fp4DenseFlops in the catalog, so it"
        + " cannot multiply these weights; valid here: fp16, bf16, fp8"), e.problem());

    // The same deployment on B200 nodes: NVFP4 weights at 4.5 bits, multiplied at the B200's
    // 9 PFLOPS dense FP4 (catalog, NVIDIA Blackwell brief Table 3) against 4.5 for FP8.
    // (The catalog gives no B200 SM count, so DeepEP's SMs are left out on both.)
    String noSms = "workload.serving.instances[0].communicationSms=null";
    List<String> b200 = List.of("cluster.system=dgx-b200-8", noSms);
    var fp8 = Kinds.serving(LOADER.load(sglang, b200)).instances().get(0).costs();
    var fp4 = Kinds.serving(LOADER.load(sglang, List.of("cluster.system=dgx-b200-8", noSms,
        "workload.serving.weights=nvfp4"))).instances().get(0).costs();
    var prefill = new org.supernodesim.workload.inference.Batch(16384L * 32,
        8L * 32 * 2048 * 2049 / 2, 16384L * 32, 8 * 32);
    assertTrue(fp4.step(prefill).computePicos() < 0.75 * fp8.step(prefill).computePicos(),
        "a compute-bound prefill's GEMMs at twice the rate");
    // Embedding, head, norms and routers stay BF16 (3.92 GB); the rest shrinks from 1 byte to
    // 4.5 bits an element.
    double tables = 3.92e9;
    assertEquals(Precision.NVFP4.bytes() * (fp8.weightBytesPerChip() - tables) + tables,
        fp4.weightBytesPerChip(), 0.01e9);
  }
}
