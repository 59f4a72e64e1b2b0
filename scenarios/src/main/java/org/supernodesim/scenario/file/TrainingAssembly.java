package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.scenario.file.TrainingSections.ParallelismSection;
import org.supernodesim.scenario.file.TrainingSections.TrainingSection;
import org.supernodesim.workload.training.LayoutException;
import org.supernodesim.workload.training.LayoutException.Parameter;
import org.supernodesim.workload.training.Parallelism;
import org.supernodesim.workload.training.TrainingJob;

/** {@code workload.training} to a {@link TrainingWorkload}: model resolved, layout checked. */
final class TrainingAssembly {
  static final String KEY = "workload.training";

  /** Where a scenario writes each parameter a layout can fail on, under {@value #KEY}. */
  private static final Map<Parameter, String> KEYS = new EnumMap<>(Parameter.class);

  static {
    KEYS.put(Parameter.ZERO_STAGE, "zero");
    KEYS.put(Parameter.SEQUENCE, "sequence");
    KEYS.put(Parameter.GLOBAL_BATCH, "globalBatch");
    KEYS.put(Parameter.MICRO_BATCH, "microBatch");
    KEYS.put(Parameter.PRECISION, "precision");
    KEYS.put(Parameter.ACTIVATION_STORAGE, "activationPrecision");
    KEYS.put(Parameter.OPTIMIZER_MOMENTS, "optimizerStatePrecision");
    KEYS.put(Parameter.GRADIENT_BUCKET, "gradientBucket");
    KEYS.put(Parameter.GRADIENT_REDUCE_PRECISION, "gradientReduceInFp32");
    KEYS.put(Parameter.EXPERT_LOAD, "expertLoad");
    KEYS.put(Parameter.EXPERT_LOADS, "expertLoads");
    KEYS.put(Parameter.STAGE_LAYERS, "stageLayers");
    KEYS.put(Parameter.TP, "parallelism.tp");
    KEYS.put(Parameter.PP, "parallelism.pp");
    KEYS.put(Parameter.DP, "parallelism.dp");
    KEYS.put(Parameter.CP, "parallelism.cp");
    KEYS.put(Parameter.EP, "parallelism.ep");
    KEYS.put(Parameter.VIRTUAL_STAGES, "parallelism.virtualStages");
    KEYS.put(Parameter.SEQUENCE_PARALLEL, "parallelism.sequenceParallel");
    KEYS.put(Parameter.OVERLAP_FORWARD_BACKWARD, "overlapForwardBackward");
  }

  /** The precisions a training step can multiply in. */
  private static final List<Precision> TRAINING =
      List.of(Precision.BF16, Precision.FP16, Precision.FP8);

  private TrainingAssembly() {}

  static TrainingWorkload workload(
      TrainingSection t, int chips, ChipSpec chip, ModelSources models, long seed) {
    ResolvedModel resolved = models.resolve(t.model(), KEY + ".model");
    checkPrecision(t.precision(), chip);
    int sequence = t.sequence() != null ? t.sequence() : pretrainLength(resolved);
    try {
      Parallelism parallelism = parallelism(t.parallelism(), chips);
      return new TrainingWorkload(
          new TrainingJob(
              resolved.spec(),
              parallelism,
              t.zero(),
              sequence,
              t.globalBatch(),
              t.microBatch(),
              t.recomputation(),
              t.precision(),
              t.fusedAttention(),
              t.overlapGradientReduce(),
              t.gradientBucket().bytes(),
              t.gradientReduceInFp32() ? 4 : 2,
              t.load(parallelism.ep()),
              t.stageLayers(),
              t.activationPrecision(),
              t.optimizerStatePrecision().bytesPerElement(),
              t.schedule(),
              t.overlapForwardBackward(),
              t.loads(seed)),
          java.util.Optional.ofNullable(t.fidelity()),
          t.collectiveAlgorithm());
    } catch (LayoutException e) {
      throw new InvalidInput(KEY + "." + KEYS.get(e.parameter()), e.getMessage());
    }
  }

  private static Parallelism parallelism(ParallelismSection p, int chips) {
    long modelParallel = (long) p.tp() * p.pp() * p.cp();
    if (p.dp() == null && (modelParallel < 1 || chips % modelParallel != 0)) {
      throw new InvalidInput(
          KEY + ".parallelism",
          "tp x pp x cp = "
              + modelParallel
              + " does not divide the "
              + chips
              + " chips; dp would not be a whole number");
    }
    int dp = p.dp() != null ? p.dp() : (int) (chips / modelParallel);
    Parallelism parallelism =
        new Parallelism(
            p.tp(), p.pp(), dp, p.cp(), p.ep(), p.virtualStages(), p.sequenceParallel());
    if (parallelism.chips() != chips) {
      throw new InvalidInput(
          KEY + ".parallelism",
          "tp x pp x dp x cp = "
              + p.tp()
              + " x "
              + p.pp()
              + " x "
              + dp
              + " x "
              + p.cp()
              + " = "
              + parallelism.chips()
              + ", not the "
              + chips
              + " chips of the cluster");
    }
    return parallelism;
  }

  /**
   * Refuses a precision the chip has no peak for, naming the ones it has (never advising the
   * precision the scenario already asks for).
   */
  private static void checkPrecision(Precision precision, ChipSpec chip) {
    if (!TRAINING.contains(precision)) {
      throw new InvalidInput(
          KEY + ".precision",
          "\"" + precision.label() + "\" is not a training" + " precision; valid: bf16, fp16, fp8");
    }
    ChipFigure peak = precision.peak();
    if (chip.has(peak)) {
      return;
    }
    List<String> has = new ArrayList<>();
    for (Precision p : TRAINING) {
      if (chip.has(p.peak())) {
        has.add(p.label());
      }
    }
    throw new InvalidInput(
        KEY + ".precision",
        precision.label()
            + " needs "
            + peak.key()
            + ", which "
            + chip.id()
            + " does not have (not supported or unknown); give it as"
            + " cluster.chip."
            + peak.key()
            + (has.isEmpty() ? "" : ", or train in " + String.join(" or ", has)));
  }

  private static int pretrainLength(ResolvedModel model) {
    return Math.toIntExact(
        model
            .pretrainTokens()
            .orElseThrow(
                () ->
                    new InvalidInput(
                        KEY + ".sequence",
                        "missing, and "
                            + model.spec().id()
                            + " states no pre-training length; give sequence")));
  }
}
