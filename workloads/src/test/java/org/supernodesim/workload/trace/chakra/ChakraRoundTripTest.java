package org.supernodesim.workload.trace.chakra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.trace.TraceFiles;
import org.supernodesim.workload.trace.TraceGraphs;

/** What {@link ChakraWriter} writes, {@link ChakraReader} reads back to the same graphs. */
class ChakraRoundTripTest {

  /** Two ranks using every kind of operation, a sub-group, a send and its receive. */
  static List<OperationGraph> everyKind() {
    List<Integer> pair = List.of(0, 1);
    List<OperationGraph> graphs = new java.util.ArrayList<>();
    for (int r = 0; r < 2; r++) {
      int peer = 1 - r;
      graphs.add(new OperationGraph(r, List.of(
          new Operation.Compute(0, List.of(), "gemm", 2.5e12, 3e9, Precision.FP8),
          new Operation.Kernels(1, List.of(0), "layer", List.of(
              Kernel.matmul(2, 4096, 4096, 1024, Precision.BF16), Kernel.elementwise(1.5e6))),
          new Operation.Measured(2, List.of(0), "measured", 1_234_567),
          new Operation.Delay(3, List.of(2), "update", 10_000),
          new Operation.Collective(4, List.of(1, 3), "ag", 7, CollectiveKind.ALL_GATHER, pair,
              2_000, AlgorithmChoice.RING),
          new Operation.Collective(5, List.of(4), "a2a", 8, CollectiveKind.ALL_TO_ALL, pair,
              150, AlgorithmChoice.AUTO, List.of(100L, 200L)),
          r == 0
              ? new Operation.Send(6, List.of(5), "send", peer, 4096, 3)
              : new Operation.Recv(6, List.of(5), "recv", peer, 3),
          new Operation.Measured(7, List.of(6), "after", 0))));
    }
    return graphs;
  }

  @Test
  void everyOperationKindReadsBackUnchanged() {
    // Given two ranks with compute, kernels, measured work, a delay, two collectives (one uneven)
    // and a send/receive pair.
    List<OperationGraph> graphs = everyKind();

    // When written and read back.
    TraceGraphs back = ChakraReader.read(InMemoryTrace.files(InMemoryTrace.write(graphs)),
        ChakraReader.Options.defaults());

    // Then the graphs are equal, operation by operation (records compare every field).
    assertEquals(graphs, back.graphs());
    assertEquals(List.of(), back.notes());
  }

  @Test
  void subGroupsAreNamedAndCarriedInTheMetadata() {
    // Given 4 ranks, all-reduces over the pairs {0,1} and {2,3} then over all four.
    List<OperationGraph> graphs =
        CollectiveBenchmark.graphs(4, List.of(
            new CollectiveBenchmark.Entry(CollectiveKind.ALL_REDUCE, 1 << 20, List.of(0, 1),
                AlgorithmChoice.AUTO, 1, List.of()),
            new CollectiveBenchmark.Entry(CollectiveKind.ALL_REDUCE, 1 << 20, List.of(2, 3),
                AlgorithmChoice.AUTO, 1, List.of()),
            new CollectiveBenchmark.Entry(CollectiveKind.REDUCE_SCATTER, 1 << 20,
                CollectiveBenchmark.firstRanks(4), AlgorithmChoice.RING, 2, List.of())));
    ChakraWriter writer = new ChakraWriter(graphs);

    // Then the pairs get pg_names "1" and "2" (all ranks need none), and reading gives them back.
    assertEquals(Map.of("1", List.of(0, 1), "2", List.of(2, 3)), writer.processGroups());
    assertEquals(graphs, ChakraReader.read(InMemoryTrace.files(InMemoryTrace.write(graphs)),
        ChakraReader.Options.defaults()).graphs());
  }

  @Test
  void aConvertedTraceWrittenAgainReadsTheSame() throws Exception {
    // Given the converted ResNet-50 (64 ranks), read; when written (gzipped, as producers may)
    // and read again, it is unchanged.
    TraceGraphs first =
        ChakraReader.read(TraceFiles.chakra("chakra-et/converted/resnet50_ns_64",
            "resnet50_ns_64", 64), ChakraReader.Options.defaults());
    List<byte[]> files = InMemoryTrace.write(first.graphs());
    List<byte[]> zipped = new java.util.ArrayList<>();
    for (byte[] f : files) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(f);
      }
      zipped.add(out.toByteArray());
    }
    assertEquals(first.graphs(), ChakraReader.read(InMemoryTrace.files(zipped),
        ChakraReader.Options.defaults()).graphs());
  }

  @Test
  void whatChakraCannotSayIsRefusedWhenWriting() {
    List<OperationGraph> graphs = CollectiveBenchmark.graphs(3, List.of(
        new CollectiveBenchmark.Entry(CollectiveKind.ALL_GATHER, 1000,
            CollectiveBenchmark.firstRanks(3), AlgorithmChoice.AUTO, 1, List.of())));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ChakraWriter(graphs));
    assertEquals("rank 0, all-gather 1000 B: an all-gather of 1000 B over 3 ranks has no whole"
        + " comm_size (Chakra gives each rank's part)", e.getMessage());
  }
}
