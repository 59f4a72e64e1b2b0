package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.inference.InstanceChips;

/**
 * A prefill instance's KV transfers to decode instances over the chips' real routes. The prompt's
 * KV lies on the tp x pp chips of the DP-attention group that served it (request id modulo the
 * groups); it goes to the same kind of group of the decode instance in {@code lanes} parallel
 * transfers, lanes being the smaller of the two sides' tp x pp, each carrying an equal share from
 * its sending chip to its receiving chip. A sending chip's port serialises its transfers, as on the
 * analytical transport: a transfer leaves when the port's earlier ones have, then crosses its
 * route. Owned by the prefill instance's process (its own chips' ports only), so runtimes on
 * several threads do not race.
 */
final class KvLanes implements InstanceProcess.KvRoute {
  private final Router router;
  private final InstanceChips from;
  private final List<InstanceChips> instances;
  // Per port (link index) of this instance's chips: when it is free. Looked up, never iterated.
  private final Map<Integer, Long> portFreeAtPicos = new HashMap<>();

  KvLanes(Router router, InstanceChips from, List<InstanceChips> instances) {
    this.router = router;
    this.from = from;
    this.instances = instances;
  }

  @Override
  public List<int[]> lanes(int to, int requestId) {
    int[] senders = holders(from, requestId);
    int[] receivers = holders(instances.get(to), requestId);
    int lanes = Math.min(senders.length, receivers.length);
    List<int[]> pairs = new ArrayList<>(lanes);
    for (int l = 0; l < lanes; l++) {
      pairs.add(new int[] {senders[l * senders.length / lanes],
          receivers[l * receivers.length / lanes]});
    }
    return pairs;
  }

  /** The delay from {@code nowPicos} until the last lane of {@code bytes} has arrived. */
  @Override
  public long transferPicos(int to, int requestId, long bytes, long nowPicos) {
    List<int[]> lanes = lanes(to, requestId);
    long share = (bytes + lanes.size() - 1) / lanes.size();
    long last = 0;
    for (int[] lane : lanes) {
      Route route = router.route(lane[0], lane[1]);
      int port = route.links().get(0).index();
      long leaves = Math.max(nowPicos, portFreeAtPicos.getOrDefault(port, 0L));
      long serial = LinkSpec.serializationPicos(share, router.pairBytesPerSecond(lane[0], lane[1]));
      portFreeAtPicos.put(port, leaves + serial);
      last = Math.max(last, leaves + serial + route.latencyPicos() - nowPicos);
    }
    return last;
  }

  /** The tp x pp chips holding a request's KV: stage by stage, the TP ranks of its DP group. */
  static int[] holders(InstanceChips instance, int requestId) {
    var layout = instance.layout();
    int d = Math.floorMod(requestId, layout.dpAttention());
    int[] chips = new int[layout.tp() * layout.pp()];
    for (int s = 0; s < layout.pp(); s++) {
      for (int t = 0; t < layout.tp(); t++) {
        chips[s * layout.tp() + t] =
            instance.firstChip() + s * layout.stageChips() + d * layout.tp() + t;
      }
    }
    return chips;
  }
}
