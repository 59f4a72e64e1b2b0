package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.ServingResult;

/** The serving lines of a run's summary. */
final class ServingSummary {
  private ServingSummary() {}

  static void print(PrintWriter out, ServingResult s) {
    out.printf("requests %d of %d completed (%s%s%s); %.2f req/s arriving, %.1f in the system%n",
        s.requestsCompleted(), s.requestsArrived(), s.source(),
        s.skippedRows() > 0 ? ", " + s.skippedRows() + " bad rows skipped" : "",
        s.skippedOverlong() > 0
            ? ", " + s.skippedOverlong() + " beyond the model's context skipped" : "",
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
    out.printf("SLO attainment %s; KV cache %.1f %% mean, %.1f %% peak; %d preemptions%s%n",
        slo(s.sloAttainment()), 100 * s.kvCacheUtilisation().mean(),
        100 * s.kvCacheUtilisation().peak(), s.preemptions(),
        s.prefixCacheHitRate() == null ? ""
            : String.format("; prefix-cache hits %.1f %% of prompt tokens",
                100 * s.prefixCacheHitRate()));
  }

  /** "51.4 % (TTFT <= 2.0 s: 77.7 %, TPOT <= 0.05 s: 54.9 %)", naming the targets set. */
  private static String slo(ServingResult.SloAttainment slo) {
    StringBuilder parts = new StringBuilder();
    if (slo.ttftTargetSeconds() != null) {
      parts.append(String.format("TTFT <= %s s: %.1f %%", slo.ttftTargetSeconds(),
          100 * slo.ttft()));
    }
    if (slo.tpotTargetSeconds() != null) {
      parts.append(parts.length() > 0 ? ", " : "").append(String.format("TPOT <= %s s: %.1f %%",
          slo.tpotTargetSeconds(), 100 * slo.tpot()));
    }
    return String.format("%.1f %%", 100 * slo.both())
        + (parts.length() > 0 ? " (" + parts + ")" : "");
  }

  private static void line(PrintWriter out, String name, LatencySeconds l) {
    out.printf("%-6s %10.4f s %10.4f s %10.4f s %10.4f s%n", name, l.p50(), l.p90(), l.p99(),
        l.max());
  }
}
