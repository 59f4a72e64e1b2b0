package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.serving.ServingResult;

/** The serving lines of a run's summary. */
final class ServingSummary {
  private ServingSummary() {}

  static void print(PrintWriter out, ServingResult s) {
    out.printf("requests %d of %d completed (%s%s); %.2f req/s arriving, %.1f in the system%n",
        s.requestsCompleted(), s.requestsArrived(), s.source(),
        s.skippedRows() > 0 ? ", " + s.skippedRows() + " bad rows skipped" : "",
        s.arrivalRatePerSecond(), s.meanRequestsInSystem());
    out.printf("%-6s %12s %12s %12s %12s%n", "", "p50", "p90", "p99", "max");
    line(out, "TTFT", s.ttftSeconds());
    if (s.tpotSeconds() != null) {
      line(out, "TPOT", s.tpotSeconds());
    }
    line(out, "e2e", s.e2eSeconds());
    out.printf("output %.1f tokens/s; per chip: prefill %.1f tokens/s, decode %.1f tokens/s%n",
        s.outputTokensPerSecond(), s.tokensPerSecondPerChip().prefill(),
        s.tokensPerSecondPerChip().decode());
    ServingResult.SloAttainment slo = s.sloAttainment();
    out.printf("SLO attainment %.1f %%%s%s; KV cache %.1f %% mean, %.1f %% peak; %d preemptions%s%n",
        100 * slo.both(),
        slo.ttftTargetSeconds() == null ? "" : String.format(" (TTFT <= %s s: %.1f %%",
            slo.ttftTargetSeconds(), 100 * slo.ttft()) + (slo.tpotTargetSeconds() == null ? ")" : ""),
        slo.tpotTargetSeconds() == null ? "" : String.format("%sTPOT <= %s s: %.1f %%)",
            slo.ttftTargetSeconds() == null ? " (" : ", ", slo.tpotTargetSeconds(), 100 * slo.tpot()),
        100 * s.kvCacheUtilisation().mean(), 100 * s.kvCacheUtilisation().peak(), s.preemptions(),
        s.prefixCacheHitRate() == null ? ""
            : String.format("; prefix-cache hits %.1f %% of prompt tokens",
                100 * s.prefixCacheHitRate()));
  }

  private static void line(PrintWriter out, String name, LatencySeconds l) {
    out.printf("%-6s %10.4f s %10.4f s %10.4f s %10.4f s%n", name, l.p50(), l.p90(), l.p99(),
        l.max());
  }
}
