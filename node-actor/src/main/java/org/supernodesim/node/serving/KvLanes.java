package org.supernodesim.node.serving;

import java.util.HashMap;
import java.util.Map;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.LinkSpec;

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
final class KvLanes {
  private final Router router;
  private final InstanceChips from;
  private final java.util.List<InstanceChips> instances;
  // Per port (link index) of this instance's chips: when it is free. Looked up, never iterated.
  private final Map<Integer, Long> portFreeAtPicos = new HashMap<>();

  KvLanes(Router router, InstanceChips from, java.util.List<InstanceChips> instances) {
    this.router = router;
    this.from = from;
    this.instances = instances;
  }

  /** The delay from {@code nowPicos} until the last lane of {@code bytes} has arrived. */
  long transferPicos(int to, int requestId, long bytes, long nowPicos) {
    int[] senders = holders(from, requestId);
    int[] receivers = holders(instances.get(to), requestId);
    int lanes = Math.min(senders.length, receivers.length);
    long share = (bytes + lanes - 1) / lanes;
    long last = 0;
    for (int l = 0; l < lanes; l++) {
      int a = senders[l * senders.length / lanes];
      int b = receivers[l * receivers.length / lanes];
      if (a == b) {
        continue; // the same chip (not between two instances: never, but harmless)
      }
      Route route = router.route(a, b);
      int port = route.links().get(0).index();
      long leaves = Math.max(nowPicos, portFreeAtPicos.getOrDefault(port, 0L));
      long serial = LinkSpec.serializationPicos(share, router.pairBytesPerSecond(a, b));
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
