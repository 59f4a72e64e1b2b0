package org.supernodesim.scenario.file;

import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.workload.inference.InstanceLayout;

/**
 * Where serving instances may sit: on consecutive chips, in the order of their groups, so that no
 * tensor-parallel group and no instance that fits in a scale-up domain (a node of an HGX cluster)
 * is cut by a domain boundary. Its per-layer all-reduces would otherwise cross the scale-out fabric
 * while the step costs price them on the scale-up links, as every serving stack avoids (vLLM and
 * SGLang keep tensor parallelism within a node).
 */
final class Placement {
  private Placement() {}

  /**
   * Checks {@code count} instances of {@code layout} from chip {@code first} on; a problem is
   * reported at {@code path} ({@code .tp} for a tensor-parallel group cut by a domain).
   */
  static void check(Topology topology, int first, int count, InstanceLayout layout, String path) {
    if (!topology.hasDomains()) {
      return;
    }
    int domain = domainSize(topology);
    if (layout.tp() > domain) {
      throw new InvalidInput(
          path + ".tp",
          layout.tp()
              + " chips of one tensor-parallel group"
              + " exceed the scale-up domain of "
              + domain
              + " chips; valid: tp <= "
              + domain);
    }
    for (int k = 0; k < count; k++) {
      int start = first + k * layout.chips();
      int end = start + layout.chips() - 1;
      if (layout.chips() <= domain && topology.domainOf(start) != topology.domainOf(end)) {
        throw new InvalidInput(
            path,
            "instance "
                + k
                + " of this group (chips "
                + start
                + ".."
                + end
                + ") straddles scale-up domains "
                + topology.domainOf(start)
                + " and "
                + topology.domainOf(end)
                + " though its "
                + layout.chips()
                + " chips fit in one of "
                + domain
                + "; order the groups so each instance starts where a domain does");
      }
      for (int g = start; g <= end; g += layout.tp()) {
        if (topology.domainOf(g) != topology.domainOf(g + layout.tp() - 1)) {
          throw new InvalidInput(
              path + ".tp",
              "instance "
                  + k
                  + " of this group puts its"
                  + " tensor-parallel group of chips "
                  + g
                  + ".."
                  + (g + layout.tp() - 1)
                  + " across"
                  + " scale-up domains "
                  + topology.domainOf(g)
                  + " and "
                  + topology.domainOf(g + layout.tp() - 1)
                  + "; each group of tp chips must sit in"
                  + " one domain of "
                  + domain);
        }
      }
    }
  }

  /** Chips per scale-up domain: domains are consecutive and equal, the first starts at chip 0. */
  private static int domainSize(Topology topology) {
    int size = 1;
    while (size < topology.chips() && topology.domainOf(size) == topology.domainOf(0)) {
      size++;
    }
    return size;
  }
}
