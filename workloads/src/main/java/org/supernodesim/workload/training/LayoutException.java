package org.supernodesim.workload.training;

/**
 * A training layout that cannot run: tp·pp·dp·cp not the chip count, heads not divisible by tp,
 * and so on. {@link #parameter()} says which of the job's parameters it is about; the scenario
 * layer maps it to the key a file wrote it under.
 */
public final class LayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The parameters of a {@link TrainingJob} and its {@link Parallelism} a refusal can be about. */
  public enum Parameter {
    ZERO_STAGE,
    SEQUENCE,
    GLOBAL_BATCH,
    MICRO_BATCH,
    PRECISION,
    ACTIVATION_STORAGE,
    OPTIMIZER_MOMENTS,
    GRADIENT_BUCKET,
    GRADIENT_REDUCE_PRECISION,
    EXPERT_LOAD,
    EXPERT_LOADS,
    STAGE_LAYERS,
    TP,
    PP,
    DP,
    CP,
    EP,
    VIRTUAL_STAGES,
    SEQUENCE_PARALLEL,
    OVERLAP_FORWARD_BACKWARD
  }

  private final Parameter parameter;

  public LayoutException(Parameter parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** The parameter the layout fails on. */
  public Parameter parameter() {
    return parameter;
  }

  static void require(boolean ok, Parameter parameter, String message) {
    if (!ok) {
      throw new LayoutException(parameter, message);
    }
  }
}
