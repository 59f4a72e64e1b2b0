package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.ServingResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * The PPU comparison depends on figures nobody has published: varying them, as a sweep does,
 * shows how much. On the Azure code trace (prefill-heavy), Llama-3.1 70B on PPU cards is bound by
 * compute (only an FP16 estimate from deployment totals exists); HBM bandwidth (not published at
 * all) matters only once compute is plentiful. First 600 s of the trace.
 */
class ServingSensitivityTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path PPU = Path.of("examples/serving-azure-code-ppu.yaml");

  private static ServingResult run(String... sets) {
    List<String> all = new java.util.ArrayList<>(List.of(sets));
    all.add("workload.serving.requests.window=600 s");
    return Kinds.serving(ScenarioRunner.run(LOADER.load(PPU, all), RuntimeChoice.SEQUENTIAL));
  }

  @Test
  void ttftFollowsTheComputeEstimateAndTpotTheBandwidthAssumption() {
    ServingResult base = run();
    ServingResult halfCompute = run("cluster.chip.fp16DenseFlops=59.35 TFLOPS");
    // Bandwidth shows once compute is not the bottleneck: at twice the FP16 estimate.
    ServingResult slowMemory =
        run("cluster.chip.fp16DenseFlops=237.4 TFLOPS", "cluster.chip.hbmBandwidth=1.6 TB/s");
    ServingResult fastMemory =
        run("cluster.chip.fp16DenseFlops=237.4 TFLOPS", "cluster.chip.hbmBandwidth=2.8 TB/s");

    assertTrue(halfCompute.ttftSeconds().p50() > 1.5 * base.ttftSeconds().p50(),
        "half the FP16 rate: TTFT p50 " + halfCompute.ttftSeconds().p50() + " s vs "
            + base.ttftSeconds().p50() + " s");
    assertTrue(fastMemory.tpotSeconds().p50() < slowMemory.tpotSeconds().p50(),
        "more HBM bandwidth, shorter decode steps: TPOT p50 " + fastMemory.tpotSeconds().p50()
            + " s at 2.8 TB/s vs " + slowMemory.tpotSeconds().p50() + " s at 1.6 TB/s");
    double tpotSpread = slowMemory.tpotSeconds().p50() / fastMemory.tpotSeconds().p50();
    double ttftSpread = halfCompute.ttftSeconds().p50() / base.ttftSeconds().p50();
    assertTrue(ttftSpread > tpotSpread, "compute matters more than bandwidth on this trace: "
        + ttftSpread + " vs " + tpotSpread);
  }
}
