package org.supernodesim.workload.trace.chakra;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.AttributeProto;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.DoubleList;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.GlobalMetadata;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.Int64List;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.Node;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.NodeType;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.StringList;

/**
 * Writes every rank's graph as a Chakra execution trace, one stream per rank (uncompressed), in
 * the form {@link ChakraReader} reads back to the same graphs: node id = operation id, every
 * dependency a data dependency, and the ordinary Chakra fields other tools read ({@code num_ops},
 * {@code tensor_size}, {@code duration_micros}, {@code comm_type}, {@code comm_size} with
 * ASTRA-sim's all-gather convention, {@code pg_name}, {@code comm_src/dst/tag}) beside
 * supernode-sim's own exact ones ({@link OwnAttributes}).
 *
 * <p>Process groups other than "all ranks" are named "1", "2", ... in the order the graphs first
 * use them; {@link #processGroups} gives the table (ASTRA-sim's communicator-group file) and each
 * file's GlobalMetadata carries the groups that file uses.
 */
public final class ChakraWriter {
  /** The schema version the files declare (ASTRA-sim's microbenchmarks write the same). */
  public static final String VERSION = "0.0.4";

  private final List<OperationGraph> graphs;
  private final Map<List<Integer>, String> groupNames = new LinkedHashMap<>();
  private final List<Integer> world;
  // Per receive, the bytes of the send it matches (a Chakra receive names its size).
  private final Map<Long, Long> receiveBytes = new HashMap<>(); // looked up only

  private record Channel(int source, int destination, int tag) {}

  /**
   * Prepares to write {@code graphs}, rank r at index r.
   *
   * @throws IllegalArgumentException for what Chakra cannot say: a send-recv collective, or an
   *     all-gather whose result is not a whole number of bytes per member
   */
  public ChakraWriter(List<OperationGraph> graphs) {
    this.graphs = List.copyOf(graphs);
    List<Integer> all = new ArrayList<>();
    for (int r = 0; r < graphs.size(); r++) {
      all.add(r);
      if (graphs.get(r).rank() != r) {
        throw new IllegalArgumentException("graph " + r + " is rank " + graphs.get(r).rank());
      }
    }
    this.world = List.copyOf(all);
    Map<Channel, ArrayDeque<Long>> sent = new HashMap<>(); // looked up only
    for (OperationGraph g : graphs) {
      for (Operation op : g.operations()) {
        if (op instanceof Operation.Collective c) {
          check(g.rank(), c);
          if (!c.group().equals(world)) {
            groupNames.putIfAbsent(c.group(), Integer.toString(groupNames.size() + 1));
          }
        } else if (op instanceof Operation.Send s) {
          sent.computeIfAbsent(channel(g.rank(), s.peer(), s.tag()), k -> new ArrayDeque<>())
              .add(s.bytes());
        }
      }
    }
    for (OperationGraph g : graphs) {
      for (Operation op : g.operations()) {
        if (op instanceof Operation.Recv v) {
          ArrayDeque<Long> q = sent.get(channel(v.peer(), g.rank(), v.tag()));
          receiveBytes.put(((long) g.rank() << 32) | v.id(), q == null || q.isEmpty() ? 0
              : q.poll());
        }
      }
    }
  }

  /** The process groups the files name, by name: ASTRA-sim's communicator-group table. */
  public Map<String, List<Integer>> processGroups() {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    groupNames.forEach((group, name) -> out.put(name, group));
    return out;
  }

  /** The file name of rank {@code rank}: {@code <prefix>.<rank>.et}, as ASTRA-sim reads them. */
  public static String fileName(String prefix, int rank) {
    return prefix + "." + rank + ".et";
  }

