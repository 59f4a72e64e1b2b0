package org.supernodesim.workload.trace.chakra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.TraceGraphs;

/** The benchmark's synthetic trace, small: it reads as the generator describes it. */
class SyntheticChakraTraceTest {

  @Test
  void theSyntheticTraceReadsWithMatchingCollectivesAndMessages() throws IOException {
    // Given 16 ranks of 1,000 node kinds.
    SyntheticChakraTrace trace = new SyntheticChakraTrace(16, 1_000, 5);
    List<byte[]> files = new ArrayList<>();
    for (int r = 0; r < 16; r++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      trace.write(r, out);
      files.add(out.toByteArray());
    }

    // When read (every cross-rank check passes, or this throws).
    TraceGraphs graphs =
        ChakraReader.read(InMemoryTrace.files(files), ChakraReader.Options.defaults());

    // Then every rank has 1,000 kinds, each ring exchange two nodes; 20 world all-reduces; the
    // group all-reduces span the rank's block of 8; ranks 0..7 and 8..15 differ only in groups.
    OperationGraph rank9 = graphs.graphs().get(9);
    long sends = rank9.operations().stream().filter(Operation.Send.class::isInstance).count();
    assertEquals(1_000 + sends, rank9.size());
    List<Operation.Collective> collectives = rank9.operations().stream()
        .filter(Operation.Collective.class::isInstance).map(Operation.Collective.class::cast)
        .toList();
    assertEquals(20, collectives.stream().filter(c -> c.group().size() == 16).count());
    assertTrue(collectives.stream().filter(c -> c.group().size() == 8)
        .allMatch(c -> c.group().equals(List.of(8, 9, 10, 11, 12, 13, 14, 15))));
    assertTrue(rank9.sharesIndexWith(graphs.graphs().get(0)), "one dependency index for all");
    assertEquals(List.of(), graphs.notes());
  }
}
