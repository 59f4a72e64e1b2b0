package org.supernodesim.interconnect.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;

/**
 * The mesh algorithm against its closed form: per phase each member sends its n - 1 chunks of S/n
 * on n - 1 links at once, so a phase takes alpha + (S/n)/B; all-reduce two phases, all-gather and
 * reduce-scatter one. And where {@code auto} takes it: on a full mesh, nowhere else.
 */
class MeshTest {
  /** An Atlas 800T A2's HCCS link: 28 GB/s a direction, 0.5 us (system-presets.yaml). */
  private static final LinkSpec HCCS = new LinkSpec(28e9, 500_000);
  private static final long S = 32L << 20;
  private static final List<Integer> EIGHT = IntStream.range(0, 8).boxed().toList();

  private static Collectives atlas800(int servers) {
    FabricSpec mesh = new FabricSpec.FullMesh(HCCS);
    FabricSpec fabric = servers == 1 ? mesh
        : new FabricSpec.Hierarchy(8, mesh,
            new FabricSpec.SingleSwitch(new LinkSpec(25e9, 750_000)));
    return new Collectives(new Router(Topology.build(fabric, 8 * servers)));
  }

  @Test
  void anAllReduceIsTwoPhasesOfOneChunkOnEveryLinkAtOnce() {
    // Given 8 x 910B on 28 GB/s HCCS, 32 MiB: chunks of 4 MiB.
    long phase = HCCS.latencyPicos() + LinkSpec.serializationPicos(S / 8, 28e9);
    Collectives c = atlas800(1);
    // Then all-reduce 2 (alpha + S/(8B)) = 2 (0.5 + 149.8) us = 300.6 us; the others one phase.
    assertEquals(2 * phase, c.estimatePicos(CollectiveKind.ALL_REDUCE, new Mesh(), EIGHT, S));
    assertEquals(2 * (0.5e-6 + S / 8.0 / 28e9) * 1e12,
        c.estimatePicos(CollectiveKind.ALL_REDUCE, new Mesh(), EIGHT, S), 2.0, "1 ps per phase");
    assertEquals(phase, c.estimatePicos(CollectiveKind.ALL_GATHER, new Mesh(), EIGHT, S));
    assertEquals(phase, c.estimatePicos(CollectiveKind.REDUCE_SCATTER, new Mesh(), EIGHT, S));
    // The ring moves the same bytes a link in 14 steps, one link of 7 busy at a time.
    assertEquals(14 * phase, c.estimatePicos(CollectiveKind.ALL_REDUCE, new Ring(), EIGHT, S));
  }

  @ParameterizedTest
  @EnumSource(value = CollectiveKind.class, names = {"ALL_REDUCE", "ALL_GATHER", "REDUCE_SCATTER"})
  void everyMemberSendsEachPeerItsChunkOncePerPhase(CollectiveKind kind) {
    // Uneven chunks (S not a multiple of n): what a sends b in a step, b receives from a in it.
    int n = 7;
    long bytes = 1_000_003;
    CollectiveGroup group = CollectiveGroup.flat(n);
    int phases = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
    for (int a = 0; a < n; a++) {
      List<Step> steps = new Mesh().schedule(kind, group, a, bytes);
      assertEquals(phases, steps.size());
      long sent = 0;
      for (int k = 0; k < phases; k++) {
        assertEquals(n - 1, steps.get(k).sends().size());
        for (Step.Transfer t : steps.get(k).sends()) {
          sent += t.bytes();
          Step theirs = new Mesh().schedule(kind, group, t.peer(), bytes).get(k);
          assertTrue(theirs.receives().contains(new Step.Transfer(a, t.bytes())), "matched");
        }
      }
      // All-reduce: (n-1) chunks out in each phase, the ring's 2 (n-1)/n S a member.
      long chunks = 0;
      for (int b = 0; b < n; b++) {
        if (b != a) {
          chunks += (kind == CollectiveKind.ALL_GATHER ? 0 : Ring.chunk(bytes, n, b))
              + (kind == CollectiveKind.REDUCE_SCATTER ? 0 : Ring.chunk(bytes, n, a));
        }
      }
      assertEquals(chunks, sent, "member " + a);
    }
  }

  @Test
  void autoTakesTheMeshOnAFullMeshOnly() {
    Collectives one = atlas800(1);
    Collectives two = atlas800(2);
    for (long bytes : new long[] {1024, 1L << 20, S, 1L << 30}) {
      for (CollectiveKind kind : List.of(CollectiveKind.ALL_REDUCE, CollectiveKind.ALL_GATHER,
          CollectiveKind.REDUCE_SCATTER)) {
        assertEquals("mesh", one.resolve(kind, AlgorithmChoice.AUTO, EIGHT, bytes).name(),
            kind.label() + " " + bytes + " B on one Atlas 800");
        assertEquals("mesh", two.resolve(kind, AlgorithmChoice.AUTO, List.of(8, 10, 12), bytes)
            .name(), "three chips of the second server's mesh");
        // 16 chips over two servers: the NIC is every cross-server peer's port.
        assertNotEquals("mesh", two.resolve(kind, AlgorithmChoice.AUTO,
            IntStream.range(0, 16).boxed().toList(), bytes).name(), "two servers");
        assertNotEquals("mesh", two.resolve(kind, AlgorithmChoice.AUTO, List.of(0, 8, 1),
            bytes).name(), "a group across the servers");
        // Two chips: one link either way, mesh and ring alike; the earlier (ring) stays.
        assertEquals("ring", one.resolve(kind, AlgorithmChoice.AUTO, List.of(0, 1), bytes).name());
      }
    }
    // An HGX's NVSwitch: every peer behind the chip's one port.
    Collectives hgx = new Collectives(new Router(Topology.build(
        new FabricSpec.SingleSwitch(new LinkSpec(450e9, 1_000_000)), 8)));
    assertNotEquals("mesh", hgx.resolve(CollectiveKind.ALL_REDUCE, AlgorithmChoice.AUTO, EIGHT, S)
        .name());
  }

  @Test
  void askedOffAFullMeshItIsRefusedSayingWhatItNeeds() {
    Collectives hgx = new Collectives(new Router(Topology.build(
        new FabricSpec.SingleSwitch(new LinkSpec(450e9, 1_000_000)), 8)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> hgx.resolve(CollectiveKind.ALL_REDUCE, AlgorithmChoice.MESH, EIGHT, S));
    assertEquals("mesh cannot run all-reduce over ranks [0, 1, 2, 3, 4, 5, 6, 7]: it needs a full"
        + " mesh: at least 3 chips, each linked to every other on a link of its own (a full-mesh"
        + " fabric such as an Atlas 800's 8 x 910B)", e.getMessage());
    assertEquals("mesh", atlas800(1)
        .resolve(CollectiveKind.ALL_REDUCE, AlgorithmChoice.MESH, EIGHT, S).name(), "honoured");
  }
}
