package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.text.SharedWalk;

/**
 * {@code workload.trace}: a trace replayed as it is, every chip a process running its rank's graph
 * (an empty one where no rank runs), every collective step by step on the fabric.
 *
 * <p>A text workload's ranks all walk the same layers, so they may also run one {@link SharedWalk}
 * (rank 0's graph, each rank through its own groups), which measures what their own graphs do
 * (tested figure for figure) and is what a run of thousands of ranks can hold; the ranks' own
 * graphs are then built only when asked for (a timeline names each chip's groups, an export
 * writes every rank).
 *
 * @param trace which trace, its digest and where its ranks run
 * @param perChip one graph per chip, chip c at index c, built on the first call and kept
 * @param sharedWalk the walk the ranks share, for a text workload whose layout allows one
 */
public record TraceWorkload(
    ReplayResult.Trace trace, Supplier<List<OperationGraph>> perChip,
    Optional<SharedWalk> sharedWalk) implements Workload {

  /** A trace whose ranks run their own graphs, one per chip. */
  public TraceWorkload(ReplayResult.Trace trace, List<OperationGraph> graphs) {
    this(trace, constant(List.copyOf(graphs)), Optional.empty());
  }

  private static Supplier<List<OperationGraph>> constant(List<OperationGraph> graphs) {
    return () -> graphs;
  }

  /** One graph per chip, chip c at index c (an empty one where no rank runs). */
  public List<OperationGraph> graphs() {
    return perChip.get();
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.trace(this);
  }

  @Override
  public Set<NetworkModel> networkModels() {
    return EnumSet.allOf(NetworkModel.class);
  }

  @Override
  public String networkModelsReason() {
    return "";
  }
}
