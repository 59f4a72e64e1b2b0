package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.transformer.ForwardFlops;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.training.PassStep.Communicate;
import org.supernodesim.workload.training.PassStep.Compute;

/**
 * Generates the per-rank operation graphs of one training step ({@link TrainingStep}): for each
 * pipeline stage, the passes of every micro-batch in the schedule's order, each layer pass a few
 * coarse operations (one run of kernels per block, the tensor-, context- and expert-parallel
 * collectives between them), the point-to-point transfers between stages, then the gradient
 * reduction in buckets (overlapping backward if asked), the optimizer step and ZeRO's parameter
 * all-gather.
 */
public final class StepGenerator {
  /** Mixed-precision Adam reads and writes about 30 bytes per parameter it updates (ZeRO §3). */
  static final double OPTIMIZER_BYTES_PER_PARAMETER = 30;

  private StepGenerator() {}

  /** The step of {@code job}, with {@code algorithm} naming the collective algorithm to use. */
  public static TrainingStep generate(TrainingJob job, CollectiveAlgorithms algorithm) {
    Parallelism p = job.parallelism();
    RankLayout layout = new RankLayout(p);
    LayerPlan plan = new LayerPlan(job);
    MemoryModel memoryModel = new MemoryModel(job);
    List<OperationGraph> graphs = new ArrayList<>(p.pp());
    List<StageMemory> memory = new ArrayList<>(p.pp());
    for (int stage = 0; stage < p.pp(); stage++) {
      Stage builder = new Stage(job, layout, plan, memoryModel, algorithm, stage);
      graphs.add(builder.build());
      memory.add(builder.memory());
    }
    TransformerSpec model = job.model();
    ForwardFlops forward = model.forwardFlopsPerToken(job.sequenceTokens());
    double tokens = (double) job.globalBatchSequences() * job.sequenceTokens();
    double recompute =
        switch (job.recomputation()) {
          case NONE -> 0;
          case SELECTIVE -> forward.attentionScores();
          case NORMS_AND_ACTIVATION -> 0; // memory-bound kernels only: no matmul FLOPs
          case FULL -> forward.mainModel() - forward.outputHead();
        };
    return new TrainingStep(
        job, layout, graphs, memory, 3 * forward.withMtp() * tokens, recompute * tokens,
        PipelineSchedule.idealBubble(p.pp(), job.microBatches(), p.virtualStages()));
  }

  /** Names the algorithm each collective kind runs with. */
  @FunctionalInterface
  public interface CollectiveAlgorithms {
    AlgorithmChoice of(CollectiveKind kind);
  }

  /**
   * The gradients of one layer ({@code layer} present) or of the head ({@code layer} empty), ready
   * once operation {@code operation} (its last backward of the step) is done.
   */
  private record ReadyGradients(int operation, OptionalInt layer) {}

  /** The graph of one stage's representative rank, built operation by operation. */
  private static final class Stage {
    private final TrainingJob job;
    private final RankLayout layout;
    private final LayerPlan plan;
    private final MemoryModel memoryModel;
    private final CollectiveAlgorithms algorithms;
    private final int stage;
    private final int rank;
    private final int chunksTotal;
    private final StageParameterCount params;
    private final List<Operation> ops = new ArrayList<>();
    private int collectives;
    private int chain = -1;
    // Per layer (index into the model), the op that ends its last backward of the step.
    private final int[] lastBackward;
    private int lastHeadBackward = -1;
    // ZeRO-3's per-micro-batch gradient reduce-scatters, which the optimizer waits for.
    private final List<Integer> zeroReductions = new ArrayList<>();
    // Every micro-batch repeats a layer's passes: build each once (and share its kernels).
    private final java.util.Map<Integer, List<PassStep>> forwardSteps = new java.util.TreeMap<>();
    private final java.util.Map<Integer, List<PassStep>> backwardSteps = new java.util.TreeMap<>();

    Stage(TrainingJob job, RankLayout layout, LayerPlan plan, MemoryModel memoryModel,
        CollectiveAlgorithms algorithms, int stage) {
      this.job = job;
      this.layout = layout;
      this.plan = plan;
      this.memoryModel = memoryModel;
      this.algorithms = algorithms;
      this.stage = stage;
      this.rank = layout.representative(stage);
      this.chunksTotal = job.parallelism().pp() * job.parallelism().virtualStages();
      this.params = new StageParameterCount(job, stage);
      this.lastBackward = new int[job.model().layers()];
      java.util.Arrays.fill(lastBackward, -1);
    }

