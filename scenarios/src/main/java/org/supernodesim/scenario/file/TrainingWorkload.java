package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.workload.training.Fidelity;
import org.supernodesim.workload.training.TrainingJob;

/**
 * {@code workload.training}: one training step.
 *
 * @param job the model, its layout, the batch and the choices that change its cost
 * @param fidelity what the scenario asks for; empty: chip where its memory estimate fits, else
 *     stage (decided when the run is built)
 */
public record TrainingWorkload(TrainingJob job, Optional<Fidelity> fidelity) implements Workload {
  @Override
  public <T> T match(Cases<T> cases) {
    return cases.training(this);
  }

  /** Chip fidelity runs on either model; stage fidelity is refused on flow when the run is built. */
  @Override
  public Set<NetworkModel> networkModels() {
    return EnumSet.of(NetworkModel.ANALYTICAL, NetworkModel.FLOW);
  }

  @Override
  public String networkModelsReason() {
    return "";
  }
}
