package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.scenario.file.Quantities.DataSize;
import org.supernodesim.workload.training.ActivationStorage;
import org.supernodesim.workload.training.ExpertLoads;
import org.supernodesim.workload.training.Fidelity;
import org.supernodesim.workload.training.OptimizerMoments;
import org.supernodesim.workload.training.Recomputation;
import org.supernodesim.workload.training.Schedule;

/**
 * {@code workload.training:} one training step of a model under a parallel layout. Every
 * optional key gets its default here, in one place.
 */
final class TrainingSections {
  private TrainingSections() {}

  /** Megatron-Core buckets at least 40 M parameters (distributed/param_and_grad_buffer.py): 80 MB
   * in bf16. */
  static final String DEFAULT_BUCKET = "80 MB";

  /**
   * {@code workload.training}.
   *
   * @param model a catalog model id or alias ({@code catalog models}), an inline mapping of a
   *     model's fields, or {@code { huggingFace: path }}: resolved by {@link ModelSources}
   * @param parallelism the layout; dp defaults to what the chips leave
   * @param zero ZeRO stage 0..3, default 0
   * @param sequence tokens per sequence, default the model's pre-training length
   * @param globalBatch sequences per step
   * @param microBatch sequences per micro-batch, default 1
   * @param recomputation none | selective | norms-activation | full, default none
   * @param precision bf16 | fp16 | fp8, default bf16
   * @param fusedAttention FlashAttention kernels, default true
   * @param overlapGradientReduce overlap the gradient reduction with backward, default true
   * @param gradientBucket bytes per gradient bucket, default 80 MB
   * @param gradientReduceInFp32 reduce gradients in fp32 rather than the compute precision,
   *     default false
   * @param expertLoad busiest expert rank's load over the mean, default 1 (or capacityFactor)
   * @param capacityFactor tokens per expert are padded to this multiple of the mean (GShard); the
   *     expert load is then this, on every expert rank; exclusive with expertLoad
   * @param expertLoads a load per routed expert (any positive scale), the same in every MoE layer;
   *     the busiest expert rank's share sets expertLoad; exclusive with both above. Without it an
   *     expertLoad above 1 is drawn per layer and rank from the scenario's seed
   * @param stageLayers layers per pipeline chunk, for an uneven split
   * @param activationPrecision bf16 | fp8: precision of the activations kept for backward,
   *     default bf16
   * @param optimizerStatePrecision fp32 | bf16: Adam's moments, default fp32
   * @param schedule 1f1b | dualpipe, default 1f1b (interleaved when virtualStages > 1)
   * @param overlapForwardBackward run a forward and a backward of two micro-batches together so
   *     each one's communication proceeds during the other's compute; default true under
   *     dualpipe (its chunk pairs), false under 1f1b (true: Megatron-Core's expert all-to-all
   *     overlap)
   * @param fidelity chip | stage: every chip a process with its collectives through the network,
   *     or one process per pipeline stage with closed-form collectives (the fast approximation);
   *     default chip where its memory estimate fits, else stage
   * @param collectiveAlgorithm the algorithm of every collective whose kind it implements (e.g.
   *     {@code mesh} or {@code ring}); the other kinds, and all of them by default, take {@code
   *     auto}
   */
  record TrainingSection(
      @JsonProperty(required = true) JsonNode model,
      @JsonProperty(required = true) ParallelismSection parallelism,
      Integer zero,
      Integer sequence,
      @JsonProperty(required = true) Integer globalBatch,
      Integer microBatch,
      Recomputation recomputation,
      Precision precision,
      Boolean fusedAttention,
      Boolean overlapGradientReduce,
      DataSize gradientBucket,
      Boolean gradientReduceInFp32,
      Double expertLoad,
      Double capacityFactor,
      List<Double> expertLoads,
      List<Integer> stageLayers,
      ActivationStorage activationPrecision,
      OptimizerMoments optimizerStatePrecision,
      Schedule schedule,
      Boolean overlapForwardBackward,
      Fidelity fidelity,
      AlgorithmChoice collectiveAlgorithm) implements Sections.WorkloadSection {
    TrainingSection {
      collectiveAlgorithm =
          collectiveAlgorithm == null ? AlgorithmChoice.AUTO : collectiveAlgorithm;
      if (collectiveAlgorithm != AlgorithmChoice.AUTO
          && TrainingWorkload.TRAINING_KINDS.stream()
              .noneMatch(CollectiveAlgorithm.of(collectiveAlgorithm)::supports)) {
        throw new InvalidInput("collectiveAlgorithm", collectiveAlgorithm.label()
            + " implements none of the collectives a training step runs (all-reduce, all-gather,"
            + " reduce-scatter, all-to-all)");
      }
      schedule = schedule == null ? Schedule.ONE_F_ONE_B : schedule;
      overlapForwardBackward = overlapForwardBackward == null
          ? Boolean.valueOf(schedule == Schedule.DUALPIPE) : overlapForwardBackward;
      activationPrecision =
          activationPrecision == null ? ActivationStorage.BF16 : activationPrecision;
      optimizerStatePrecision =
          optimizerStatePrecision == null ? OptimizerMoments.FP32 : optimizerStatePrecision;
      zero = zero == null ? 0 : zero;
      microBatch = microBatch == null ? 1 : microBatch;
      recomputation = recomputation == null ? Recomputation.NONE : recomputation;
      precision = precision == null ? Precision.BF16 : precision;
      fusedAttention = fusedAttention == null ? Boolean.TRUE : fusedAttention;
      overlapGradientReduce = overlapGradientReduce == null ? Boolean.TRUE : overlapGradientReduce;
      gradientBucket = gradientBucket == null ? DataSize.parse(DEFAULT_BUCKET) : gradientBucket;
      gradientReduceInFp32 = gradientReduceInFp32 == null ? Boolean.FALSE : gradientReduceInFp32;
      if (expertLoad != null && capacityFactor != null) {
        throw new InvalidInput("capacityFactor",
            "give either expertLoad (a measured imbalance) or capacityFactor, not both");
      }
      if (expertLoads != null && (expertLoad != null || capacityFactor != null)) {
        throw new InvalidInput("expertLoads",
            "give either expertLoads (a load per expert) or " + (expertLoad != null
                ? "expertLoad" : "capacityFactor") + ", not both");
      }
      if (expertLoads != null) {
        for (int e = 0; e < expertLoads.size(); e++) {
          Double l = expertLoads.get(e);
          if (l == null || !(l >= 0) || l.isInfinite()) {
            throw new InvalidInput("expertLoads",
                "entry " + e + " is " + l + "; each expert's load is a finite number >= 0");
          }
        }
        if (expertLoads.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
          throw new InvalidInput("expertLoads", "the loads sum to 0: no token would be routed");
        }
        expertLoads = List.copyOf(expertLoads);
      }
      stageLayers = stageLayers == null ? List.of() : List.copyOf(stageLayers);
      if (globalBatch < 1) {
        throw new InvalidInput("globalBatch", globalBatch + "; must be >= 1 sequence");
      }
    }

    /**
     * The busiest expert rank's load the job uses: the capacity factor, the measured imbalance,
     * the busiest of {@code ep} ranks under the per-expert loads, or 1.
     */
    double load(int ep) {
      if (expertLoads != null) {
        return ep == 1 ? 1.0 : new ExpertLoads.PerExpert(expertLoads).busiest(ep);
      }
      return capacityFactor != null ? capacityFactor : expertLoad != null ? expertLoad : 1.0;
    }

    /**
     * How the tokens spread over the expert ranks: as given per expert; drawn from {@code seed}
     * around a measured expertLoad; evenly under a capacity factor (every buffer padded) or none.
     */
    ExpertLoads loads(long seed) {
      if (expertLoads != null) {
        return new ExpertLoads.PerExpert(expertLoads);
      }
      return expertLoad != null ? new ExpertLoads.Drawn(seed) : new ExpertLoads.Even();
    }
  }

  /** {@code workload.training.parallelism}: sizes default to 1, dp to the chips left over. */
  record ParallelismSection(
      Integer tp, Integer pp, Integer dp, Integer cp, Integer ep, Integer virtualStages,
      Boolean sequenceParallel) {
    ParallelismSection {
      tp = tp == null ? 1 : tp;
      pp = pp == null ? 1 : pp;
      cp = cp == null ? 1 : cp;
      ep = ep == null ? 1 : ep;
      virtualStages = virtualStages == null ? 1 : virtualStages;
      sequenceParallel = sequenceParallel == null ? Boolean.FALSE : sequenceParallel;
    }
  }
}