    OperationGraph build() {
      Parallelism p = job.parallelism();
      for (PipelineSchedule.Unit u :
          PipelineSchedule.order(stage, p.pp(), job.microBatches(), p.virtualStages())) {
        int chunk = u.chunk() * p.pp() + stage;
        if (u.forward()) {
          forward(u.microBatch(), chunk);
        } else {
          backward(u.microBatch(), chunk);
        }
      }
      int backwardEnd = chain;
      List<Integer> reductions = reduceGradients(backwardEnd);
      reductions.addAll(zeroReductions);
      reductions.add(backwardEnd);
      int optimizer = add(new Operation.Kernels(ops.size(), reductions, "optimizer step",
          List.of(Kernel.elementwise(OPTIMIZER_BYTES_PER_PARAMETER * params.updated()))));
      if (job.zeroStage() >= 1 && job.zeroStage() <= 2) {
        StageParameters total = params.stage();
        collective(List.of(optimizer), "parameter all-gather", CollectiveKind.ALL_GATHER,
            layout.dataGroup(stage), Math.round(2 * total.dense()));
        collective(List.of(optimizer), "expert parameter all-gather", CollectiveKind.ALL_GATHER,
            layout.expertDataGroup(stage), Math.round(2 * total.expert()));
      }
      return new OperationGraph(rank, ops);
    }

    StageMemory memory() {
      double perMicroBatch = 0;
      Parallelism p = job.parallelism();
      for (int c = 0; c < p.virtualStages(); c++) {
        int[] range = job.chunkLayers(c * p.pp() + stage);
        for (int layer = range[0]; layer < range[1]; layer++) {
          perMicroBatch += memoryModel.layerActivationBytes(job.model().ffnOfLayer(layer));
        }
      }
      double logits = params.holdsLastChunk()
          ? 4.0 * job.tokensPerRank() * job.model().vocabSize() / p.tp() : 0;
      if (params.holdsLastChunk() && job.model().mtpModules() > 0) {
        perMicroBatch += job.model().mtpModules()
            * memoryModel.layerActivationBytes(job.model().mtpFfn());
      }
      return memoryModel.of(stage, params.stage(), perMicroBatch, logits);
    }

    private void forward(int microBatch, int chunk) {
      List<Integer> first = new ArrayList<>();
      if (chain >= 0) {
        first.add(chain);
      }
      if (chunk > 0) {
        first.add(add(new Operation.Recv(ops.size(), List.of(), "recv activations mb" + microBatch,
            stageRank(chunk - 1), tag(true, microBatch, chunk))));
      }
      boolean prologue = chunk == 0;
      int[] range = job.chunkLayers(chunk);
      List<Integer> anchor = first;
      for (int layer = range[0]; layer < range[1]; layer++) {
        List<PassStep> steps = forwardSteps(layer);
        if (prologue) {
          steps = prepend(plan.embedding(), steps);
          prologue = false;
        }
        List<Integer> gathered = gatherParameters(layer, anchor);
        anchor = first;
        first = emit(steps, joined(first, gathered));
      }
      if (chunk == chunksTotal - 1) {
        first = emit(List.of(new Compute("head", plan.head())), first);
        for (int m = 0; m < job.model().mtpModules(); m++) {
          first = emit(mtpForward(m), first);
        }
      } else {
        int last = chain;
        add(new Operation.Send(ops.size(), List.of(last), "send activations mb" + microBatch,
            stageRank(chunk + 1), plan.pipelineBytes(), tag(true, microBatch, chunk + 1)));
      }
    }

    private List<PassStep> forwardSteps(int layer) {
      return forwardSteps.computeIfAbsent(
          layer, l -> plan.forward(job.model().ffnOfLayer(l), "layer " + l));
    }

    private List<PassStep> mtpForward(int module) {
      List<PassStep> steps = new ArrayList<>();
      steps.add(new Compute("mtp " + module + " projection", plan.mtpProjection()));
      steps.addAll(plan.forward(job.model().mtpFfn(), "mtp " + module));
      steps.add(new Compute("mtp " + module + " head", plan.head()));
      return steps;
    }

