package org.supernodesim.node.chip;

import java.util.List;

/**
 * How a chip reads a graph written for another rank: the groups and peers of the graph's rank
 * mapped to its own. Ranks of one pipeline stage run one shared graph (that of the stage's
 * representative), each through its own view, so thousands of chips hold one graph per stage.
 */
public interface RankView {
  /** The graph's own ranks: groups and peers as written. */
  RankView IDENTITY =
      new RankView() {
        @Override
        public List<Integer> group(List<Integer> group) {
          return group;
        }

        @Override
        public int peer(int peer) {
          return peer;
        }
      };

  /** This chip's group for the graph's {@code group}, in the order every member sees. */
  List<Integer> group(List<Integer> group);

  /** This chip's peer for the graph's point-to-point {@code peer}. */
  int peer(int peer);
}
