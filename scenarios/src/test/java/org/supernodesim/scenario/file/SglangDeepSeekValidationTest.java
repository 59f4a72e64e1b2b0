package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.node.serving.Routes;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.CommunicationDemand;
import org.supernodesim.workload.inference.FabricCosts;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.StepCostModel;

/**
 * The published rows of SGLang serving DeepSeek-V3 on H100 nodes
 * ({@code examples/validation/serving-sglang-deepseek-h100.csv}, lmsys.org/blog/2025-05-05-large-
 * scale-ep), reproduced by {@code examples/validation/sglang-deepseek-v3-h100.yaml} with the
 * row's stated settings as overrides, and the same source's ratios.
 *
 * <p>Each row is a fixed-batch measurement at saturation: a prefill instance runs steps of
 * {@code tokens_per_gpu_in_flight} tokens per GPU (whole prompts of {@code input_tokens}), a
 * decode instance steps of {@code batch_per_gpu} requests per GPU at {@code kv_tokens} of context.
 * Throughput per node is the step's tokens over its duration over the instance's nodes; the step
 * is the instance's own step cost (its kernels on the H100 calibration, its collectives on the
 * instance's chips and routes, the options of the scenario), the path a run takes at that batch.
 */
class SglangDeepSeekValidationTest {
  static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  static final Path SCENARIO = Path.of("examples/validation/sglang-deepseek-v3-h100.yaml");
  static final Path ROWS = Path.of("examples/validation/serving-sglang-deepseek-h100.csv");

  /** The instance group of a role ({@code 0}: prefill, {@code 1}: decode) after overrides. */
  static StepCostModel instance(int group, String... overrides) {
    Scenario s = LOADER.load(SCENARIO, List.of(overrides));
    return Kinds.serving(s).instances().get(group).costs();
  }

  /** Input tokens per second per node of a prefill step of whole prompts. */
  static double prefillPerNode(StepCostModel costs, int input, long tokensPerGpu) {
    return promptsPerNode(costs, input, tokensPerGpu / input * costs.layout().chips());
  }

  /** Input tokens per second per node of a prefill step of {@code prompts} whole prompts. */
  static double promptsPerNode(StepCostModel costs, int input, long prompts) {
    int gpus = costs.layout().chips();
    long tokens = prompts * input;
    Batch b = new Batch(tokens, prompts * ((long) input * (input + 1) / 2), tokens, prompts);
    return tokens / (costs.step(b).picos() / 1e12) / (gpus / 8.0);
  }

  /** Output tokens per second per node of a decode step. */
  static double decodePerNode(StepCostModel costs, int batchPerGpu, long context) {
    int gpus = costs.layout().chips();
    int requests = batchPerGpu * gpus;
    return requests / (costs.step(Batch.decode(requests, context)).picos() / 1e12) / (gpus / 8.0);
  }

  /** The simulated throughput per node of a published row. */
  static double simulate(String[] f) {
    if (f[1].equals("prefill")) {
      // A default-EPLB row runs the expert load the SGLang team measured for its input length,
      // under EPLB; the perfect-EPLB row the uniform load of the scenario.
      int input = Integer.parseInt(f[6]);
      StepCostModel costs = f[11].equals("default") && PREFILL_LOADS.containsKey(input)
          ? instance(0, measured(0, PREFILL_LOADS.get(input), true))
          : instance(0);
      return prefillPerNode(costs, input, Long.parseLong(f[9]));
    }
    return decodePerNode(decodeRow(f[10].equals("no")), Integer.parseInt(f[8]),
        Long.parseLong(f[7]));
  }

  /**
   * A decode row's instance: like the default-EPLB prefill rows, the expert load the SGLang team
   * measured for decode ({@code decode_in2000out100.json}, recorded at 2,000 input tokens: the
   * nearest measurement for the 4,000-token MTP row too) under EPLB; with the simulated MTP
   * unless {@code plain}.
   */
  static StepCostModel decodeRow(boolean plain) {
    String[] load = measured(1, DECODE_LOAD, true);
    return plain ? instance(1, load) : instance(1, with(load, SIMULATED_MTP));
  }

  /** The measured decode load. */
  static final String DECODE_LOAD = "decode_in2000out100.json";

  /**
   * The blog's "simulated MTP": one draft (DeepSeek-V3 has one MTP module) at the acceptance the
   * blog states for its row ("We conservatively assume a 60% acceptance rate under MTP",
   * Evaluation / Experimental Setup), 1.6 tokens a verify step. (DeepSeek-V3 §5.4.3 measures
   * 85-90 % for the second token; the row counts 60 %.) The blog's run drafted nothing: it
   * doubled the batch, halved the KV length and padded attention to DeepSeek's profiled time;
   * the model runs the MTP module's draft pass besides the verify.
   */
  static final String[] SIMULATED_MTP = {"workload.serving.instances[1].speculative.drafts=1",
      "workload.serving.instances[1].speculative.acceptance=0.6"};

