package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.NetworkResult;

/**
 * What the network did, per topology tier: the bytes each tier carried, and (flow model) the
 * utilisation of the busiest links the result lists, highest and mean per tier.
 */
final class NetworkSection {
  private NetworkSection() {}

  /** The section; empty when the result has no network figures. */
  static String of(NetworkResult n) {
    if (n.bytesPerTier().isEmpty() && n.busiestLinks().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<h2>Network (" + Html.escape(n.model().label()) + ")</h2>\n");
    if (!n.bytesPerTier().isEmpty()) {
      List<SvgCharts.Bar> bars = new ArrayList<>();
      n.bytesPerTier().forEach((tier, bytes) ->
          bars.add(new SvgCharts.Bar(tier, bytes / (double) Units.BYTES_PER_GB)));
      out.append(
          SvgCharts.barChart(
              "Bytes carried per link tier (a transfer counts on every link it crosses)",
              new SvgCharts.Axis("tier", ""),
              new SvgCharts.Axis("bytes", "GB"),
              bars));
    }
    if (!n.busiestLinks().isEmpty()) {
      // Per tier, in the order tiers first appear among the busiest links: {max, sum, count}.
      Map<String, double[]> byTier = new LinkedHashMap<>();
      for (NetworkResult.LinkLoad l : n.busiestLinks()) {
        double[] a = byTier.computeIfAbsent(l.tier(), t -> new double[3]);
        a[0] = Math.max(a[0], l.utilisation());
        a[1] += l.utilisation();
        a[2]++;
      }
      List<SvgCharts.Stack> stacks = new ArrayList<>();
      byTier.forEach((tier, a) -> {
        double mean = a[1] / a[2];
        // The busiest is never below the mean, but a sum of equal loads over their count can
        // round above each of them (-2.2e-14 at 768 chips): clamp so the bar is not negative.
        stacks.add(new SvgCharts.Stack(tier, List.of(100 * mean, Math.max(0, 100 * (a[0] - mean)))));
      });
      out.append(
          SvgCharts.stackedBarChart(
              "Link utilisation per tier (the " + n.busiestLinks().size() + " busiest links)",
              new SvgCharts.Axis("tier", ""),
              new SvgCharts.Axis("utilisation", "% of capacity over the run"),
              List.of("mean", "up to the busiest"),
              stacks,
              new SvgCharts.Limit("capacity", 100)));
    }
    return out.toString();
  }
}
