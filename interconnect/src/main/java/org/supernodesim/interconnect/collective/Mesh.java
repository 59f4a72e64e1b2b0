package org.supernodesim.interconnect.collective;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * The mesh algorithm of a full mesh (HCCL's in-server Mesh, CANN "HCCL collective communication
 * algorithms": an Atlas 800's eight 910Bs, each with 7 HCCS links, one to every peer). A
 * reduce-scatter phase in which every member sends each peer that peer's chunk of its buffer, all
 * n - 1 at once, each on its own link, and an all-gather phase in which every member sends each
 * peer its reduced chunk the same way; all-gather and reduce-scatter alone are one phase. The
 * buffer is cut into n chunks as the ring cuts it. On links (B, alpha) each phase takes alpha +
 * (S/n)/B, so all-reduce 2 (alpha + S/(n B)), all-gather and reduce-scatter alpha + S/(n B): the
 * ring's bytes per link, in one step instead of n - 1, with every link busy at once.
 *
 * <p>Only on a full mesh ({@link CollectiveGroup#fullMesh}): where peers share a port the n - 1
 * chunks would queue on it, which is the ring's bandwidth with none of its pipelining.
 */
public final class Mesh implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "mesh";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_REDUCE
        || kind == CollectiveKind.ALL_GATHER
        || kind == CollectiveKind.REDUCE_SCATTER;
  }

  @Override
  public boolean appliesTo(CollectiveGroup group) {
    return group.fullMesh();
  }

  @Override
  public Optional<String> needs() {
    return Optional.of("a full mesh: at least 3 chips, each linked to every other on a link of"
        + " its own (a full-mesh fabric such as an Atlas 800's 8 x 910B)");
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("mesh does not implement " + kind.label());
    }
    int n = group.size();
    List<Step> steps = new ArrayList<>(2);
    for (Direct.Blocks phase : phases(kind, n, bytes)) {
      steps.addAll(Direct.step(n, member, phase));
    }
    return steps;
  }

  /**
   * Each phase is an all-to-all step; on a full mesh every block has a port of its own, so a phase
   * takes its slowest block's latency plus serialisation.
   */
  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int n = group.size();
    long total = 0;
    for (Direct.Blocks phase : phases(kind, n, bytes)) {
      total += Direct.stepPicos(n, costs, phase);
    }
    return total;
  }

  /**
   * The bytes member a sends member b in each phase: in the reduce-scatter b's chunk of a's
   * buffer, in the all-gather a's reduced chunk.
   */
  private static List<Direct.Blocks> phases(CollectiveKind kind, int n, long bytes) {
    Direct.Blocks reduceScatter = (from, to) -> Ring.chunk(bytes, n, to);
    Direct.Blocks allGather = (from, to) -> Ring.chunk(bytes, n, from);
    return switch (kind) {
      case ALL_REDUCE -> List.of(reduceScatter, allGather);
      case REDUCE_SCATTER -> List.of(reduceScatter);
      case ALL_GATHER -> List.of(allGather);
      default -> throw new IllegalArgumentException("mesh does not implement " + kind.label());
    };
  }
}
