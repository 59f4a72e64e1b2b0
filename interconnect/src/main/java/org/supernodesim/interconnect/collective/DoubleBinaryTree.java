package org.supernodesim.interconnect.collective;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * NCCL's double binary tree all-reduce (Sanders, Speck and Traeff, "Two-tree algorithms for full
 * bandwidth broadcast, reduction and scan", Parallel Computing 35, 2009; NCCL 2.4): two binary
 * trees over the members, each carrying half the buffer, the second the first mirrored (n even)
 * or shifted by one (n odd) so that most leaves of one are inner nodes of the other. Each half is
 * cut into C chunks (as {@link Pipeline}: 1 MiB, at most 64) that are reduced up the tree and
 * broadcast back down, the broadcast of a chunk starting as soon as the root has reduced it.
 *
 * <p>Tree 0 is NCCL's {@code ncclGetBtree}: member r's parent is {@code (r ^ b) | (b << 1)}, or
 * {@code r ^ b} if that is past the end, with b the lowest set bit of r; member 0 is the root.
 * Both trees have the same depth D (about log2 n). The schedule runs in rounds: at round t a
 * member at depth d sends reduce chunk t - (D - d) to its parent and broadcast chunk t - D - d to
 * its children, in both trees at once, so the whole all-reduce takes R = C + 2D - 1 rounds, each
 * round moving one chunk of S/(2C) per tree edge and direction. The closed form {@code auto}
 * compares sums the rounds, each costing its busiest member: its slowest latency plus the chunks
 * it sends in that round, as if they shared one port (exact where every round waits on one link:
 * see the full-mesh closed-form test).
 */
