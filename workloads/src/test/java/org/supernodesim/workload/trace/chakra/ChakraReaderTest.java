package org.supernodesim.workload.trace.chakra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.trace.TraceFiles;
import org.supernodesim.workload.trace.TraceGraphs;

/** Every Chakra trace of the test resources, read and its structure checked against the file. */
class ChakraReaderTest {

  @ParameterizedTest(name = "{0}/{1} on {2} NPUs")
  @CsvSource({
    "microbenchmarks, all_reduce, 4, 1MB, ALL_REDUCE, 1048576",
    "microbenchmarks, all_reduce, 8, 1MB, ALL_REDUCE, 1048576",
    "microbenchmarks, all_reduce, 16, 1MB, ALL_REDUCE, 1048576",
    "microbenchmarks, all_gather, 4, 1MB, ALL_GATHER, 1048576",
    "microbenchmarks, all_gather, 8, 1MB, ALL_GATHER, 1048576",
    "microbenchmarks, all_gather, 16, 1MB, ALL_GATHER, 1048576",
    "microbenchmarks, reduce_scatter, 4, 1MB, REDUCE_SCATTER, 1048576",
    "microbenchmarks, reduce_scatter, 8, 1MB, REDUCE_SCATTER, 1048576",
    "microbenchmarks, reduce_scatter, 16, 1MB, REDUCE_SCATTER, 1048576",
    "microbenchmarks, all_to_all, 4, 1MB, ALL_TO_ALL, 1048576",
    "microbenchmarks, all_to_all, 8, 1MB, ALL_TO_ALL, 1048576",
    "microbenchmarks, all_to_all, 16, 1MB, ALL_TO_ALL, 1048576",
    "generated, all_reduce, 64, 1024MB, ALL_REDUCE, 1073741824",
    "generated, all_to_all, 64, 64MB, ALL_TO_ALL, 67108864",
  })
  void aMicrobenchmarkIsOneCollectiveOverEveryRank(
      String group, String kind, int npus, String size, CollectiveKind expected, long commSize) {
    // Given ASTRA-sim's microbenchmark: per rank one COMM_COLL_NODE, comm_size bytes, no pg_name.
    TraceGraphs trace =
        ChakraReader.read(TraceFiles.microbenchmark(group, kind, npus, size),
            ChakraReader.Options.defaults());

    // Then every rank runs one collective over all ranks, instance 0, with ASTRA-sim's sizes:
    // the buffer for all-reduce, reduce-scatter and all-to-all, each rank's part for all-gather
    // (so the gathered result is comm_size x npus).
    assertEquals(npus, trace.ranks());
    long bytes = expected == CollectiveKind.ALL_GATHER ? commSize * npus : commSize;
    for (OperationGraph g : trace.graphs()) {
      assertEquals(1, g.size(), "one node per rank file");
      Operation.Collective c = (Operation.Collective) g.get(0);
      assertEquals(expected, c.kind());
      assertEquals(bytes, c.bytes(), "bytes as this simulator counts them");
      assertEquals(CollectiveBenchmark.firstRanks(npus), c.group(), "no pg_name: every rank");
      assertEquals(0, c.collectiveId());
      assertEquals(List.of(), c.dependencies());
      assertSame(trace.graphs().get(0).operations(), g.operations(),
          "identical ranks share one list of operations");
    }
    assertEquals(List.of(), trace.notes(), "nothing unmodelled in these files");
  }

