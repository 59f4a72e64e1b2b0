package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.workload.training.Fidelity;
import org.supernodesim.workload.training.TrainingJob;

/**
 * {@code workload.training}: one training step.
 *
 * @param job the model, its layout, the batch and the choices that change its cost
 * @param fidelity what the scenario asks for; empty: chip where its memory estimate fits, else
 *     stage (decided when the run is built)
 * @param collectiveAlgorithm {@code collectiveAlgorithm:}, for the kinds it implements
 */
public record TrainingWorkload(
    TrainingJob job, Optional<Fidelity> fidelity, AlgorithmChoice collectiveAlgorithm)
    implements Workload {
  /** The collective kinds a training step runs. */
  static final List<CollectiveKind> TRAINING_KINDS = List.of(CollectiveKind.ALL_REDUCE,
      CollectiveKind.ALL_GATHER, CollectiveKind.REDUCE_SCATTER, CollectiveKind.ALL_TO_ALL);

  /** The algorithm a collective of {@code kind} asks for: the scenario's where it runs the kind. */
  public AlgorithmChoice algorithm(CollectiveKind kind) {
    return collectiveAlgorithm != AlgorithmChoice.AUTO
            && CollectiveAlgorithm.of(collectiveAlgorithm).supports(kind)
        ? collectiveAlgorithm
        : AlgorithmChoice.AUTO;
  }

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
