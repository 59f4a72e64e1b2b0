package org.supernodesim.workload.trace.chakra;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.AttributeProto;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.GlobalMetadata;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.Int64List;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.Node;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.NodeType;

/**
 * A synthetic Chakra trace for the replay speed benchmark ({@code bench replay}: 384 ranks of
 * 10,000 nodes), written as other tools write theirs (no supernode-sim attributes). Every rank runs the
 * same sequence of node kinds, drawn once from the seed, so that the ranks' collectives and
 * messages match:
 *
 * <ul>
 *   <li>mostly compute nodes of 1..50 us ({@code duration_micros}), each after the node before it
 *       and, one in four, also after the node three back (a control dependency);
 *   <li>{@value #GROUP_SHARE_PERCENT}% all-reduces of 4 MiB over the rank's block of 8 ({@code
 *       pg_name}, its ranks in the GlobalMetadata);
 *   <li>{@value #WORLD_PER_RANK} all-reduces of 16 MiB over every rank, spread evenly;
 *   <li>{@value #RING_SHARE_PERCENT}% ring exchanges: a send of 1 MiB to the next rank and a
 *       receive from the one before, with one tag per exchange.
 * </ul>
 */
public final class SyntheticChakraTrace {
  static final int GROUP = 8;
  static final int GROUP_SHARE_PERCENT = 10;
  static final int RING_SHARE_PERCENT = 5;
  static final int WORLD_PER_RANK = 20;

  private enum Kind {
    COMPUTE,
    GROUP_ALL_REDUCE,
    WORLD_ALL_REDUCE,
    RING_EXCHANGE
  }

  private final int ranks;
  private final List<Kind> kinds;
  private final long[] micros;

  /** The trace of {@code ranks} ranks (a multiple of 8), about {@code nodes} nodes each. */
  public SyntheticChakraTrace(int ranks, int nodes, long seed) {
    if (ranks % GROUP != 0 || ranks < 2 * GROUP) {
      throw new IllegalArgumentException("ranks must be a multiple of 8, at least 16: " + ranks);
    }
    this.ranks = ranks;
    SplittableRandom random = new SplittableRandom(seed);
    kinds = new ArrayList<>(nodes);
    int worldEvery = Math.max(1, nodes / WORLD_PER_RANK);
    while (kinds.size() < nodes) {
      int roll = random.nextInt(100);
      if (kinds.size() % worldEvery == worldEvery - 1) {
        kinds.add(Kind.WORLD_ALL_REDUCE);
      } else if (roll < GROUP_SHARE_PERCENT) {
        kinds.add(Kind.GROUP_ALL_REDUCE);
      } else if (roll < GROUP_SHARE_PERCENT + RING_SHARE_PERCENT) {
        kinds.add(Kind.RING_EXCHANGE); // two nodes: a send and a receive
      } else {
        kinds.add(Kind.COMPUTE);
      }
    }
    micros = random.longs(nodes, 1, 51).toArray();
  }

  /** Writes rank {@code rank}'s file to {@code out}. */
  public void write(int rank, OutputStream out) throws IOException {
    int block = rank / GROUP * GROUP;
    AttributeProto.Builder members = AttributeProto.newBuilder().setName("process_group.1");
    Int64List.Builder list = Int64List.newBuilder();
    for (int r = block; r < block + GROUP; r++) {
      list.addValues(r);
    }
    GlobalMetadata.newBuilder().setVersion(ChakraWriter.VERSION)
        .addAttr(members.setInt64List(list)).build().writeDelimitedTo(out);
    long id = 0;
    int tag = 0;
    for (int i = 0; i < kinds.size(); i++) {
      Node.Builder n = Node.newBuilder().setId(id).setName("n" + id);
      if (id > 0) {
        n.addDataDeps(id - 1);
      }
      if (id >= 3 && id % 4 == 0) {
        n.addCtrlDeps(id - 3);
      }
      switch (kinds.get(i)) {
        case COMPUTE -> n.setType(NodeType.COMP_NODE).setDurationMicros(micros[i]);
        case GROUP_ALL_REDUCE -> n.setType(NodeType.COMM_COLL_NODE)
            .addAttr(integer("comm_type", 0)).addAttr(integer("comm_size", 4L << 20))
            .addAttr(AttributeProto.newBuilder().setName("pg_name").setStringVal("1"));
        case WORLD_ALL_REDUCE -> n.setType(NodeType.COMM_COLL_NODE)
            .addAttr(integer("comm_type", 0)).addAttr(integer("comm_size", 16L << 20));
        case RING_EXCHANGE -> {
          n.setType(NodeType.COMM_SEND_NODE).addAttr(integer("comm_dst", (rank + 1) % ranks))
              .addAttr(integer("comm_size", 1L << 20)).addAttr(integer("comm_tag", tag));
          n.build().writeDelimitedTo(out);
          id++;
          n = Node.newBuilder().setId(id).setName("n" + id).addDataDeps(id - 1)
              .setType(NodeType.COMM_RECV_NODE)
              .addAttr(integer("comm_src", (rank + ranks - 1) % ranks))
              .addAttr(integer("comm_size", 1L << 20)).addAttr(integer("comm_tag", tag++));
        }
      }
      n.build().writeDelimitedTo(out);
      id++;
    }
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setInt64Val(value).build();
  }
}