public final class DoubleBinaryTree implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "double-binary-tree";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_REDUCE;
  }

  /** The two trees of a group of n: parents (-1 at the root) and depths of each member. */
  record Trees(int[][] parents, int[] depths, int depth) {
    static Trees of(int n) {
      int[] first = new int[n];
      for (int r = 0; r < n; r++) {
        first[r] = btreeParent(n, r);
      }
      int[] second = new int[n];
      for (int r = 0; r < n; r++) {
        if (n % 2 == 0) {
          int p = first[n - 1 - r];
          second[r] = p < 0 ? -1 : n - 1 - p;
        } else {
          int p = first[(r - 1 + n) % n];
          second[r] = p < 0 ? -1 : (p + 1) % n;
        }
      }
      // The second tree is the first relabelled, so member r's depth in it is that of its image.
      int[] depths = new int[n];
      int depth = 0;
      for (int r = 0; r < n; r++) {
        int d = 0;
        for (int v = r; first[v] >= 0; v = first[v]) {
          d++;
        }
        depths[r] = d;
        depth = Math.max(depth, d);
      }
      return new Trees(new int[][] {first, second}, depths, depth);
    }

    /** Member {@code member}'s depth in tree {@code tree}. */
    int depth(int tree, int member) {
      int n = depths.length;
      if (tree == 0) {
        return depths[member];
      }
      return depths[n % 2 == 0 ? n - 1 - member : (member - 1 + n) % n];
    }

    List<Integer> children(int tree, int member) {
      List<Integer> children = new ArrayList<>(2);
      int[] parent = parents[tree];
      for (int c = 0; c < parent.length; c++) {
        if (parent[c] == member) {
          children.add(c);
        }
      }
      return children;
    }
  }

  /** NCCL's binary tree over n ranks: the parent of rank r, -1 for the root 0. */
  static int btreeParent(int n, int r) {
    if (r == 0) {
      return -1;
    }
    int bit = Integer.lowestOneBit(r);
    int up = (r ^ bit) | (bit << 1);
    return up >= n ? r ^ bit : up;
  }

  /** The chunks each half is pipelined in. */
  static int chunks(long bytes) {
    long half = Ring.largestChunk(bytes, 2);
    long wanted = (half + Pipeline.CHUNK_BYTES - 1) / Pipeline.CHUNK_BYTES;
    return (int) Math.max(1, Math.min(Pipeline.MAX_CHUNKS, wanted));
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("double-binary-tree does not implement " + kind.label());
    }
    int n = group.size();
    if (n < 2) {
      return List.of();
    }
    Trees trees = Trees.of(n);
    int chunks = chunks(bytes);
    int depth = trees.depth();
    int[] depths = {trees.depth(0, member), trees.depth(1, member)};
    int[] parents = {trees.parents()[0][member], trees.parents()[1][member]};
    List<List<Integer>> children = List.of(trees.children(0, member), trees.children(1, member));
    long[] halves = {Ring.chunk(bytes, 2, 0), Ring.chunk(bytes, 2, 1)};
    return new AbstractList<>() {
      @Override
      public Step get(int t) {
        if (t < 0 || t >= size()) {
          throw new IndexOutOfBoundsException(t);
        }
        List<Step.Transfer> sends = new ArrayList<>(6);
        List<Step.Transfer> receives = new ArrayList<>(6);
        for (int tree = 0; tree < 2; tree++) {
          int d = depths[tree];
          long half = halves[tree];
          int up = t - (depth - d); // the reduce chunk this member sends its parent
          int down = t - depth - d; // the broadcast chunk it sends its children
          if (parents[tree] >= 0) {
            transfer(sends, parents[tree], half, chunks, up);
            transfer(receives, parents[tree], half, chunks, down + 1);
          }
          for (int c : children.get(tree)) {
            transfer(receives, c, half, chunks, up + 1);
            transfer(sends, c, half, chunks, down);
          }
        }
        return new Step(sends, receives);
      }

      @Override
      public int size() {
        return chunks + 2 * depth - 1;
      }
    };
  }

  private static void transfer(List<Step.Transfer> to, int peer, long half, int chunks, int chunk) {
    if (chunk >= 0 && chunk < chunks) {
      to.add(new Step.Transfer(peer, Ring.chunk(half, chunks, chunk)));
    }
  }

  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int n = group.size();
    if (n < 2) {
      return 0;
    }
    Trees trees = Trees.of(n);
    int chunks = chunks(bytes);
    int depth = trees.depth();
    long chunk = Ring.largestChunk(Ring.largestChunk(bytes, 2), chunks);
    // Per member: the serialisation of one chunk to its slowest tree neighbour and the slowest
    // latency; then each round costs its busiest member's chunks plus that latency.
    long[] chunkPicos = new long[n];
    long[] latencyPicos = new long[n];
    int[][] children = new int[2][n];
    for (int tree = 0; tree < 2; tree++) {
      for (int v = 0; v < n; v++) {
        int p = trees.parents()[tree][v];
        if (p >= 0) {
          children[tree][p]++;
          for (int[] pair : new int[][] {{v, p}, {p, v}}) {
            int a = pair[0];
            int b = pair[1];
            chunkPicos[a] = Math.max(
                chunkPicos[a], costs.transferPicos(a, b, chunk) - costs.latencyPicos(a, b));
            latencyPicos[a] = Math.max(latencyPicos[a], costs.latencyPicos(a, b));
          }
        }
      }
    }
    long total = 0;
    for (int t = 0; t < chunks + 2 * depth - 1; t++) {
      long round = 0;
      for (int v = 0; v < n; v++) {
        int sends = 0;
        for (int tree = 0; tree < 2; tree++) {
          int d = trees.depth(tree, v);
          if (trees.parents()[tree][v] >= 0 && inRange(t - (depth - d), chunks)) {
            sends++;
          }
          if (inRange(t - depth - d, chunks)) {
            sends += children[tree][v];
          }
        }
        if (sends > 0) {
          round = Math.max(round, sends * chunkPicos[v] + latencyPicos[v]);
        }
      }
      total += round;
    }
    return total;
  }

  private static boolean inRange(int chunk, int chunks) {
    return chunk >= 0 && chunk < chunks;
  }
}
