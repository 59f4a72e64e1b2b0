package org.supernodesim.model.collective;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntBinaryOperator;

/**
 * Whether a group's chips are a full mesh: every member reaches each of the others on a link of
 * its own. There the collective libraries run an all-reduce as a reduce-scatter and an
 * all-gather in which every member sends each peer its block at once, every link busy (HCCL's
 * Mesh algorithm on an Atlas 800's eight fully linked 910Bs, CANN "HCCL collective communication
 * algorithms"; NCCL and RCCL reach the same with one ring channel per link), not a ring that
 * keeps one link of the n - 1 busy per step. Here, in the model, so that serving's cost model and
 * training's collective algorithms ask the one same question of their own view of the routes.
 */
public final class MeshGroups {
  private MeshGroups() {}

  /**
   * True when every member of every group leaves towards each peer on a different port; {@code
   * port} answers the port (first link) a transfer from one chip to another leaves on.
   */
  public static boolean fullMesh(int[][] groups, IntBinaryOperator port) {
    for (int[] g : groups) {
      if (!fullMesh(g, port)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code group} has at least 3 members and each leaves towards every peer on a
   * different port. */
  public static boolean fullMesh(int[] group, IntBinaryOperator port) {
    if (group.length < 3) {
      return false; // two chips: ring and mesh are the same one link
    }
    for (int a : group) {
      Set<Integer> ports = new HashSet<>();
      for (int b : group) {
        if (a != b && !ports.add(port.applyAsInt(a, b))) {
          return false;
        }
      }
    }
    return true;
  }
}
