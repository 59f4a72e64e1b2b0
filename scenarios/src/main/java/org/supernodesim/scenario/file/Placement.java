package org.supernodesim.scenario.file;

import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.workload.inference.InstanceLayout;

/**
 * Where serving instances may sit: on consecutive chips, in the order of their groups, so that no
 * tensor-parallel group and no instance that fits in a scale-up domain (a node of an HGX cluster)
 * is cut by a domain boundary (vLLM and SGLang keep tensor parallelism within a node where it
 * fits). A tensor-parallel group larger than a domain takes whole domains from a domain's start
 * (TP16 over two 8-GPU nodes, the baseline of lmsys.org/blog/2025-05-05-large-scale-ep): its
 * all-reduces then cross the scale-out fabric, where the instance's collectives are priced on its
 * chips' routes.
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
    if (layout.tp() > domain && layout.tp() % domain != 0) {
      throw new InvalidInput(
          path + ".tp",
          layout.tp()
              + " chips of one tensor-parallel group"
              + " exceed the scale-up domain of "
              + domain
              + " chips without filling whole domains; valid: tp <= "
              + domain
              + " or a multiple of it");
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
        boolean cut = layout.tp() <= domain
            ? topology.domainOf(g) != topology.domainOf(g + layout.tp() - 1)
            : g > 0 && topology.domainOf(g) == topology.domainOf(g - 1);
        if (cut) {
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
                  + domain
                  + " or start where a domain does");
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
