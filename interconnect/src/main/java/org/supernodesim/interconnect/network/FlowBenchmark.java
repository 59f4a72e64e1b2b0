package org.supernodesim.interconnect.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.fabric.FabricSpec;

/**
 * The max-min solver's cost: a flow-level all-to-all of n chips, each sending {@code bytesPerChip}
 * cut into n blocks (n-1 sent, as nccl-tests counts all-to-all), all started at time 0, run on the
 * network alone (no chips, no engine) to the last completion. What {@code bench network} prints.
 */
public final class FlowBenchmark {
  private FlowBenchmark() {}

  /** One measured size. */
  public record Measurement(
      int chips, long flows, long solves, long flowEvents, long solvedFlows, double wallSeconds,
      long simulatedPicos, double busiestUtilisation, String busiestTier) {
    public double flowEventsPerSecond() {
      return flowEvents / wallSeconds;
    }
  }

  /** Runs the all-to-all on {@code fabric} for each chip count, after one warm-up run. */
  public static List<Measurement> run(FabricSpec fabric, int[] chipCounts, long bytesPerChip) {
    allToAll(fabric, chipCounts[0], bytesPerChip); // warms the JIT; not reported
    List<Measurement> out = new ArrayList<>();
    for (int n : chipCounts) {
      long started = System.nanoTime();
      FlowNetwork net = allToAll(fabric, n, bytesPerChip);
      double wall = (System.nanoTime() - started) / 1e9;
      LinkUsage busiest = net.busiestLinks(1).get(0);
      out.add(new Measurement(n, (long) n * (n - 1), net.solves(), net.flowEvents(),
          net.solvedFlows(), wall, net.nowPicos(), busiest.utilisation(), busiest.link().tier()));
    }
    return out;
  }

  /** The table {@code bench network} prints, and how the cost grows from the first size. */
  public static String format(List<Measurement> ms) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%6s %8s %7s %8s %11s %8s %12s %12s %s%n", "chips",
        "flows", "solves", "events", "re-solved", "wall_s", "events/s", "simulated_ms",
        "busiest link"));
    for (Measurement m : ms) {
      b.append(String.format(Locale.ROOT, "%6d %8d %7d %8d %11d %8.3f %12.0f %12.3f %.3f (%s)%n",
          m.chips(), m.flows(), m.solves(), m.flowEvents(), m.solvedFlows(), m.wallSeconds(),
          m.flowEventsPerSecond(), m.simulatedPicos() / 1e9, m.busiestUtilisation(),
          m.busiestTier()));
    }
    Measurement first = ms.get(0);
    Measurement last = ms.get(ms.size() - 1);
    double growth = Math.log(last.wallSeconds() / first.wallSeconds())
        / Math.log(last.chips() / (double) first.chips());
    double flowGrowth = Math.log(last.flows() / (double) first.flows())
        / Math.log(last.chips() / (double) first.chips());
    b.append(String.format(Locale.ROOT,
        "cost growth %d -> %d chips: wall time x%.1f ~ n^%.2f (flows grow ~ n^%.2f)%n",
        first.chips(), last.chips(), last.wallSeconds() / first.wallSeconds(), growth,
        flowGrowth));
    return b.toString();
  }

  static FlowNetwork allToAll(FabricSpec fabric, int chips, long bytesPerChip) {
    FlowNetwork net = new FlowNetwork(new Router(Topology.buildForNetwork(fabric, chips)));
    long block = bytesPerChip / chips;
    long id = 0;
    for (int a = 0; a < chips; a++) {
      for (int k = 1; k < chips; k++) {
        net.start(new Transfer(id++, a, (a + k) % chips, block), 0);
      }
    }
    while (net.inFlight() > 0) {
      net.advanceTo(net.nextCompletionPicos());
    }
    return net;
  }
}
