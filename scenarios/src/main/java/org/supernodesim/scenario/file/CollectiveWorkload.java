package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/**
 * {@code workload.collectives}: collectives timed one after another, nccl-tests style, every chip a
 * process and every step of every algorithm a transfer on the fabric.
 *
 * @param entries the collectives in the order they run
 */
public record CollectiveWorkload(List<CollectiveBenchmark.Entry> entries) implements Workload {
  public CollectiveWorkload {
    entries = List.copyOf(entries);
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.collectives(this);
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