    private void backward(int microBatch, int chunk) {
      List<Integer> first = new ArrayList<>();
      if (chain >= 0) {
        first.add(chain);
      }
      if (chunk < chunksTotal - 1) {
        first.add(add(new Operation.Recv(ops.size(), List.of(), "recv gradients mb" + microBatch,
            stageRank(chunk + 1), tag(false, microBatch, chunk))));
      } else {
        for (int m = job.model().mtpModules() - 1; m >= 0; m--) {
          first = emit(plan.backward(mtpForward(m), Recomputation.NONE), first);
        }
        first = emit(plan.backward(List.of(new Compute("head", plan.head())),
            Recomputation.NONE), first);
        if (microBatch == job.microBatches() - 1) {
          lastHeadBackward = chain;
        }
      }
      int[] range = job.chunkLayers(chunk);
      List<Integer> anchor = first;
      for (int layer = range[1] - 1; layer >= range[0]; layer--) {
        List<Integer> gathered = gatherParameters(layer, anchor);
        anchor = first;
        first = joined(first, gathered);
        if (job.recomputation() == Recomputation.FULL) {
          first = emit(forwardSteps(layer), first);
        }
        List<PassStep> steps = backwardSteps.computeIfAbsent(
            layer, l -> plan.backward(forwardSteps(l), job.recomputation()));
        if (layer == range[0] && chunk == 0) {
          steps = append(steps, plan.embedding());
        }
        first = emit(steps, first);
        if (microBatch == job.microBatches() - 1) {
          lastBackward[layer] = chain;
        }
        scatterGradients(layer);
      }
      if (chunk > 0) {
        add(new Operation.Send(ops.size(), List.of(chain), "send gradients mb" + microBatch,
            stageRank(chunk - 1), plan.pipelineBytes(), tag(false, microBatch, chunk - 1)));
      }
    }

    /**
     * ZeRO-3: the layer's parameters all-gathered over the data-parallel groups before its pass,
     * issued when the previous layer's pass began ({@code after}), one layer ahead as DeepSpeed
     * prefetches; nothing below ZeRO-3.
     */
    private List<Integer> gatherParameters(int layer, List<Integer> after) {
      if (job.zeroStage() < 3) {
        return List.of();
      }
      StageParameters layerParams = params.layer(layer);
      List<Integer> ids = new ArrayList<>();
      addIfNew(ids, collective(after, "layer " + layer + " parameter all-gather",
          CollectiveKind.ALL_GATHER, layout.dataGroup(stage),
          Math.round(2 * layerParams.dense())));
      addIfNew(ids, collective(after, "layer " + layer + " expert parameter all-gather",
          CollectiveKind.ALL_GATHER, layout.expertDataGroup(stage),
          Math.round(2 * layerParams.expert())));
      return ids;
    }

    /** ZeRO-3: the layer's gradients reduce-scattered after each of its backward passes. */
    private void scatterGradients(int layer) {
      if (job.zeroStage() < 3) {
        return;
      }
      StageParameters layerParams = params.layer(layer);
      int bytes = job.gradientReduceBytesPerElement();
      List<Integer> after = List.of(chain);
      addIfNew(zeroReductions, collective(after, "layer " + layer + " gradient reduce-scatter",
          CollectiveKind.REDUCE_SCATTER, layout.dataGroup(stage),
          Math.round(bytes * layerParams.dense())));
      addIfNew(zeroReductions, collective(after,
          "layer " + layer + " expert gradient reduce-scatter", CollectiveKind.REDUCE_SCATTER,
          layout.expertDataGroup(stage), Math.round(bytes * layerParams.expert())));
    }

    private static List<Integer> joined(List<Integer> a, List<Integer> b) {
      if (b.isEmpty()) {
        return a;
      }
      List<Integer> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }

    private static List<PassStep> prepend(List<Kernel> kernels, List<PassStep> steps) {
      List<PassStep> out = new ArrayList<>(steps);
      Compute head = (Compute) out.get(0);
      List<Kernel> joined = new ArrayList<>(kernels);
      joined.addAll(head.kernels());
      out.set(0, new Compute(head.name(), joined));
      return out;
    }

    private static List<PassStep> append(List<PassStep> steps, List<Kernel> kernels) {
      List<PassStep> out = new ArrayList<>(steps);
      Compute tail = (Compute) out.get(out.size() - 1);
      List<Kernel> joined = new ArrayList<>(tail.kernels());
      joined.addAll(kernels);
      out.set(out.size() - 1, new Compute(tail.name(), joined));
      return out;
    }