  @Test
  void theConvertedResNetIsItsTextWorkloadUnderDataParallelism() {
    // Given Chakra's conversion of Resnet50_DataParallel_ns.txt (54 layers, DATA) for 64 NPUs:
    // forward of every layer, then per layer from the last: weight gradient, its all-reduce,
    // input gradient (none for layer 0): 54 + 54 + 53 compute nodes and 54 all-reduces.
    TraceGraphs trace =
        ChakraReader.read(TraceFiles.chakra("chakra-et/converted/resnet50_ns_64",
            "resnet50_ns_64", 64), ChakraReader.Options.defaults());

    OperationGraph rank0 = trace.graphs().get(0);
    assertEquals(215, rank0.size(), "161 compute + 54 collectives");
    assertEquals(161, count(rank0, Operation.Measured.class));
    assertEquals(54, count(rank0, Operation.Collective.class));
    assertEquals(214, dependencies(rank0), "a chain of one dependency per node but the first");
    // Compute: forward 378 + input gradient 380 - 13 (conv1's, not run) + weight gradient 338
    // = 1083 units of duration_micros (the text's numbers, in microseconds by the schema).
    long computePicos = 0;
    for (Operation op : rank0.operations()) {
      if (op instanceof Operation.Measured m) {
        computePicos += m.durationPicos();
      }
    }
    assertEquals(1083L * 1_000_000, computePicos);
    Operation.Collective firstAllReduce = first(rank0, Operation.Collective.class);
    assertEquals("COMM_COLL_NODE_fc1000_ALLREDUCE", firstAllReduce.name());
    assertEquals(8_192_000, firstAllReduce.bytes(), "fc1000's weight gradient, from the text");
    assertEquals(64, firstAllReduce.group().size());
    assertTrue(trace.graphs().get(63).sharesIndexWith(rank0));
  }

  @Test
  void theConvertedTransformerDropsTheConvertersEmptyCollectives() {
    // Given Chakra's conversion of Transformer_HDM_ns.txt (57 layers) for 64 NPUs: 341 nodes per
    // rank, of which 100 are 0-byte ALL_REDUCE placeholders for the text's NONE.
    TraceGraphs trace =
        ChakraReader.read(TraceFiles.chakra("chakra-et/converted/transformer_ns_64",
            "transformer_ns_64", 64), ChakraReader.Options.defaults());

    // Then 241 operations remain: 57 x 3 passes of compute and the text's 70 collectives
    // (8 ALLGATHER, 62 ALLREDUCE), each over all 64 ranks (the converter names no groups).
    OperationGraph rank0 = trace.graphs().get(0);
    assertEquals(241, rank0.size());
    assertEquals(171, count(rank0, Operation.Measured.class));
    List<Operation.Collective> collectives = collectives(rank0);
    assertEquals(70, collectives.size());
    assertEquals(8, collectives.stream().filter(c -> c.kind() == CollectiveKind.ALL_GATHER)
        .count());
    Operation.Collective embedding = collectives.get(0);
    assertEquals(CollectiveKind.ALL_GATHER, embedding.kind());
    assertEquals(8_388_608L * 64, embedding.bytes(), "each rank's 8 MiB part, gathered from 64");
    assertEquals(
        List.of("collectives of 0 bytes move nothing and were dropped (Chakra's text converter"
            + " writes one for each NONE) (6400 times; first at /traces/chakra-et/converted/"
            + "transformer_ns_64/transformer_ns_64.0.et node 3)"),
        trace.notes());
    // A dropped node's dependents wait for what it waited for: Q1's forward (node 4 -> 3 -> 2)
    // now follows the embedding's all-gather (1) -> Q1 forward (2) -> K1 forward.
    assertEquals("COMP_NODE_K1_FWD", rank0.get(3).name());
    assertEquals(List.of(2), rank0.get(3).dependencies());
  }

  static long count(OperationGraph g, Class<? extends Operation> kind) {
    return g.operations().stream().filter(kind::isInstance).count();
  }

  static long dependencies(OperationGraph g) {
    return g.operations().stream().mapToLong(op -> op.dependencies().size()).sum();
  }

  static <T extends Operation> T first(OperationGraph g, Class<T> kind) {
    return g.operations().stream().filter(kind::isInstance).map(kind::cast).findFirst()
        .orElseThrow();
  }

  static List<Operation.Collective> collectives(OperationGraph g) {
    return g.operations().stream().filter(Operation.Collective.class::isInstance)
        .map(Operation.Collective.class::cast).toList();
  }
}
