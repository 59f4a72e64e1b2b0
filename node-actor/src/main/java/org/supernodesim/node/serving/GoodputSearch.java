package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.metrics.LatencyRecorder;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Load;

/**
 * The highest arrival rate whose TTFT and TPOT percentiles meet the SLO (DistServe's goodput, Zhong
 * et al., OSDI 2024, at a percentile instead of an attainment share): the source's arrival times
 * are scaled by a factor f (f = 2: twice the rate), each factor a whole run on the sequential
 * runtime. From f = 1 the factor doubles (or halves) until the answer flips, at most {@link
 * #BRACKET_STEPS} times, then {@link #BISECTIONS} geometric bisections narrow the bracket to a
 * factor of 2^(1/2^BISECTIONS) (0.3 %). Deterministic: the factors depend only on the answers,
 * and each run on the scenario alone. It assumes the percentiles grow with the rate, as a queue's
 * do.
 */
final class GoodputSearch {
  static final int BRACKET_STEPS = 10;
  static final int BISECTIONS = 8;

  private final ServingCluster.Setup setup;
  private final double percentile;
  private final double baseRate;
  private final List<ServingResult.Goodput.Probe> probes = new ArrayList<>();

  GoodputSearch(ServingCluster.Setup setup, double percentile) {
    if (setup.ttftTargetSeconds() == null && setup.tpotTargetSeconds() == null) {
      throw new IllegalArgumentException("a goodput search needs a TTFT or TPOT target");
    }
    if (!(setup.load() instanceof Load.Arrivals)) {
      throw new IllegalArgumentException("a goodput search scales arrival times; it needs"
          + " load at the source's arrivals, not saturation");
    }
    this.setup = setup;
    this.percentile = percentile;
    var requests = setup.trace().requests();
    long span = requests.get(requests.size() - 1).arrivalPicos() - requests.get(0).arrivalPicos();
    if (requests.size() < 2 || span <= 0) {
      throw new IllegalArgumentException("a goodput search needs requests arriving over time");
    }
    this.baseRate = (requests.size() - 1) / (span / 1e12);
  }

  ServingResult.Goodput run() {
    double factor = 1;
    boolean meets = meets(factor);
    double low = meets ? factor : 0;
    double high = meets ? 0 : factor;
    for (int i = 0; i < BRACKET_STEPS && (low == 0 || high == 0); i++) {
      factor = meets ? factor * 2 : factor / 2;
      if (meets(factor)) {
        low = factor;
      } else {
        high = factor;
      }
    }
    if (low > 0 && high > 0) {
      for (int i = 0; i < BISECTIONS; i++) {
        double middle = Math.sqrt(low * high);
        if (meets(middle)) {
          low = middle;
        } else {
          high = middle;
        }
      }
    }
    return new ServingResult.Goodput(percentile, low * baseRate, low, probes);
  }

  /** Runs the source at {@code factor} times its rate; true if both percentiles are met. */
  private boolean meets(double factor) {
    RequestTrace scaled = setup.trace().scaled(factor, Long.MAX_VALUE);
    ServingCluster cluster = ServingCluster.assemble(new ServingCluster.Setup(scaled,
        setup.groups(), setup.routing(), setup.loadSlack(), setup.router(), setup.networkModel(),
        setup.load(), setup.ttftTargetSeconds(), setup.tpotTargetSeconds(), setup.hostTier()));
    new SequentialRuntime().run(cluster.simulation());
    cluster.result();
    List<LatencyRecorder> l = cluster.latencies();
    double ttft = l.get(0).secondsAt(List.of(percentile / 100)).get(0);
    Double tpot = l.get(1).count() == 0 ? null : l.get(1).secondsAt(List.of(percentile / 100))
        .get(0);
    boolean ok = (setup.ttftTargetSeconds() == null || ttft <= setup.ttftTargetSeconds())
        && (setup.tpotTargetSeconds() == null || tpot == null
            || tpot <= setup.tpotTargetSeconds());
    probes.add(new ServingResult.Goodput.Probe(factor * baseRate, ttft, tpot, ok));
    return ok;
  }
}