  /** Rows simulated within 15 % of their published figure (the others are asserted out). */
  static final java.util.Set<String> ROWS_THAT_HOLD = java.util.Set.of("decode-4k-mtp");

  /**
   * Every published row, simulated next to published; {@link #ROWS_THAT_HOLD} within 15 %, the
   * others out (README "Validation: SGLang DeepSeek-V3 on H100"). Prefill prices DeepEP's normal
   * kernels as they run (one RDMA copy per remote node, NVLink forwarding, 20 SMs held beside
   * DeepGEMM's 112) and two-batch overlap stage by stage as SGLang's strategy runs it, the
   * attention kernel on the SMs a running normal kernel leaves: its step (1.77-2.10 s) is near
   * max(compute, all-to-all), where the published steps (2.21-2.61 s) are the model's step without
   * overlap over the published gain ({@link
   * #prefillPublishedStepsAreTheModelsWithoutOverlapOverThePublishedGain}), so the rows simulate
   * 1.22-1.28x fast. Every default-EPLB row runs the expert load the SGLang team measured for its
   * phase (and input length) under EPLB; the perfect-EPLB row the uniform load. Decode: the
   * low-latency kernels' SM phases on the compute stream under two-batch overlap ({@link
   * #lowLatencyDispatchHoldsTheSmsTheBlogMeasures}) and each memory-bound kernel's latency move
   * decode-2k to 1.36x and decode-4k-mtp to 1.15x (1.30x and 1.28x before both mechanisms); MLA's
   * absorbed W^UK and W^UV as SGLang runs them (BF16 batched GEMMs, {@link
   * DeepSeekDecodeProfileGemmTest}) and the router in BF16 move decode-4k-mtp to 1.13x, in the
   * band, and decode-2k hardly (1.359x to 1.356x: its overlapped stages wait on the all-to-all,
   * which hides most of the added compute). Each micro-batch's finite draw of expert assignments
   * ({@code experts.sampling: binomial}, {@link #aDecodeMicroBatchDrawsABusierRankThanItsSums})
   * moves decode-2k to 1.296x and decode-4k-mtp to 1.107x (the busiest rank 1.085x the mean at
   * 128 tokens a GPU where the measured sums balance to 1.026x), the prefill rows by 0.1-0.3 %
   * (1.281, 1.262, 1.241 and 1.218x before: 8,192 tokens a GPU a micro-batch, 65,536 assignments
   * a rank, draw within 0.3 % of the sums). Each ratio is pinned to 3 %, so a change of
   * the model shows here, and should a row move into the band this test fails and the row joins
   * the ones that hold.
   */
  @Test
  void everyPublishedRowSimulatedNextToPublished() throws IOException {
    List<String> lines = Files.readAllLines(ROWS, StandardCharsets.UTF_8);
    Map<String, Double> simulatedOverPublished = Map.of(
        "prefill-1k", 1.278, "prefill-2k", 1.259, "prefill-4k", 1.239,
        "prefill-4k-perfect-eplb", 1.216, "decode-2k", 1.296, "decode-4k-mtp", 1.107);
    // Every row is simulated before any is asserted, so a failure names them all.
    Map<String, Double> ratios = new LinkedHashMap<>();
    List<String> report = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double published = Double.parseDouble(f[13]);
      double ratio = simulate(f) / published;
      ratios.put(f[0], ratio);
      report.add(String.format("%s published %.0f ratio %.3f", f[0], published, ratio));
    }
    String figures = String.join("\n", report);
    assertEquals(6, ratios.size(), figures);
    ratios.forEach((row, ratio) -> {
      if (ROWS_THAT_HOLD.contains(row)) {
        assertEquals(1, ratio, 0.15, row + " within 15 %\n" + figures);
      } else {
        assertTrue(Math.abs(ratio - 1) > 0.15, row + " now within 15 %: move it to the rows that"
            + " hold\n" + figures);
      }
      double pinned = simulatedOverPublished.get(row);
      assertEquals(pinned, ratio, 0.03 * pinned, row + "\n" + figures);
    });
  }

  /**
   * Published: +27 to 35 % prefill throughput from two-batch overlap. Simulated +60 %: without
   * overlap the step is compute plus the forwarded all-to-all (the GEMMs on every SM), with it
   * SGLang's stages hide most of the all-to-all while DeepEP's normal kernels hold 20 of the 132
   * SMs (DeepGEMM capped at the rest, the attention kernel slowed while one runs). Within the
   * 25 % band around the stated ratio's middle (1.31; +62 % with the attention kernel on every
   * SM, +63 % before the FP8 curve and the non-GEMM kernels; the non-GEMM kernels alone gave
   * +66 %, just outside: they lengthen the step without overlap by all of their 0.33 s, the
   * overlapped one by less), pinned to 3 %.
   */
  @Test
  void twoBatchOverlapInPrefillAgainstThePublishedGain() {
    double on = prefillPerNode(instance(0), 2048, 16384);
    // Without overlap the normal kernels run alone, on the SMs the GEMMs leave idle.
    double off = prefillPerNode(instance(0, "workload.serving.instances[0].overlap=none",
        "workload.serving.instances[0].communicationSms=null"), 2048, 16384);
    assertEquals(1.31, on / off, 0.25 * 1.31, "two-batch overlap in prefill within 25 %");
    assertEquals(1.602, on / off, 0.03 * 1.602, "two-batch overlap in prefill");
  }

  /** One prefill step's duration of whole prompts of {@code input} tokens, 16,384 a GPU. */
  static double prefillStepSeconds(StepCostModel costs, int input) {
    long prompts = 16384L / input * costs.layout().chips();
    long tokens = prompts * input;
    return costs.step(new Batch(tokens, prompts * ((long) input * (input + 1) / 2), tokens,
        prompts)).picos() / 1e12;
  }

  /**
   * Why the prefill rows are out (README): the model's parts add up to the published steps, its
   * overlap hides too much. Each published step (16,384 tokens a GPU over the row's tokens per
   * second per GPU) is the model's step without overlap (one micro-batch, the GEMMs on every SM,
   * then its all-to-alls) divided by 1.27-1.31, the blog's stated gain of two-batch overlap in
   * prefill (+27-35 %); the model's own overlap gains 1.60-1.63. So the kernels and the
   * all-to-alls, summed, check out against the published rows and the published gain together;
   * what is wrong is how much of the all-to-all the stages hide. Pinned to 3 %; should a piece or
   * the overlap change, this fails and the README's account with it.
   */
  @Test
  void prefillPublishedStepsAreTheModelsWithoutOverlapOverThePublishedGain() {
    String[] none = {"workload.serving.instances[0].overlap=none",
        "workload.serving.instances[0].communicationSms=null"};
    int[] inputs = {1024, 2048, 4096};
    double[] published = {57674, 54543, 50302};
    double[] pinned = {1.269, 1.286, 1.307};
    double[] gains = {1.622, 1.620, 1.620};
    for (int i = 0; i < 3; i++) {
      String[] load = measured(0, PREFILL_LOADS.get(inputs[i]), true);
      double alone = prefillStepSeconds(instance(0, with(load, none)), inputs[i]);
      double overlapped = prefillStepSeconds(instance(0, load), inputs[i]);
      double publishedStep = 16384 / (published[i] / 8);
      String row = "prefill-" + (inputs[i] / 1024) + "k";
      assertEquals(pinned[i], alone / publishedStep, 0.03 * pinned[i],
          row + ": the model's step without overlap over the published step");
      assertEquals(gains[i], alone / overlapped, 0.03 * gains[i], row + ": the model's gain");
    }
    double alone = prefillStepSeconds(instance(0, none), 4096);
    assertEquals(1.269, alone / (16384 / (59337 / 8.0)), 0.03 * 1.269,
        "prefill-4k-perfect-eplb: the model's step without overlap over the published step");
  }

  /**
   * Published: two-batch overlap gains 25.5 % decode throughput at 256 requests a GPU (22,310
   * tokens/s a node with it) and 35 % in the simulated-MTP setting at 128 a GPU (17,552 against
   * 12,929), the blog's "Ablation Study: Two-batch Overlap". Simulated: the low-latency
   * all-to-alls run through SGLang's decode stages against the same batch as one micro-batch
   * with its all-to-alls after its compute ({@code overlap: none}): +28 % and +30 % (+30 % and
   * +31 % at the expected expert shares: a micro-batch of 128 tokens a GPU draws a busier rank
   * than the whole batch of 256, which takes back part of the gain; +28 % and
   * +31 % before MLA's absorbed GEMMs in BF16 and the router in BF16; +30 % and
   * +49 % before the low-latency kernels' SM phases held the compute stream under overlap and the
   * non-GEMM kernels took their latency; +26 % and +47 % before the FP8 curve and the non-GEMM
   * kernels). Both within 25 % of the stated gain, pinned to 3 %.
   */
  @Test
  void twoBatchOverlapInDecodeAgainstThePublishedGains() {
    String off = "workload.serving.instances[1].overlap=none";
    double on256 = decodePerNode(instance(1), 256, 2000);
    double off256 = decodePerNode(instance(1, off), 256, 2000);
    assertEquals(1.255, on256 / off256, 0.25 * 1.255, "decode, 256 a GPU, within 25 %");
    assertEquals(1.279, on256 / off256, 0.03 * 1.279, "decode, 256 a GPU");
    double onMtp = decodePerNode(instance(1, SIMULATED_MTP), 128, 4000);
    double offMtp = decodePerNode(instance(1, SIMULATED_MTP[0], SIMULATED_MTP[1], off), 128,
        4000);
    double published = 17552.0 / 12929;
    assertEquals(published, onMtp / offMtp, 0.25 * published, "simulated MTP, within 25 %");
    assertEquals(1.305, onMtp / offMtp, 0.03 * 1.305, "simulated MTP");
  }

  /**
   * Why the decode rows are out (README): the model's all-to-all agrees with DeepEP's measured
   * low-latency kernels; the published decode-2k step equals the model's compute plus that
   * all-to-all, where the model overlaps them (two-batch overlap, as the blog states); but the
   * blog's run without overlap is slower than the model's by the same factor as its run with it
   * (1.33x), so what the model lacks is not hidden communication but time outside the overlap.
   * Should a piece or the overlap change, this fails and the README's account with it.
   */
  @Test
  void decodeAllToAllAsDeepEpMeasuresItAndPublishedStepsAsComputePlusAllToAll() {
    StepCostModel decode = instance(1);
    var step = decode.step(Batch.decode(256 * 72, 2000));
    // DeepEP README, low-latency kernels on H800 with CX7 400 Gb/s, 128 tokens a rank, FP8
    // dispatch and BF16 combine: 173 + 314 us at EP64, 192 + 369 us at EP128. The model's is per
    // MoE layer and micro-batch of 128 tokens a GPU: 58 layers x 2 micro-batches a step.
    double perLayer = step.communicationPicos() / 1e12 / (58 * 2);
    assertEquals(487e-6, perLayer, 0.05 * 487e-6, "all-to-all per layer and micro-batch");
    // Published decode-2k: 22,282 tokens/s a node, 256 requests a GPU: a step of 91.9 ms; the
    // model's compute plus all-to-all 107.6 ms (104.9 before each micro-batch's draw of expert
    // assignments, 102.4 before MLA's absorbed GEMMs in BF16, 99.4
    // before the non-GEMM kernels' latency, 93.8
    // before the FP8 curve and the non-GEMM kernels).
    double published = 256 / (22282 / 8.0);
    assertEquals(1.171 * published, (step.computePicos() + step.communicationPicos()) / 1e12,
        0.03 * 1.171 * published, "decode-2k: compute + all-to-all");
    // With overlap the published step is 1.21x the model's; without it (the blog's ablation:
    // 22,310 / 1.255 tokens/s a node at 256 a GPU) 1.19x the model's run of one micro-batch
    // (1.26x and 1.21x before each micro-batch's draw of expert assignments, 1.26x and 1.23x
    // before MLA's absorbed GEMMs in BF16, whose compute the overlap hides; 1.30x
    // and 1.25x before the low-latency kernels' SM phases and the kernels' latency, which
    // the run without overlap already carries in the all-to-all's measured time; 1.34x and 1.33x
    // before the FP8 curve and the non-GEMM kernels). Both well above 1: what the model lacks is
    // outside the overlap.
    double withOverlap = published / (step.picos() / 1e12);
    var alone = instance(1, "workload.serving.instances[1].overlap=none")
        .step(Batch.decode(256 * 72, 2000));
    double withoutOverlap = 256 / (22310 / 1.255 / 8.0) / (alone.picos() / 1e12);
    assertEquals(1.212, withOverlap, 0.03 * 1.212, "published over simulated step, overlapped");
    assertEquals(1.188, withoutOverlap, 0.03 * 1.188, "published over simulated step, alone");
  }

  /**
   * The low-latency kernels' SM phases under two-batch overlap, per sparse layer and micro-batch
   * of decode-2k (128 tokens a GPU, EP72, FP8 dispatch, BF16 combine): the dispatch's send and
   * receive hold the compute stream 60 us, the figure the H100 calibration takes from the blog
   * ("unit tests with DeepEP reveal a potential of 0.06ms occupying SMs"; 3 %), below the 0.09 ms
   * the blog's runs took with dummy kernels between send and receive (which still waited some).
   * The combine posts the busiest rank's received copies back in BF16 (1,200: the uniform load
   * over 288 slots leaves that rank 1.125x the mean, 1.172x with the micro-batch's draw of 73,728
   * assignments; the dispatch's hook copies as many) and reduces a token's eight: 81 us (78
   * before the draw), for which no published figure is at hand (pinned to 3 %).
   */
  @Test
  void lowLatencyDispatchHoldsTheSmsTheBlogMeasures() {
    var hooks = instance(1).step(Batch.decode(256 * 72, 2000)).pipeline().orElseThrow()
        .pipeline().hooks();
    double dispatch = (hooks.dispatchSend() + hooks.dispatchReceive()) / 1e12;
    double combine = (hooks.combineSend() + hooks.combineReceive()) / 1e12;
    String figures = String.format("dispatch %.1f us (send %.1f), combine %.1f us (send %.1f)",
        dispatch * 1e6, hooks.dispatchSend() / 1e6, combine * 1e6, hooks.combineSend() / 1e6);
    assertEquals(60e-6, dispatch, 0.03 * 60e-6, figures);
    assertTrue(dispatch < 90e-6, figures);
    assertEquals(80.6e-6, combine, 0.03 * 80.6e-6, figures);
    // Without overlap the all-to-all runs whole on the stream, priced as DeepEP measures it.
    assertTrue(instance(1, "workload.serving.instances[1].overlap=none")
        .step(Batch.decode(256 * 72, 2000)).pipeline().isEmpty());
  }

  /** The SGLang team's measured expert loads (README "Validation: SGLang DeepSeek-V3 on H100"). */
  static final String LOADS = "sglang-expert-load/";
  /** The measured load of each prefill input length. */
  static final Map<Integer, String> PREFILL_LOADS = Map.of(1024, "prefill_in1024.json", 2048,
      "prefill_in2048.json", 4096, "prefill_in4096.json");

  /** Overrides that give instance group {@code group} a measured load file and EPLB on or off. */
  static String[] measured(int group, String file, boolean eplb) {
    String at = "workload.serving.instances[" + group + "].experts";
    return new String[] {at + ".load.measured=" + LOADS + file,
        at + ".load.source=SGLang attachment_ep_statistics, sgl-project/sglang#6017",
        at + ".eplb=" + eplb};
  }

  /** {@code overrides} and then {@code more}. */
  static String[] with(String[] overrides, String... more) {
    String[] all = java.util.Arrays.copyOf(overrides, overrides.length + more.length);
    System.arraycopy(more, 0, all, overrides.length, more.length);
    return all;
  }

  /**
   * Published: EPLB gains x1.49 in prefill and x2.54 in decode. Simulated with the expert loads the
   * SGLang team measured for these workloads ({@code prefill_in4096.json}, {@code
   * decode_in2000out100.json}: tokens per expert and layer, what SGLang's EPLB reads), against the
   * same instance without EPLB: SGLang's trivial expert location, slot p of the 288 holding expert
   * p mod 256 (the 32 redundant slots replicate experts 0-31). EPLB places the slots as eplb.py
   * chooses (SGLang's deepseek_eplb.py as it stood for the blog): hierarchical where DeepSeek-V3's
   * 8 expert groups divide over the EP group's nodes (prefill, 4 nodes: 2 groups a node, so a node
   * holding hot groups cannot shed load to the others), global where they do not (decode, 9
   * nodes). The busiest EP rank, as the mean over the 58 MoE layers of each layer's busiest, over
   * the mean rank: prefill 2.37 without EPLB, 1.32 with it (1.006 under the global policy); decode
   * 2.58 and 1.026 (expected shares; a decode micro-batch of 128 tokens a GPU draws 2.586 and
   * 1.085, a prefill one of 8,192 tokens a GPU 2.369 and 1.321). Prefill x1.65 and decode x2.24
   * (decode x2.34 at the expected shares: the draw costs the balanced placement more than the
   * trivial one, whose busiest rank is far above the spread; prefill x1.67 with the attention
   * kernel on
   * every SM beside the all-to-all, decode x2.37 before the low-latency kernels' SM phases and
   * the kernels' latency; x1.74 and x2.39 before the FP8 curve and the non-GEMM kernels): both
   * within the 25 % band (prefill under the global policy would gain x1.91, out).
   * Pinned to 3 %.
   */
  @Test
  void eplbAgainstThePublishedGainWithTheMeasuredExpertLoad() {
    StepCostModel prefillOn = instance(0, measured(0, "prefill_in4096.json", true));
    StepCostModel prefillGlobal = instance(0, with(measured(0, "prefill_in4096.json", true),
        "workload.serving.instances[0].experts.eplbPolicy=global"));
    StepCostModel prefillOff = instance(0, measured(0, "prefill_in4096.json", false));
    StepCostModel decodeOn = instance(1, measured(1, DECODE_LOAD, true));
    StepCostModel decodeOff = instance(1, measured(1, DECODE_LOAD, false));
    assertEquals(1.317, prefillOn.expertImbalance(), 0.001, "prefill, EPLB hierarchical");
    assertEquals(1.006, prefillGlobal.expertImbalance(), 0.001, "prefill, EPLB global");
    assertEquals(2.369, prefillOff.expertImbalance(), 0.001, "prefill, trivial placement");
    assertEquals(1.026, decodeOn.expertImbalance(), 0.001, "decode, EPLB (global: 9 nodes)");
    assertEquals(2.578, decodeOff.expertImbalance(), 0.001, "decode, trivial placement");
    double off = prefillPerNode(prefillOff, 4096, 16384);
    double prefill = prefillPerNode(prefillOn, 4096, 16384) / off;
    double global = prefillPerNode(prefillGlobal, 4096, 16384) / off;
    double decode = decodePerNode(decodeOn, 256, 2000) / decodePerNode(decodeOff, 256, 2000);
    String figures = String.format("EPLB prefill x%.3f (global x%.3f) decode x%.3f", prefill,
        global, decode);
    assertEquals(1.49, prefill, 0.25 * 1.49, "prefill within 25 %: " + figures);
    assertEquals(2.54, decode, 0.25 * 2.54, "decode within 25 %: " + figures);
    assertEquals(1.648, prefill, 0.03 * 1.648, figures);
    assertEquals(1.905, global, 0.03 * 1.905, figures);
    assertEquals(2.238, decode, 0.03 * 2.238, figures);
  }

  /**
   * A decode micro-batch is a finite draw of expert assignments (README "Validation: SGLang
   * DeepSeek-V3 on H100"): at decode-2k's 128 tokens a GPU (9,216 over EP72, 73,728 assignments,
   * 1,024 a rank) the busiest rank carries 1.085x the mean where the measured decode load's sums
   * under EPLB balance to 1.026x, 1.065x at the whole batch of 256 tokens a GPU; a prefill
   * micro-batch of 8,192 tokens a GPU (65,536 assignments a rank) 1.321x against the sums'
   * 1.317x. With {@code experts.sampling: none} every step takes the sums'.
   */
  @Test
  void aDecodeMicroBatchDrawsABusierRankThanItsSums() {
    StepCostModel decode = decodeRow(true);
    assertEquals(1.026, decode.expertImbalance(), 0.001, "the measured sums under EPLB");
    assertEquals(1.085, decode.expertImbalance(128 * 72), 0.001, "a micro-batch, 128 a GPU");
    assertEquals(1.065, decode.expertImbalance(256 * 72), 0.001, "the whole batch, 256 a GPU");
    StepCostModel prefill = instance(0, measured(0, "prefill_in4096.json", true));
    assertEquals(1.321, prefill.expertImbalance(8192 * 32), 0.001, "prefill micro-batch");
    StepCostModel none = instance(1, with(measured(1, DECODE_LOAD, true),
        "workload.serving.instances[1].experts.sampling=none"));
    assertEquals(decode.expertImbalance(), none.expertImbalance(128 * 72), 1e-12);
  }

  /**
   * Published: the prefill-4k run with perfectly even expert load ({@code prefill-4k-perfect-eplb})
   * is 18 % faster than the default one (59,337 against 50,302 tokens/s a node). Simulated: the
   * default run with the measured load under hierarchical EPLB (its busiest rank 1.32x the mean)
   * against uniform load, +16 % (+17 % with the attention kernel on every SM beside the
   * all-to-all, +24 % before the FP8 curve and the non-GEMM kernels), within 25 % of the
   * published gain. Pinned to 3 %.
   */
  @Test
  void perfectBalanceAgainstTheDefaultEplbInPrefill() {
    double measured = prefillPerNode(instance(0, measured(0, "prefill_in4096.json", true)),
        4096, 16384);
    double perfect = prefillPerNode(instance(0), 4096, 16384);
    double published = 59337.0 / 50302;
    assertEquals(published, perfect / measured, 0.25 * published, "within 25 %");
    assertEquals(1.157, perfect / measured, 0.03 * 1.157);
  }

  static final Path TP16 = Path.of("examples/validation/sglang-deepseek-v3-h100-tp16.yaml");

  /**
   * Published: large EP gains 3.3x prefill and 5.2x decode throughput per node over SGLang's
   * TP16 baseline on two nodes, "a TP size of 16 and DP attention": attention in 16 DP groups,
   * every expert split 16 ways, each MoE layer gathering the groups' tokens (two all-reduces of
   * them). Its all-reduces run as NCCL runs them on rail-optimised nodes, a channel per NIC
   * ({@code RingLegs}). Before the baseline had DP attention it ran attention TP16 with the MLA
   * latent replicated on all 16 GPUs (195 requests held, 12.2x decode, 2.93x prefill). Prefill
   * holds within the 25 % band (3.83x; 3.85x before each micro-batch's draw of expert
   * assignments, 3.84x before MLA's absorbed GEMMs and the router in BF16;
   * 3.88x with the attention kernel on every SM beside the
   * all-to-all; 2.80x before the FP8 curve and the non-GEMM kernels);
   * decode is below it (2.93x; 3.04x before the draw, which lengthens large EP's decode micro-batches
   * and not the baseline's, whose every GPU holds a slice of every expert; 3.00x before MLA's
   * absorbed GEMMs in BF16; README "Validation:
   * SGLang DeepSeek-V3 on H100": the baseline's
   * 116 all-reduces of 14.7 MB are priced at the striped ring's 165 GB/s of bus bandwidth, and
   * large EP's decode carries its own 1.30x; the all-reduces are near a published two-node
   * sweep at their size, {@link #theTp16GatherAllReduceIsNearATwoNodeSweepAtItsSize}, and
   * SGLang of the time very likely ran the baseline's 1,024 summed DP tokens without CUDA
   * graphs, which the model does not price: the blog does not state the baseline's flags).
   * Pinned to 10 % so a change of the model shows here.
   */
  @Test
  void largeExpertParallelismAgainstTheTp16Baseline() {
    ServingWorkload.InstancePlan tp16 = Kinds.serving(LOADER.load(TP16, List.of()))
        .instances().get(0);
    // Prefill: the baseline's scheduler runs 16,384 new tokens a step over its 16 GPUs (8 prompts
    // of 2,048); large EP 16,384 per GPU.
    double prefill = prefillPerNode(instance(0), 2048, 16384)
        / promptsPerNode(tp16.costs(), 2048, 8);
    // Decode: the baseline holds as many requests of 2,000 tokens of context (and 100 to come)
    // as its KV cache takes (each DP group caching its own), within its maxBatch of 64 a GPU
    // (the blog: large EP's decode gain comes "largely" from "4x larger batch sizes"); large EP
    // 256 per GPU.
    long requests = Math.min(tp16.limits().maxBatch(), tp16.kvCapacityTokens() / 2100);
    var tp16Step = tp16.costs().step(Batch.decode((int) requests, 2000));
    double tp16Decode = requests / (tp16Step.picos() / 1e12) / 2;
    double decode = decodePerNode(instance(1), 256, 2000) / tp16Decode;
    String figures = String.format("EP/TP16 prefill %.2f decode %.2f (TP16 batch %d, step %.2f"
        + " ms, C %.2f ms, M %.2f ms)", prefill, decode, requests, tp16Step.picos() / 1e9,
        tp16Step.computePicos() / 1e9, tp16Step.communicationPicos() / 1e9);
    assertEquals(1024, requests, figures);
    assertEquals(3.3, prefill, 0.25 * 3.3, "prefill within 25 %: " + figures);
    assertTrue(Math.abs(decode / 5.2 - 1) > 0.25, "decode now within 25 %: " + figures);
    // Prefill 2.80x under the one matmul curve for FP8: the FP8 curve, read below its table's
    // smallest side at the baseline's sixteenth-of-an-expert slices (N 256, K 128), charges
    // them as thin GEMMs (README).
    assertEquals(3.83, prefill, 0.1 * 3.83, figures);
    assertEquals(2.93, decode, 0.1 * 2.93, figures);
    // The baseline's decode collectives: per MoE layer two all-reduces of the 16 groups' 1,024
    // tokens (14.7 MB in BF16) over the 16 GPUs of the two nodes.
    var gather = tp16Step.communication().get(0);
    assertEquals(1, tp16Step.communication().size(), figures);
    assertEquals(2 * 58, gather.timesPerStep());
    assertEquals(1024L * 7168 * 2, gather.busiestRankBytes());
  }

  @Test
  void theTp16AllReduceRunsAtEightNicsOfBusBandwidth() {
    // On the baseline's two HGX H100 nodes, a 1 GiB all-reduce over the 16 GPUs: the ring's 8
    // channels cross between the nodes on the 8 NICs at once, so its bus bandwidth,
    // 2(n-1)/n x S / T, is 8 times one NIC's pair bandwidth (less the ring steps' latencies):
    // 8 x 47 = 376 GB/s, where one ring on one NIC would give 47. (For scale: nccl-tests on 8
    // such nodes with IB SHARP measured 366 GB/s at 1 GiB, CoreWeave, nccl-tests.csv.)
    Scenario s = LOADER.load(TP16, List.of());
    double busBandwidth = tp16AllReduceBusBandwidth(1L << 30);
    double nic = new Router(Topology.build(s.fabric(), s.chips())).pairBytesPerSecond(0, 8);
    assertEquals(8 * nic, busBandwidth, 0.02 * 8 * nic, "8 NICs' worth of bus bandwidth");
    assertEquals(376e9, busBandwidth, 0.03 * 376e9);
  }

  /**
   * The bus bandwidth, 2(n-1)/n x S / T, of an all-reduce of {@code bytes} a GPU over the TP16
   * baseline's 16 GPUs on its two HGX H100 nodes, as its instance prices it.
   */
  static double tp16AllReduceBusBandwidth(long bytes) {
    Scenario s = LOADER.load(TP16, List.of());
    Router router = new Router(Topology.build(s.fabric(), s.chips()));
    FabricCosts fabric = new FabricCosts(new Routes(router), 0, new InstanceLayout(16, 1, 1, 1));
    double seconds = fabric.picos(new CommunicationDemand(
        CommunicationDemand.Collective.ALL_REDUCE, CommunicationDemand.RankGroup.TENSOR, 1,
        Collections.nCopies(16, bytes))) / 1e12;
    return 2.0 * 15 / 16 * bytes / seconds;
  }

  @Test
  void theTp16GatherAllReduceIsNearATwoNodeSweepAtItsSize() {
    // The baseline's decode all-reduces 14.7 MB (1,024 tokens of 7,168 BF16) twice a MoE layer.
    // The striped ring at 8 MiB, 14.7 MB and 16 MiB: 113, 165 and 178 GB/s of bus bandwidth.
    double gather = tp16AllReduceBusBandwidth(1024L * 7168 * 2);
    assertEquals(165e9, gather, 0.03 * 165e9);
    // Published two-node sweep around that size: NVIDIA/nccl issue 1244 (2024-04-01), all_reduce
    // over 2 nodes x 8 H20 (NVLink 4 and NVSwitch as the H100; NCCL with NVLink SHARP; the
    // nodes' NIC count not stated in the post, so uncertain as a like-for-like check),
    // out-of-place: 107.38 GB/s at 8 MiB, 154.95 at 16 MiB. The model is within 20 % of both
    // (+5 %, +15 %), so the 116 all-reduces of a step are 19.4 ms, about 21-22 ms at the sweep's
    // rate, nowhere near the 83 ms (38 GB/s, the sweep's rate between 2 and 4 MiB) the published
    // decode ratio would need of them beside the step's 36.2 ms of kernels (README "Validation:
    // SGLang DeepSeek-V3 on H100").
    double[][] published = {{8L << 20, 107.38e9}, {16L << 20, 154.95e9}};
    double[] simulated = {113e9, 178e9};
    for (int i = 0; i < published.length; i++) {
      double model = tp16AllReduceBusBandwidth((long) published[i][0]);
      assertEquals(simulated[i], model, 0.03 * simulated[i]);
      assertEquals(published[i][1], model, 0.2 * published[i][1],
          (long) published[i][0] + " B: within 20 % of the two-node sweep");
    }
  }

  @Test
  void theExpertAllToAllOfAMultiNodeInstanceRidesInfiniBandOncePerNode() {
    // The prefill instance's 32 GPUs span 4 nodes and run DeepEP's normal kernels: each token
    // crosses InfiniBand once per remote node holding one of its 8 experts (of 288 slots, 72 a
    // node), to its rail peer there: 3 x (1 - C(216, 8) / C(288, 8)) = 2.71 copies of its wire
    // bytes on the GPU's 400 Gb/s NIC (0.94 achieved: 47 GB/s), the NVLink forwarding beside it.
    StepCostModel costs = instance(0);
    var step = costs.step(new Batch(16384L * 32, 16L * 32 * 1024 * 1025 / 2, 16384L * 32,
        16 * 32));
    double untouched = 1;
    for (int i = 0; i < 8; i++) {
      untouched *= (216.0 - i) / (288 - i);
    }
    double copies = 3 * (1 - untouched);
    assertEquals(2.71, copies, 0.01);
    double ib = 0;
    for (var d : step.communication()) {
      ib += d.timesPerStep() * d.meanRankBytes() * copies / 47e9;
    }
    assertEquals(ib, step.communicationPicos() / 1e12, 0.05 * ib,
        "the all-to-all's time is one copy per remote node at the NIC's rate, to 5 %");
  }
}
