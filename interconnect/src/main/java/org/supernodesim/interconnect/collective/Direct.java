package org.supernodesim.interconnect.collective;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * Direct (pairwise) all-to-all: every member sends its block for each peer straight to it, all in
 * one step, peers in rotated order (r+1, r+2, ...) so that no chip is everyone's first
 * destination (as NCCL's and HCCL's alltoall). A chip's port serialises the blocks it carries, so
 * on one port of bandwidth B and latency alpha: T = alpha + (n-1)/n * S/B, with S the per-rank send
 * buffer (nccl-tests' alltoall size). Blocks may differ per destination ({@link #uneven}), as
 * MoE dispatch and combine send each expert what its router chose.
 */
public final class Direct implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_TO_ALL;
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("direct does not implement " + kind.label());
    }
    int n = group.size();
    // Uniform: every member sends block b of its buffer to member b.
    return step(n, member, (from, to) -> Ring.chunk(bytes, n, to));
  }

  /**
   * Member {@code member}'s step of an all-to-all in which member a sends {@code blocks[a][b]}
   * bytes to member b (the diagonal stays on the chip).
   */
  public static List<Step> uneven(long[][] blocks, int member) {
    return builtStep(blocks.length, member, (from, to) -> blocks[from][to]);
  }

  /**
   * Member {@code member}'s step of an all-to-all in which member a's send buffer is {@code
   * sourceBytes.get(a)} bytes, cut evenly over the n members as a uniform one is: the busiest
   * sender sets the time, alpha + (n-1)/n * S_max/B.
   */
  public static List<Step> uneven(List<Long> sourceBytes, int member) {
    List<Long> sizes = List.copyOf(sourceBytes); // the step reads them later: a fixed copy
    int n = sizes.size();
    return step(n, member, (from, to) -> Ring.chunk(sizes.get(from), n, to));
  }

  /**
   * Member {@code member}'s step of an all-to-all in which member b receives {@code
   * destinationBytes.get(b)} bytes, an equal share from each of the n members (its own share stays
   * on the chip): the busiest receiver's link sets the time where the fabric prices it.
   */
  public static List<Step> unevenReceives(List<Long> destinationBytes, int member) {
    List<Long> sizes = List.copyOf(destinationBytes); // the step reads them later: a fixed copy
    int n = sizes.size();
    return step(n, member, (from, to) -> Ring.chunk(sizes.get(to), n, from));
  }

  /** The bytes member {@code from} sends member {@code to}. */
  interface Blocks {
    long bytes(int from, int to);
  }

  /** Member {@code member}'s one step: its block to every peer at once, computed when read. */
  static List<Step> step(int n, int member, Blocks blocks) {
    // Computed when read, not built: a chip reads each send once and of its receives only their
    // number, and n-1 of each per member were most of an all-to-all's set-up.
    return List.of(new Step(
        new ComputedTransfers(n - 1, k -> {
          int to = (member + k + 1) % n;
          return new Step.Transfer(to, blocks.bytes(member, to));
        }),
        new ComputedTransfers(n - 1, k -> {
          int from = (member - k - 1 + n) % n;
          return new Step.Transfer(from, blocks.bytes(from, member));
        })));
  }

  /** Member {@code member}'s step, built now: for blocks the caller may change afterwards. */
  private static List<Step> builtStep(int n, int member, Blocks blocks) {
    Step.Transfer[] sends = new Step.Transfer[n - 1];
    Step.Transfer[] receives = new Step.Transfer[n - 1];
    for (int k = 1; k < n; k++) {
      int to = (member + k) % n;
      int from = (member - k + n) % n;
      sends[k - 1] = new Step.Transfer(to, blocks.bytes(member, to));
      receives[k - 1] = new Step.Transfer(from, blocks.bytes(from, member));
    }
    return List.of(new Step(List.of(sends), List.of(receives)));
  }

  /**
   * Each member sends its n-1 blocks at once, in the rotated order of {@link #schedule}; each port
   * it uses ({@link PairCosts#port}) serialises the blocks that leave on it while its other ports
   * run at the same time (a chip's NVLink and its NIC, the links of a full mesh), and a block
   * arrives its route's latency after its last byte left. So member a ends at max over its blocks
   * k of (the serialisation of a's blocks up to k on k's port) + latency(a, b_k), and the
   * collective with its slowest member: on one port with one latency alpha + (n-1)/n S/B, as the
   * analytical transport runs it block by block ({@code DirectAllToAllTest}, to the picosecond).
   */
  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int n = group.size();
    return stepPicos(n, costs, (from, to) -> Ring.chunk(bytes, n, to));
  }

  /** The time of one step in which every member sends every peer its block at once. */
  static long stepPicos(int n, PairCosts costs, Blocks blocks) {
    long slowest = 0;
    Map<Integer, Long> portBusyPicos = new HashMap<>();
    for (int a = 0; a < n; a++) {
      portBusyPicos.clear();
      for (int k = 1; k < n; k++) {
        int b = (a + k) % n;
        long latency = costs.latencyPicos(a, b);
        long serial = costs.transferPicos(a, b, blocks.bytes(a, b)) - latency;
        long left = portBusyPicos.merge(costs.port(a, b), serial, Long::sum);
        slowest = Math.max(slowest, left + latency);
      }
    }
    return slowest;
  }
}
