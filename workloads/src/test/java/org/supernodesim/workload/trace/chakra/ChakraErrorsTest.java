package org.supernodesim.workload.trace.chakra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.trace.TraceGraphs;
import org.supernodesim.workload.trace.TraceInputException;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.AttributeProto;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.GlobalMetadata;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.Node;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.NodeType;

/** Bad traces: each refused with the file, rank and node, or noted; never dropped silently. */
class ChakraErrorsTest {

  static Node compute(long id, long micros, long... deps) {
    Node.Builder n = Node.newBuilder().setId(id).setName("c" + id).setType(NodeType.COMP_NODE)
        .setDurationMicros(micros);
    Arrays.stream(deps).forEach(n::addDataDeps);
    return n.build();
  }

  static AttributeProto attr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setInt64Val(value).build();
  }

  static byte[] file(Node... nodes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      GlobalMetadata.newBuilder().setVersion("0.0.4").build().writeDelimitedTo(out);
      for (Node n : nodes) {
        n.writeDelimitedTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static TraceInputException refused(byte[]... files) {
    return assertThrows(TraceInputException.class,
        () -> ChakraReader.read(InMemoryTrace.files(List.of(files)),
            ChakraReader.Options.defaults()));
  }

  @Test
  void aDanglingDependencyNamesFileRankAndNode() {
    TraceInputException e = refused(file(compute(0, 1), compute(1, 1, 0, 9)));
    assertEquals("mem.0.et: rank 0, node 1: depends on node 9, which the file does not have",
        e.getMessage());
    assertEquals(1L, e.node().getAsLong());
  }

  @Test
  void aCycleIsShownAsTheLoopOfNodeIds() {
    TraceInputException e =
        refused(file(compute(0, 1), compute(5, 1, 0, 7), compute(6, 1, 5), compute(7, 1, 6)));
    assertEquals("mem.0.et: rank 0, node 5: dependency cycle: 5 -> 7 -> 6 -> 5 (each waits for"
        + " the next)", e.getMessage());
  }

  @Test
  void aMissingRankIsNamed() {
    List<ChakraReader.RankFile> files = new ArrayList<>(InMemoryTrace.files(
        List.of(file(compute(0, 1)), file(compute(0, 1)), file(compute(0, 1)))));
    files.remove(1);
    TraceInputException e = assertThrows(TraceInputException.class,
        () -> ChakraReader.read(files, ChakraReader.Options.defaults()));
    assertEquals("mem.2.et: rank 1 has no file: a trace of 3 ranks needs <prefix>.0.et to"
        + " <prefix>.2.et", e.getMessage());
  }

  @Test
  void aSendWithoutItsReceiveIsRefused() {
    Node send = Node.newBuilder().setId(4).setName("s").setType(NodeType.COMM_SEND_NODE)
        .addAttr(attr("comm_dst", 1)).addAttr(attr("comm_size", 64)).addAttr(attr("comm_tag", 2))
        .build();
    TraceInputException e = refused(file(send), file(compute(0, 1)));
    assertEquals("mem.0.et: rank 0, node 4: 1 send(s) from rank 0 to rank 1 with tag 2 but 0"
        + " receive(s): a send without its receive", e.getMessage());
  }

  @Test
  void aCollectiveOneMemberLacksIsRefused() {
    Node allReduce = Node.newBuilder().setId(3).setName("ar").setType(NodeType.COMM_COLL_NODE)
        .addAttr(attr("comm_type", 0)).addAttr(attr("comm_size", 64)).build();
    TraceInputException e = refused(file(allReduce), file(compute(0, 1)));
    assertEquals("mem.0.et: rank 0, node 3: all-reduce of 64 B over 2 ranks is met by 1 of its 2"
        + " members: a member's trace lacks it or has it twice", e.getMessage());
  }

  @Test
  void anUnknownNodeTypeOrCollectiveIsRefused() {
    Node storage = Node.newBuilder().setId(2).setName("io").setType(NodeType.STORAGE_NODE).build();
    assertEquals("mem.0.et: rank 0, node 2: node type STORAGE_NODE is not one this simulator can"
        + " run; it runs COMP_NODE, MEM_LOAD_NODE, MEM_STORE_NODE, COMM_COLL_NODE, COMM_SEND_NODE,"
        + " COMM_RECV_NODE, and skips METADATA_NODE and INVALID_NODE",
        refused(file(storage)).getMessage());
    Node number = Node.newBuilder().setId(2).setName("x").setTypeValue(42).build();
    assertEquals("mem.0.et: rank 0, node 2: node type number 42 is not one this simulator can"
        + " run; it runs COMP_NODE, MEM_LOAD_NODE, MEM_STORE_NODE, COMM_COLL_NODE, COMM_SEND_NODE,"
        + " COMM_RECV_NODE, and skips METADATA_NODE and INVALID_NODE",
        refused(file(number)).getMessage());
    Node gather = Node.newBuilder().setId(1).setName("g").setType(NodeType.COMM_COLL_NODE)
        .addAttr(attr("comm_type", 3)).addAttr(attr("comm_size", 8)).build();
    assertEquals("mem.0.et: rank 0, node 1: comm_type 3 (GATHER) is not modelled; modelled: 0"
        + " ALL_REDUCE, 1 REDUCE, 2 ALL_GATHER, 5 BROADCAST, 6 ALL_TO_ALL, 7 REDUCE_SCATTER,"
        + " 9 BARRIER", refused(file(gather)).getMessage());
  }

  @Test
  void anUndefinedProcessGroupIsRefused() {
    Node ar = Node.newBuilder().setId(1).setName("ar").setType(NodeType.COMM_COLL_NODE)
        .addAttr(attr("comm_type", 0)).addAttr(attr("comm_size", 8))
        .addAttr(AttributeProto.newBuilder().setName("pg_name").setStringVal("5")).build();
    assertEquals("mem.0.et: rank 0, node 1: process group \"5\" is not defined: give its ranks"
        + " with the trace (ASTRA-sim's communicator-group file) or in the file's GlobalMetadata"
        + " attribute process_group.5", refused(file(ar), file(ar)).getMessage());
  }

  static Node allReduceWithAlgorithm(String algorithm) {
    return Node.newBuilder().setId(1).setName("ar").setType(NodeType.COMM_COLL_NODE)
        .addAttr(attr("comm_type", 0)).addAttr(attr("comm_size", 8))
        .addAttr(AttributeProto.newBuilder().setName("algorithm").setStringVal(algorithm))
        .build();
  }

  @Test
  void anUnknownAlgorithmIsRefusedWithTheLabelsThatAreValid() {
    Node ar = allReduceWithAlgorithm("butterfly");
    assertEquals("mem.0.et: rank 0, node 1: \"butterfly\" is not a collective algorithm; valid:"
        + " auto, nvls, hierarchical, ring, halving-doubling, double-binary-tree, direct, pipeline,"
        + " mesh",
        refused(file(ar), file(ar)).getMessage());
  }

  @Test
  void aNamedAlgorithmIsReadByItsLabel() {
    Node ar = allReduceWithAlgorithm("halving-doubling");
    TraceGraphs t = ChakraReader.read(InMemoryTrace.files(List.of(file(ar), file(ar))),
        ChakraReader.Options.defaults());
    assertEquals(AlgorithmChoice.HALVING_DOUBLING,
        ((Operation.Collective) t.graphs().get(1).operations().get(0)).algorithm());
  }

  @Test
  void aTruncatedFileNamesTheLastGoodNode() {
    byte[] whole = file(compute(0, 1), compute(1, 2, 0), compute(2, 3, 1));
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    TraceInputException e = refused(cut);
    assertEquals("mem.0.et: rank 0: truncated or corrupt after node 1 (node 2 of the file): the"
        + " file ends inside a message (truncated?)", e.getMessage());
  }

  @Test
  void anUnknownAttributeIsNotedWithItsNode() {
    Node n = compute(0, 5).toBuilder().addAttr(attr("fancy_knob", 1)).build();
    TraceGraphs t =
        ChakraReader.read(InMemoryTrace.files(List.of(file(n))), ChakraReader.Options.defaults());
    assertEquals(List.of("attribute fancy_knob is not modelled and was ignored (at mem.0.et node"
        + " 0)"), t.notes());
  }
}