    /** Adds {@code steps} as a chain, the first after {@code first}; returns the new chain end. */
    private List<Integer> emit(List<PassStep> steps, List<Integer> first) {
      List<Integer> deps = first;
      for (PassStep s : steps) {
        if (s instanceof Compute c) {
          chain = add(new Operation.Kernels(ops.size(), deps, c.name(), c.kernels()));
        } else if (s instanceof Communicate m) {
          List<Integer> group =
              switch (m.group()) {
                case TENSOR -> layout.tensorGroup(stage);
                case CONTEXT -> layout.contextGroup(stage);
                case EXPERT -> layout.expertGroup(stage);
              };
          chain = collective(deps, m.name(), m.kind(), group, m.bytes());
        }
        deps = List.of(chain);
      }
      return deps;
    }

    /** Adds a collective unless its group is a single rank; returns its id or the chain end. */
    private int collective(
        List<Integer> deps, String name, CollectiveKind kind, List<Integer> group, long bytes) {
      if (group.size() < 2 || bytes == 0) {
        return deps.isEmpty() ? chain : deps.get(deps.size() - 1);
      }
      return add(new Operation.Collective(ops.size(), deps, name, collectives++, kind, group,
          bytes, algorithms.of(kind)));
    }

    /**
     * Gradient buckets in the order backward finishes their layers: each bucket's reduction
     * starts after the last of its layers (or after the whole backward without overlap).
     */
    private List<Integer> reduceGradients(int backwardEnd) {
      List<Integer> ids = new ArrayList<>();
      CollectiveKind kind =
          job.zeroStage() == 0 ? CollectiveKind.ALL_REDUCE : CollectiveKind.REDUCE_SCATTER;
      int bytesPerElement = job.gradientReduceBytesPerElement();
      List<ReadyGradients> ready = new ArrayList<>();
      // ZeRO-3 reduces each layer's gradients per micro-batch (scatterGradients), not here.
      for (int layer = 0; layer < lastBackward.length && job.zeroStage() < 3; layer++) {
        if (lastBackward[layer] >= 0) {
          ready.add(new ReadyGradients(lastBackward[layer], OptionalInt.of(layer)));
        }
      }
      if (lastHeadBackward >= 0) {
        ready.add(new ReadyGradients(lastHeadBackward, OptionalInt.empty()));
      }
      ready.sort(Comparator.comparingInt(ReadyGradients::operation));
      double dense = 0;
      double expert = 0;
      for (int i = 0; i < ready.size(); i++) {
        ReadyGradients r = ready.get(i);
        StageParameters part = r.layer().isPresent()
            ? params.layerWithEmbedding(r.layer().getAsInt()) : params.head();
        dense += part.dense() * bytesPerElement;
        expert += part.expert() * bytesPerElement;
        boolean last = i == ready.size() - 1;
        if (dense + expert >= job.gradientBucketBytes() || last) {
          List<Integer> after = List.of(job.overlapGradientReduce() ? r.operation() : backwardEnd);
          addIfNew(ids, collective(after, "gradient " + kind.label(), kind,
              layout.dataGroup(stage), Math.round(dense)));
          addIfNew(ids, collective(after, "expert gradient " + kind.label(), kind,
              layout.expertDataGroup(stage), Math.round(expert)));
          dense = 0;
          expert = 0;
        }
      }
      if (job.model().tiedEmbeddings() && job.parallelism().pp() > 1
          && (stage == 0 || params.holdsLastChunk())) {
        // Megatron's embedding group: the first and last stage sum their copies' gradients.
        List<Integer> pair = List.of(layout.representative(0),
            layout.representative(job.parallelism().pp() - 1));
        long bytes = Math.round(params.embedding().dense() * bytesPerElement);
        addIfNew(ids, collective(List.of(backwardEnd), "embedding all-reduce",
            CollectiveKind.ALL_REDUCE, pair, bytes));
      }
      return ids;
    }

    private void addIfNew(List<Integer> ids, int id) {
      if (id >= 0 && ops.get(id) instanceof Operation.Collective && !ids.contains(id)) {
        ids.add(id);
      }
    }

    private int stageRank(int chunk) {
      return layout.representative(chunk % job.parallelism().pp());
    }

    /** A tag unique per direction, micro-batch and receiving chunk. */
    private int tag(boolean forward, int microBatch, int chunk) {
      return (microBatch * chunksTotal + chunk) * 2 + (forward ? 0 : 1);
    }

    private int add(Operation op) {
      ops.add(op);
      return op.id();
    }
  }
}
