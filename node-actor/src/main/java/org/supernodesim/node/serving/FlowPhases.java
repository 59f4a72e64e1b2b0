package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.collective.MeshGroups;
import org.supernodesim.workload.inference.CommunicationDemand;
import org.supernodesim.workload.inference.InstanceChips;
import org.supernodesim.workload.inference.FabricCosts;
import org.supernodesim.workload.inference.ForwardedLegs;
import org.supernodesim.workload.inference.RingLegs;

/**
 * A step's collectives as transfers for the flow model, one phase per demand, run one after
 * another (a step's collectives follow each other, as its layers do). A demand run {@code times}
 * times in a step becomes one transfer per pair carrying all its bytes, plus the latencies of the
 * repeats and of a ring's steps after the first as a wait: on idle links that is exactly the
 * closed form of {@link FabricCosts} summed over the repeats (the merge is the shortcut, named in
 * the result); with other traffic the bytes share links max-min fairly.
 *
 * <ul>
 *   <li>ring all-reduce: each member to the next, 2(n-1) ceil(S/n) bytes; all-gather and
 *       reduce-scatter (n-1) parts; a ring over several nodes sends its rail peer 1/d of them and
 *       its next member in the node the rest ({@link RingLegs}); on a full mesh ({@link
 *       MeshGroups}) each member to every peer, 2 ceil(S/n) bytes (all-gather and reduce-scatter
 *       one part);
 *   <li>EP dispatch: member a to b what b receives from each sender, entry_b / (n-1); combine:
 *       what a sends to each, entry_a / (n-1); forwarded per node (DeepEP normal mode): member a
 *       its {@link ForwardedLegs} at the larger of its entry and the mean;
 *   <li>stage send: chip i of a stage to chip i of the next.
 * </ul>
 */
final class FlowPhases {
  private FlowPhases() {}

  /** One transfer of a phase. */
  record Send(int from, int to, long bytes) {}

  /**
   * The transfers of one demand (its index among the step's), and the latency its repeats add
   * after the last arrives.
   */
  record Phase(int demand, List<Send> sends, long waitPicos) {}

  static List<Phase> of(List<CommunicationDemand> demands, InstanceChips chips, Router router) {
    List<Phase> phases = new ArrayList<>();
    for (int i = 0; i < demands.size(); i++) {
      Phase p = phase(i, demands.get(i), chips, router);
      if (!p.sends().isEmpty()) {
        phases.add(p);
      }
    }
    return phases;
  }

  private static Phase phase(
      int index, CommunicationDemand d, InstanceChips chips, Router router) {
    List<Long> entries = d.bytesPerRank();
    int n = entries.size();
    int times = d.timesPerStep();
    long busiest = d.busiestRankBytes();
    List<Send> sends = new ArrayList<>();
    long rounds; // latencies a closed form would pay per repeat
    int[][] groups = chips.groupsOf(d.group(), n);
    switch (d.collective()) {
      case ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER -> {
        boolean reduce = d.collective() == CommunicationDemand.Collective.ALL_REDUCE;
        long chunk = reduce ? busiest / n + (busiest % n == 0 ? 0 : 1) : busiest;
        if (MeshGroups.fullMesh(groups, new Routes(router)::port)) {
          // The mesh algorithm: every member sends each peer its chunk once per phase.
          int meshPhases = reduce ? 2 : 1;
          for (int[] g : groups) {
            for (int a : g) {
              for (int b : g) {
                if (a != b) {
                  sends.add(new Send(a, b, meshPhases * chunk * times));
                }
              }
            }
          }
          rounds = meshPhases;
          break;
        }
        long steps = reduce ? 2L * (n - 1) : n - 1L;
        for (int[] g : groups) {
          if (g.length < 2) {
            continue;
          }
          RingLegs legs = RingLegs.of(g, new Routes(router));
          for (int i = 0; i < g.length; i++) {
            for (RingLegs.Leg leg : legs.legs().get(i)) {
              sends.add(new Send(g[i], leg.to(), steps * legs.bytes(leg, chunk) * times));
            }
          }
        }
        rounds = steps;
      }
      case EP_DISPATCH, EP_COMBINE -> {
        boolean dispatch = d.collective() == CommunicationDemand.Collective.EP_DISPATCH;
        if (d.route() instanceof CommunicationDemand.Route.PerNode route) {
          // Each member's legs at its own entry (what it sends) or the mean, as the closed form.
          long mean = Math.round(d.meanRankBytes());
          for (int[] g : groups) {
            ForwardedLegs legs = ForwardedLegs.of(g, new Routes(router), route);
            for (int a = 0; a < n; a++) {
              long entry = Math.max(mean, entries.get(a));
              for (ForwardedLegs.Leg leg : legs.legs().get(a)) {
                sends.add(new Send(
                    g[a], leg.to(), ForwardedLegs.bytes(leg.share(), entry) * times));
              }
            }
          }
          rounds = 1;
          break;
        }
        for (int[] g : groups) {
          for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
              long entry = entries.get(dispatch ? b : a);
              long block = entry / (n - 1) + (entry % (n - 1) == 0 ? 0 : 1);
              if (a != b && block > 0) {
                sends.add(new Send(g[a], g[b], block * times));
              }
            }
          }
        }
        rounds = 1;
      }
      case STAGE_SEND -> {
        for (int[] pair : groups) {
          sends.add(new Send(pair[0], pair[1], busiest * times));
        }
        rounds = 1;
      }
      default -> throw new IllegalStateException("no transfers for " + d.collective());
    }
    sends.removeIf(s -> s.bytes() == 0 || s.from() == s.to());
    long latency = 0;
    for (Send s : sends) {
      latency = Math.max(latency, router.route(s.from(), s.to()).latencyPicos());
    }
    return new Phase(index, List.copyOf(sends), (rounds * times - 1) * latency);
  }
}
