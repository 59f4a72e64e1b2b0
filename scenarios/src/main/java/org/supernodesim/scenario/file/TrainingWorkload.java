package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.Set;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.workload.training.TrainingJob;

/**
 * {@code workload.training}: one training step, one process per pipeline stage.
 *
 * @param job the model, its layout, the batch and the choices that change its cost
 */
public record TrainingWorkload(TrainingJob job) implements Workload {
  @Override
  public <T> T match(Cases<T> cases) {
    return cases.training(this);
  }

  /** Pipeline transfers go over the analytical transport; collectives take closed forms. */
  @Override
  public Set<NetworkModel> networkModels() {
    return EnumSet.of(NetworkModel.ANALYTICAL);
  }

  @Override
  public String networkModelsReason() {
    return "a training step runs one process per pipeline stage on the analytical model, its"
        + " collectives timed by closed forms; the flow model does not run it yet";
  }
}
