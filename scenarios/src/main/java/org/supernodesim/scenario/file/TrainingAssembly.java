package org.supernodesim.scenario.file;

import java.util.Locale;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.scenario.file.ScenarioAssembly.Problem;
import org.supernodesim.scenario.file.TrainingSections.ParallelismSection;
import org.supernodesim.scenario.file.TrainingSections.TrainingSection;
import org.supernodesim.workload.training.ActivationStorage;
import org.supernodesim.workload.training.LayoutException;
import org.supernodesim.workload.training.Parallelism;
import org.supernodesim.workload.training.Recomputation;
import org.supernodesim.workload.training.TrainingJob;

/** {@code workload.training} to a {@link TrainingJob}: model resolved, layout checked. */
final class TrainingAssembly {
  private static final String KEY = "workload.training";

  private TrainingAssembly() {}

  static TrainingJob job(TrainingSection t, int chips, ChipSpec chip, ModelSources models) {
    ResolvedModel resolved = models.resolve(t.model(), KEY + ".model");
    Precision precision = precision(t.precision(), chip);
    int sequence = t.sequence() != null ? t.sequence() : pretrainLength(resolved);
    try {
      Parallelism parallelism = parallelism(t.parallelism(), chips);
      return new TrainingJob(resolved.spec(), parallelism, t.zero(), sequence, t.globalBatch(),
          t.microBatch(), Recomputation.byLabel(t.recomputation()), precision,
          t.fusedAttention(), t.overlapGradientReduce(), t.gradientBucket().bytes(),
          t.gradientReduceInFp32() ? 4 : 2, t.load(), t.stageLayers(),
          ActivationStorage.byLabel(t.activationPrecision()), t.optimizerMomentBytes());
    } catch (LayoutException e) {
      throw new Problem(KEY + "." + e.key(), e.getMessage());
    }
  }

  private static Parallelism parallelism(ParallelismSection p, int chips) {
    long modelParallel = (long) p.tp() * p.pp() * p.cp();
    if (p.dp() == null && (modelParallel < 1 || chips % modelParallel != 0)) {
      throw new LayoutException("parallelism", "tp x pp x cp = " + modelParallel
          + " does not divide the " + chips + " chips; dp would not be a whole number");
    }
    int dp = p.dp() != null ? p.dp() : (int) (chips / modelParallel);
    Parallelism parallelism =
        new Parallelism(p.tp(), p.pp(), dp, p.cp(), p.ep(), p.virtualStages(),
            p.sequenceParallel());
    if (parallelism.chips() != chips) {
      throw new LayoutException("parallelism", "tp x pp x dp x cp = " + p.tp() + " x " + p.pp()
          + " x " + dp + " x " + p.cp() + " = " + parallelism.chips() + ", not the " + chips
          + " chips of the cluster");
    }
    return parallelism;
  }

  private static Precision precision(String name, ChipSpec chip) {
    Precision precision;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "bf16" -> precision = Precision.BF16;
      case "fp16" -> precision = Precision.FP16;
      case "fp8" -> precision = Precision.FP8;
      default -> throw new Problem(
          KEY + ".precision", "\"" + name + "\" is not a training precision; valid: bf16, fp16, fp8");
    }
    ChipFigure peak = precision.peak();
    if (!chip.has(peak)) {
      throw new Problem(KEY + ".precision", name + " needs " + peak.key() + ", which "
          + chip.id() + " does not have (not supported or unknown); give it as cluster.chip."
          + peak.key() + " or train in bf16");
    }
    return precision;
  }

  private static int pretrainLength(ResolvedModel model) {
    return Math.toIntExact(model.pretrainTokens().orElseThrow(() -> new Problem(KEY + ".sequence",
        "missing, and " + model.spec().id() + " states no pre-training length; give sequence")));
  }
}
