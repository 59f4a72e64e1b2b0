package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.ServingWorkload;

/**
 * The serving options of a scenario file: the flow model (the same bytes on every runtime),
 * per-role scheduler limits, saturation, goodput, and models written inline or read from a
 * Hugging Face config.
 */
class ServingOpsTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final java.nio.file.Path EP32 =
      java.nio.file.Path.of("examples/serving-deepseek-v3-ep32-h100.yaml");
  private static final java.nio.file.Path H20 =
      java.nio.file.Path.of("examples/serving-azure-code-h20.yaml");

  private static String withoutRun(RunResult result) {
    return JsonReport.toJson(result.withRun(null));
  }

  private static ServingResult serving(RunResult r) {
    return (ServingResult) r.workload();
  }

  @Test
  void theFlowModelGivesTheSameBytesOnEveryRuntime() {
    // Given the EP32 example on the flow model, 12 requests 6 in flight.
    Scenario s = LOADER.load(EP32, List.of("network.model=flow",
        "workload.serving.requests.synthetic.count=12", "workload.serving.requests.inFlight=6"));
    String reference = withoutRun(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL));

    for (RuntimeChoice choice : List.of(RuntimeChoice.actors(2, 1), RuntimeChoice.actors(4, 7))) {
      assertEquals(reference, withoutRun(ScenarioRunner.run(s, choice)), "flow on " + choice);
    }
    assertTrue(reference.contains("\"networkModel\" : \"flow\""), "the result says flow");
  }

  @Test
  void deepEpNormalModeAndStagedOverlapGiveTheSameBytesOnEveryRuntimeAndNetworkModel() {
    // Given the EP32 example with DeepEP's normal kernels in prefill (holding 20 SMs beside the
    // GEMMs) and two-batch overlap in both roles, 12 requests 6 in flight.
    List<String> options = List.of("workload.serving.requests.synthetic.count=12",
        "workload.serving.requests.inFlight=6",
        "workload.serving.instances[0].epAllToAll=deepep-normal",
        "workload.serving.instances[0].communicationSms=20",
        "workload.serving.instances[0].overlap=two-batch",
        "workload.serving.instances[1].overlap=two-batch");
    for (String network : List.of("analytical", "flow")) {
      List<String> set = new java.util.ArrayList<>(options);
      set.add("network.model=" + network);
      Scenario s = LOADER.load(EP32, set);
      String reference = withoutRun(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL));
      for (RuntimeChoice choice
          : List.of(RuntimeChoice.actors(2, 1), RuntimeChoice.actors(4, 7))) {
        assertEquals(reference, withoutRun(ScenarioRunner.run(s, choice)),
            network + " on " + choice);
      }
    }
  }

  @Test
  void communicationSmsAreRefusedWithoutTheirKernelsOrTheChipsSmCount() {
    // The SMs are DeepEP's normal kernels' beside two-batch overlap: without overlap, refused.
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(EP32, List.of(
        "workload.serving.instances[0].epAllToAll=deepep-normal",
        "workload.serving.instances[0].communicationSms=20")));
    assertEquals("workload.serving.instances[0].communicationSms", e.keyPath(), e.getMessage());
    assertTrue(e.problem().contains("overlap: two-batch"), e.getMessage());
    // All of the H100's 132: none left for the GEMMs.
    e = assertThrows(ScenarioException.class, () -> LOADER.load(EP32, List.of(
        "workload.serving.instances[0].epAllToAll=deepep-normal",
        "workload.serving.instances[0].overlap=two-batch",
        "workload.serving.instances[0].communicationSms=132")));
    assertEquals("workload.serving.instances[0].communicationSms", e.keyPath(), e.getMessage());
    assertTrue(e.problem().contains("give 1 to 131"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> LOADER.load(EP32, List.of(
        "workload.serving.instances[0].communicationSms=0")));
    assertTrue(e.keyPath().endsWith("communicationSms"), e.getMessage());
    // The H20's catalog entry gives no SM count: the share the GEMMs keep is unknown.
    e = assertThrows(ScenarioException.class, () -> LOADER.load(H20, List.of(
        "workload.serving.instances[0]={role: unified, tp: 8, overlap: two-batch,"
            + " epAllToAll: deepep-normal, communicationSms: 20}")));
    assertEquals("workload.serving.instances[0].communicationSms", e.keyPath(), e.getMessage());
    assertTrue(e.problem().contains("cluster.chip.streamingMultiprocessors"), e.getMessage());
    // A count given there is the one the GEMMs' share is read from.
    Scenario given = LOADER.load(EP32, List.of(
        "cluster.chip={preset: nvidia-h100-sxm, streamingMultiprocessors: 100}",
        "workload.serving.instances[0].epAllToAll=deepep-normal",
        "workload.serving.instances[0].overlap=two-batch",
        "workload.serving.instances[0].communicationSms=20"));
    assertEquals(new org.supernodesim.workload.inference.CommunicationSms(20, 100),
        org.supernodesim.scenario.Kinds.serving(given).instances().get(0).costs().options()
            .communicationSms());
  }

  @Test
  void deepEpNormalModeIsRefusedOnPartNodes() {
    // An EP12 instance (288 slots with EPLB) holds 8 + 4 GPUs of two nodes: DeepEP's internode
    // kernels forward among a whole node's NVLink peers, so the layout is refused at its key.
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(EP32, List.of(
        "workload.serving.instances[0]={role: prefill, tp: 1, dpAttention: 12, ep: 12,"
            + " epAllToAll: deepep-normal, experts: {eplb: true, redundant: 32}}")));
    assertEquals("workload.serving.instances[0].epAllToAll", e.keyPath(), e.getMessage());
    assertTrue(e.problem().contains("[8, 4]"), e.getMessage());
  }

  @Test
  void theExpertAllToAllsCrossTheNodes() {
    // The EP32 decode instance spans 4 nodes: its dispatch and combine run over InfiniBand, so
    // its decode step is slower than the same batch priced as if all 32 GPUs shared NVLink (one
    // 256-GPU NVLink domain, the catalog's NVL256-like hierarchy of one scale-up switch).
    Scenario s = LOADER.load(EP32, List.of("workload.serving.requests.synthetic.count=64",
        "workload.serving.requests.inFlight=32"));
    Scenario oneDomain = LOADER.load(EP32, List.of("workload.serving.requests.synthetic.count=64",
        "workload.serving.requests.inFlight=32",
        "cluster={ chips: 48, chip: nvidia-h100-sxm, fabric: { kind: single-switch,"
            + " link: { bandwidth: 450 GB/s, latency: 1 us } } }"));
    ServingResult nodes = serving(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL));
    ServingResult nvlink = serving(ScenarioRunner.run(oneDomain, RuntimeChoice.SEQUENTIAL));
    // 4.5 % slower (7 % before FP8 GEMMs streamed their weights at DeepGEMM's 0.661 of HBM,
    // which lengthened the compute both share).
    assertTrue(nodes.tpotSeconds().p50() > 1.03 * nvlink.tpotSeconds().p50(),
        "InfiniBand between nodes costs the decode: " + nodes.tpotSeconds().p50() + " s vs "
            + nvlink.tpotSeconds().p50() + " s");
  }

  @Test
  void eachRoleKeepsItsSchedulerLimits() {
    ServingWorkload w = (ServingWorkload) LOADER.load(EP32, List.of()).workload();
    // prefill: 4 per chip x 16 chips; decode: 16 per chip x 32 chips.
    assertEquals(64, w.instances().get(0).limits().maxBatch());
    assertEquals(65536, w.instances().get(0).limits().tokenBudget());
    assertEquals(512, w.instances().get(1).limits().maxBatch());
    assertEquals(4096, w.instances().get(1).limits().tokenBudget());
    assertEquals(64, w.instances().get(1).limits().blockTokens(), "shared settings stay");
  }

  @Test
  void optionsOutOfPlaceAreRefusedAtTheirKeys() {
    ScenarioException prefill = assertThrows(ScenarioException.class, () -> LOADER.load(H20,
        List.of("workload.serving.scheduler.prefill={ maxBatch: 8 }")));
    assertEquals("workload.serving.scheduler.prefill", prefill.keyPath(), prefill.getMessage());
    assertTrue(prefill.problem().contains("has none"), prefill.problem());

    ScenarioException inFlight = assertThrows(ScenarioException.class, () -> LOADER.load(H20,
        List.of("workload.serving.requests.inFlight=8")));
    assertTrue(inFlight.keyPath().endsWith("inFlight"), inFlight.getMessage());

    ScenarioException both = assertThrows(ScenarioException.class, () -> LOADER.load(H20,
        List.of("workload.serving.scheduler.maxBatchPerChip=8")));
    assertTrue(both.keyPath().endsWith("maxBatchPerChip"), both.getMessage());

    ScenarioException goodput = assertThrows(ScenarioException.class, () -> LOADER.load(EP32,
        List.of("workload.serving.goodput={ percentile: 90 }")));
    assertTrue(goodput.keyPath().endsWith("goodput"), goodput.getMessage());
  }

  @Test
  void aGoodputSearchRunsFromTheFile() {
    // The H20 example's first 5 minutes, P90 of its SLO (TTFT 2 s, TPOT 50 ms).
    Scenario s = LOADER.load(H20, List.of("workload.serving.requests.window=300 s",
        "workload.serving.goodput={ percentile: 90 }", "workload.serving.slo.tpot=200 ms"));
    ServingResult r = serving(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL));
    assertNotNull(r.goodput());
    assertTrue(r.goodput().probes().size() > 3, "bracketed and bisected: " + r.goodput());
    assertEquals(90, r.goodput().percentile());
  }

  @Test
  void anInlineModelAndAHuggingFaceConfigServe() {
    // Item 5: the training-models sources serve too: my-3b written inline, and Llama-3.1 8B
    // from its config.json, each on the H20 example's first minute.
    String inline = "workload.serving.model={ id: my-3b, kind: dense, layers: 28, hiddenSize:"
        + " 3072, vocabSize: 128256, tiedEmbeddings: true, positionEmbedding: rope, norm: rmsnorm,"
        + " attention: { kind: gqa, heads: 24, kvHeads: 8, headDim: 128, qkvBias: false, outBias:"
        + " false, qkNorm: false, ropeTheta: 500000 }, ffn: { intermediateSize: 8192, activation:"
        + " swiglu, bias: false }, sequence: { pretrain: 8192 }, parameters: { total: 3210000000"
        + " } }";
    String config = "workload.serving.model={ huggingFace:"
        + " ../src/test/resources/huggingface/llama-3.1-8b/config.json, id: llama-3.1-8b }";
    for (String model : List.of(inline, config)) {
      Scenario s = LOADER.load(H20, List.of(model, "workload.serving.requests.window=60 s",
          "workload.serving.requests.overlong=skip"));
      ServingResult r = serving(ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL));
      assertTrue(r.requestsCompleted() > 0 && r.outputTokensPerSecond() > 0, model);
    }
  }

  @Test
  void aHostTierServesEvictedPrefixes() {
    // The Mooncake example's first 10 minutes with half the HBM for weights and KV: prefixes
    // are evicted; a 512 GiB host tier at 64 GB/s per GPU keeps them for later prompts.
    java.nio.file.Path mooncake = java.nio.file.Path.of("examples/serving-mooncake-prefix-h20.yaml");
    List<String> base = List.of("workload.serving.requests.window=600 s",
        "workload.serving.scheduler.memoryFraction=0.5");
    List<String> tier = new java.util.ArrayList<>(base);
    tier.add("workload.serving.scheduler.kvTier={ capacity: 512 GiB, bandwidth: 64 GB/s,"
        + " latency: 10 us }");
    ServingResult without = serving(ScenarioRunner.run(LOADER.load(mooncake, base),
        RuntimeChoice.SEQUENTIAL));
    ServingResult with = serving(ScenarioRunner.run(LOADER.load(mooncake, tier),
        RuntimeChoice.SEQUENTIAL));

    assertNotNull(with.hostTier());
    assertTrue(with.hostTier().hitTokens() > 0 && with.hostTier().loadSeconds() > 0);
    assertTrue(with.prefixCacheHitRate() > without.prefixCacheHitRate(),
        with.prefixCacheHitRate() + " vs " + without.prefixCacheHitRate());

    ScenarioException noHashes = assertThrows(ScenarioException.class, () -> LOADER.load(H20,
        List.of("workload.serving.scheduler.kvTier={ capacity: 1 TiB, bandwidth: 64 GB/s }")));
    assertEquals("workload.serving.scheduler.kvTier", noHashes.keyPath(), noHashes.getMessage());
  }
}