  /** Writes rank {@code rank}'s trace to {@code out} (left open). */
  public void write(int rank, OutputStream out) throws IOException {
    OperationGraph graph = graphs.get(rank);
    GlobalMetadata.Builder meta =
        GlobalMetadata.newBuilder().setVersion(VERSION).addAttr(text("schema", "supernode-sim"));
    LinkedHashMap<String, List<Integer>> used = new LinkedHashMap<>();
    for (Operation op : graph.operations()) {
      if (op instanceof Operation.Collective c && groupNames.containsKey(c.group())) {
        used.putIfAbsent(groupNames.get(c.group()), c.group());
      }
    }
    used.forEach(
        (name, group) -> meta.addAttr(integers(OwnAttributes.PROCESS_GROUP_PREFIX + name,
            group.stream().map(Integer::longValue).toList())));
    meta.build().writeDelimitedTo(out);
    for (Operation op : graph.operations()) {
      node(rank, op).writeDelimitedTo(out);
    }
  }

  private Node node(int rank, Operation op) {
    Node.Builder n = Node.newBuilder().setId(op.id()).setName(op.name());
    for (int d : op.dependencies()) {
      n.addDataDeps(d);
    }
    if (op instanceof Operation.Compute c) {
      n.setType(NodeType.COMP_NODE)
          .addAttr(number("num_ops", c.flops()))
          .addAttr(number("tensor_size", c.bytes()))
          .addAttr(text(OwnAttributes.PRECISION, c.precision().label()));
    } else if (op instanceof Operation.Kernels k) {
      kernels(n, k);
    } else if (op instanceof Operation.Measured m) {
      n.setType(NodeType.COMP_NODE)
          .setDurationMicros(m.durationPicos() / ChakraReader.Options.MICROSECOND_PICOS)
          .addAttr(integer(OwnAttributes.DURATION_PICOS, m.durationPicos()));
    } else if (op instanceof Operation.Delay d) {
      // No Chakra node waits without a resource; other tools see a compute of this duration.
      n.setType(NodeType.COMP_NODE)
          .setDurationMicros(d.durationPicos() / ChakraReader.Options.MICROSECOND_PICOS)
          .addAttr(integer(OwnAttributes.DELAY_PICOS, d.durationPicos()));
    } else if (op instanceof Operation.Send s) {
      n.setType(NodeType.COMM_SEND_NODE)
          .addAttr(integer("comm_src", rank))
          .addAttr(integer("comm_dst", s.peer()))
          .addAttr(integer("comm_size", s.bytes()))
          .addAttr(integer("comm_tag", s.tag()));
    } else if (op instanceof Operation.Recv v) {
      n.setType(NodeType.COMM_RECV_NODE)
          .addAttr(integer("comm_src", v.peer()))
          .addAttr(integer("comm_dst", rank))
          .addAttr(integer("comm_size", receiveBytes.get(((long) rank << 32) | v.id())))
          .addAttr(integer("comm_tag", v.tag()));
    } else if (op instanceof Operation.Collective c) {
      collective(n, c);
    } else {
      throw new IllegalStateException("no Chakra node for " + op);
    }
    return n.build();
  }

  private void kernels(Node.Builder n, Operation.Kernels k) {
    List<String> kinds = new ArrayList<>();
    List<Double> flops = new ArrayList<>();
    List<Double> bytes = new ArrayList<>();
    List<Long> dims = new ArrayList<>();
    List<Long> weightDims = new ArrayList<>();
    boolean ownWeightDims = false;
    List<String> precisions = new ArrayList<>();
    double totalFlops = 0;
    double totalBytes = 0;
    for (Kernel kernel : k.kernels()) {
      kinds.add(OwnAttributes.kernelKind(kernel.kind()));
      flops.add(kernel.flops());
      bytes.add(kernel.bytes());
      dims.add(kernel.smallestDimension());
      weightDims.add(kernel.weightDimension());
      ownWeightDims |= kernel.weightDimension() != kernel.smallestDimension();
      precisions.add(kernel.precision().label());
      totalFlops += kernel.flops();
      totalBytes += kernel.bytes();
    }
    n.setType(NodeType.COMP_NODE)
        .addAttr(number("num_ops", totalFlops))
        .addAttr(number("tensor_size", totalBytes))
        .addAttr(strings(OwnAttributes.KERNEL_KINDS, kinds))
        .addAttr(doubles(OwnAttributes.KERNEL_FLOPS, flops))
        .addAttr(doubles(OwnAttributes.KERNEL_BYTES, bytes))
        .addAttr(integers(OwnAttributes.KERNEL_DIMENSIONS, dims))
        .addAttr(strings(OwnAttributes.KERNEL_PRECISIONS, precisions));
    if (ownWeightDims) {
      n.addAttr(integers(OwnAttributes.KERNEL_WEIGHT_DIMENSIONS, weightDims));
    }
  }

