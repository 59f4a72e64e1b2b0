package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import org.supernodesim.results.TrainingResult;

/** The lines {@code run} prints for a training step. */
final class TrainingText {
  private TrainingText() {}

  static void summary(PrintWriter out, TrainingResult t) {
    out.printf("training %s (%.2f B parameters, %.2f B active) on %d chips, %s, %s%s, %d"
        + " micro-batches per replica%n", t.model(), t.parameters() / 1e9,
        t.activeParameters() / 1e9, t.chips(), t.layout(), t.schedule(),
        t.overlapForwardBackward() ? " (forward and backward overlapped)" : "", t.microBatches());
    out.printf("step %.3f s, %.0f tokens/s, %.1f TFLOP/s per chip (%.1f without recomputation),"
        + " MFU %.3f, bubble %.3f (ideal %.3f)%n", t.stepSeconds(), t.tokensPerSecond(),
        t.tflopsPerChip(), t.modelTflopsPerChip(), t.mfu(), t.bubbleFraction(),
        t.idealBubbleFraction());
    out.printf("executed %.1f TFLOP/s per chip (attention %s)%n",
        t.flops().executedTflopsPerChip(), t.flops().executedAttention());
    out.printf("memory peak %.1f GB of %.1f GB: %s%n", t.memoryPeakBytes() / 1e9,
        t.memoryCapacityBytes() / 1e9,
        t.fits() ? "fits" : String.format("does not fit, %.1f GB short",
            t.memoryShortfallBytes() / 1e9));
    out.printf("%-6s %-7s %10s %10s %10s%n", "stage", "rank", "compute s", "exposed s", "idle s");
    for (TrainingResult.RankTime r : t.ranks()) {
      out.printf("%-6d %-7d %10.3f %10.3f %10.3f%n", r.stage(), r.rank(), r.computeSeconds(),
          r.exposedCommunicationSeconds(), r.idleSeconds());
    }
  }
}
