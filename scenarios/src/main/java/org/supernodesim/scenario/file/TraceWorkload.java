package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * {@code workload.trace}: a trace replayed as it is, every chip a process running its rank's graph
 * (an empty one where no rank runs), every collective step by step on the fabric.
 *
 * @param trace which trace, its digest and where its ranks run
 * @param graphs one graph per chip, chip c at index c
 */
public record TraceWorkload(ReplayResult.Trace trace, List<OperationGraph> graphs)
    implements Workload {
  public TraceWorkload {
    graphs = List.copyOf(graphs);
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