  private void collective(Node.Builder n, Operation.Collective c) {
    long commSize =
        c.kind() == CollectiveKind.ALL_GATHER ? c.bytes() / c.group().size() : c.bytes();
    n.setType(NodeType.COMM_COLL_NODE)
        .addAttr(bool("is_cpu_op", false))
        .addAttr(integer("comm_type", commType(c.kind())))
        .addAttr(integer("comm_size", commSize))
        .addAttr(integer(OwnAttributes.COLLECTIVE_ID, c.collectiveId()));
    if (groupNames.containsKey(c.group())) {
      n.addAttr(text("pg_name", groupNames.get(c.group())));
    }
    if (c.algorithm() != AlgorithmChoice.AUTO) {
      n.addAttr(text(OwnAttributes.ALGORITHM, c.algorithm().label()));
    }
    if (!c.sourceBytes().isEmpty()) {
      n.addAttr(integers(OwnAttributes.SOURCE_BYTES, c.sourceBytes()));
    }
  }

  private static void check(int rank, Operation.Collective c) {
    commType(c.kind());
    if (c.kind() == CollectiveKind.ALL_GATHER && c.bytes() % c.group().size() != 0) {
      throw new IllegalArgumentException("rank " + rank + ", " + c.name() + ": an all-gather of "
          + c.bytes() + " B over " + c.group().size() + " ranks has no whole comm_size (Chakra"
          + " gives each rank's part)");
    }
  }

  private static long commType(CollectiveKind kind) {
    return switch (kind) {
      case ALL_REDUCE -> 0;
      case REDUCE -> 1;
      case ALL_GATHER -> 2;
      case BROADCAST -> 5;
      case ALL_TO_ALL -> 6;
      case REDUCE_SCATTER -> 7;
      case SEND_RECV -> throw new IllegalArgumentException(
          "a send-recv collective has no Chakra comm_type; write it as a send and a receive");
    };
  }

  private static Channel channel(int source, int destination, int tag) {
    return new Channel(source, destination, tag);
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setInt64Val(value).build();
  }

  /** Whole numbers as int64 (what Chakra's tools write), others as double. */
  private static AttributeProto number(String name, double value) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    return (value == Math.rint(value) && Math.abs(value) < 9.0e18
        ? a.setInt64Val((long) value) : a.setDoubleVal(value)).build();
  }

  private static AttributeProto text(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setStringVal(value).build();
  }

  private static AttributeProto bool(String name, boolean value) {
    return AttributeProto.newBuilder().setName(name).setBoolVal(value).build();
  }

  private static AttributeProto integers(String name, List<Long> values) {
    return AttributeProto.newBuilder().setName(name)
        .setInt64List(Int64List.newBuilder().addAllValues(values)).build();
  }

  private static AttributeProto doubles(String name, List<Double> values) {
    return AttributeProto.newBuilder().setName(name)
        .setDoubleList(DoubleList.newBuilder().addAllValues(values)).build();
  }

  private static AttributeProto strings(String name, List<String> values) {
    return AttributeProto.newBuilder().setName(name)
        .setStringList(StringList.newBuilder().addAllValues(values)).build();
  }
}
