package org.supernodesim.workload.inference;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a group's chips are a full mesh: every member reaches each of the others on a link of
 * its own. There the collective libraries run an all-reduce as a reduce-scatter and an
 * all-gather in which every member sends each peer its block at once, every link busy (HCCL's
 * Mesh algorithm on an Atlas 800's eight fully linked 910Bs, CANN "HCCL collective communication
 * algorithms"; NCCL and RCCL reach the same with one ring channel per link), not a ring that
 * keeps one link of the n - 1 busy per step.
 */
public final class MeshGroups {
  private MeshGroups() {}

  /** True when every member of every group leaves towards each peer on a different port. */
  public static boolean fullMesh(int[][] groups, ChipRoutes routes) {
    for (int[] g : groups) {
      if (g.length < 3) {
        return false; // two chips: ring and mesh are the same one link
      }
      for (int a : g) {
        Set<Integer> ports = new HashSet<>();
        for (int b : g) {
          if (a != b && !ports.add(routes.port(a, b))) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
