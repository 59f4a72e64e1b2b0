package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.supernodesim.interconnect.collective.Mesh;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.graph.Operation;

/**
 * The mesh algorithm's closed form (what {@code auto} compares and the stage fidelity takes)
 * equals the chip fidelity's path, every chunk a transfer on the engine, on an Atlas 800T A2's
 * idle HCCS mesh (8 x 910B, 28 GB/s and 0.5 us a link): on the analytical transport to the
 * picosecond (each of a member's 7 chunks leaves on its own port), on the flow model within 1 ps
 * per phase (each flow alone on its link; the flow model's rates round once per flow).
 */
class MeshCollectiveTest {
  private static final LinkSpec HCCS = new LinkSpec(28e9, 500_000);
  /** 32 MiB plus 3 bytes: chunks of 4 MiB, three of them a byte longer. */
  private static final long BYTES = (32L << 20) + 3;
  private static final List<Integer> GROUP = IntStream.range(0, 8).boxed().toList();

  @ParameterizedTest
  @EnumSource(value = CollectiveKind.class, names = {"ALL_REDUCE", "ALL_GATHER", "REDUCE_SCATTER"})
  void theStepsOnTheEngineTakeTheClosedForm(CollectiveKind kind) {
    Router router = new Router(Topology.build(new FabricSpec.FullMesh(HCCS), 8));
    long closedForm = new AnalyticalTransport(router).collectives()
        .estimatePicos(kind, new Mesh(), GROUP, BYTES);
    int phases = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
    long phase = HCCS.latencyPicos() + LinkSpec.serializationPicos((4L << 20) + 1, 28e9);
    assertEquals(phases * phase, closedForm, "alpha + ceil(S/n)/B a phase");
    assertEquals(closedForm, run(new AnalyticalTransport(router), kind), "analytical, to the ps");
    assertEquals(closedForm, run(new FlowTransport(router), kind), phases,
        "flow on an idle mesh: within 1 ps a phase");
  }

  private static long run(Transport transport, CollectiveKind kind) {
    List<List<Operation>> graphs = new ArrayList<>();
    for (int chip = 0; chip < 8; chip++) {
      graphs.add(List.of(new Operation.Collective(0, List.of(), "mesh", 0, kind, GROUP, BYTES,
          AlgorithmChoice.MESH)));
    }
    return OneShot.run(transport, graphs);
  }
}
