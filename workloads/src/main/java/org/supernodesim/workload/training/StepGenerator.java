package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.transformer.ForwardFlops;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.training.PassStep.Communicate;
import org.supernodesim.workload.training.PassStep.Compute;
import org.supernodesim.workload.training.PassStep.Ring;
import org.supernodesim.workload.training.PipelineSchedule.Overlapped;
import org.supernodesim.workload.training.PipelineSchedule.Pass;
import org.supernodesim.workload.training.PipelineSchedule.Slot;

/**
 * Generates the per-rank operation graphs of one training step ({@link TrainingStep}): for each
 * pipeline stage, the passes of every micro-batch in its schedule's order, each layer pass a few
 * coarse operations (one run of kernels per block, the tensor-, context- and expert-parallel
 * collectives between them), the point-to-point transfers between stages, then the gradient
 * reduction in buckets (overlapping backward if asked), the optimizer step and ZeRO's parameter
 * all-gather.
 *
 * <p>Each slot of the schedule waits for the one before; the two passes of an overlapped slot
 * (DualPipe's chunk pairs, 1F1B's expert all-to-all overlap) are two chains that wait for nothing
 * of each other, so the compute stream runs one's kernels while the other's collectives are on
 * their communicators' streams.
 */
public final class StepGenerator {
  /** Mixed-precision Adam reads and writes about 30 bytes per parameter it updates (ZeRO §3). */
  static final double OPTIMIZER_BYTES_PER_PARAMETER = 30;

  private StepGenerator() {}

  /** The step of {@code job}, with {@code algorithm} naming the collective algorithm to use. */
  public static TrainingStep generate(TrainingJob job, CollectiveAlgorithms algorithm) {
    Parallelism p = job.parallelism();
    PipelineSchedule schedule = PipelineSchedule.of(job);
    RankLayout layout = new RankLayout(p);
    PassSteps steps = new PassSteps(job, new LayerPlan(job));
    MemoryModel memoryModel = new MemoryModel(job);
    List<OperationGraph> graphs = new ArrayList<>(p.pp());
    List<StageMemory> memory = new ArrayList<>(p.pp());
    double executed = 0;
    for (int stage = 0; stage < p.pp(); stage++) {
      Stage builder = new Stage(job, schedule, layout, steps, memoryModel, algorithm, stage);
      OperationGraph graph = builder.build();
      graphs.add(graph);
      memory.add(builder.memory());
      executed += executedFlops(graph) * p.tp() * p.cp() * p.dp();
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
        job, layout, graphs, memory, 3 * forward.withMtp() * tokens, recompute * tokens, executed);
  }

  /** The FLOPs the kernels of {@code graph} execute. */
  private static double executedFlops(OperationGraph graph) {
    double flops = 0;
    for (Operation op : graph.operations()) {
      if (op instanceof Operation.Kernels k) {
        for (Kernel kernel : k.kernels()) {
          flops += kernel.flops();
        }
      }
    }
    return flops;
  }

  /** Names the algorithm each collective kind runs with. */
  @FunctionalInterface
  public interface CollectiveAlgorithms {
    AlgorithmChoice of(CollectiveKind kind);
  }

  /** The graph of one stage's representative rank, built operation by operation. */
  private static final class Stage {
    private final TrainingJob job;
    private final PipelineSchedule schedule;
    private final RankLayout layout;
    private final PassSteps steps;
    private final LayerPlan plan;
    private final MemoryModel memoryModel;
    private final CollectiveAlgorithms algorithms;
    private final int stage;
    private final int rank;
    private final int chunks;
    private final StageParameterCount params;
    private final List<Integer> replicas;
    private final List<Operation> ops = new ArrayList<>();
    private final Map<PassStep.Group, List<Integer>> groups = new java.util.EnumMap<>(
        PassStep.Group.class);
    private int collectives;
    private int chain = -1;
    // Per layer (index into the model), the op after which its gradients of the step are whole.
    private final int[] lastLayerGradient;
    private int lastHeadGradient = -1;
    private int lastEmbeddingGradient = -1;
    // ZeRO-3's per-micro-batch gradient reduce-scatters, which the optimizer waits for.
    private final List<Integer> zeroReductions = new ArrayList<>();
    // Per micro-batch, the end of its forward through the last chunk, where its backward starts.
    private final Map<Integer, Integer> lossReady = new HashMap<>();

    Stage(
        TrainingJob job,
        PipelineSchedule schedule,
        RankLayout layout,
        PassSteps steps,
        MemoryModel memoryModel,
        CollectiveAlgorithms algorithms,
        int stage) {
      this.job = job;
      this.schedule = schedule;
      this.layout = layout;
      this.steps = steps;
      this.plan = steps.plan();
      this.memoryModel = memoryModel;
      this.algorithms = algorithms;
      this.stage = stage;
      this.rank = layout.representative(stage);
      this.chunks = job.chunks();
      this.params = new StageParameterCount(job, schedule, stage);
      this.replicas = schedule.replicaStages(stage);
      this.lastLayerGradient = new int[job.model().layers()];
      Arrays.fill(lastLayerGradient, -1);
    }

    OperationGraph build() {
      List<Integer> ends = List.of();
      for (Slot slot : schedule.order(stage)) {
        // A slot starts when the one before is done and its inputs have arrived: the published
        // DualPipe waits for both receives of a pair before computing either chunk.
        List<Integer> after = new ArrayList<>(ends);
        for (Pass pass : slot.passes()) {
          receive(pass).ifPresent(after::add);
        }
        if (slot instanceof Overlapped o) {
          ends = List.of(run(o.forward(), after), run(o.backward(), after));
        } else {
          ends = List.of(run(slot.passes().get(0), after));
        }
      }
      List<Integer> backwardEnd = ends;
      List<Integer> reductions = reduceGradients(backwardEnd);
      reductions.addAll(zeroReductions);
      reductions.addAll(backwardEnd);
      int optimizer =
          add(
              new Operation.Kernels(
                  ops.size(),
                  reductions,
                  "optimizer step",
                  List.of(Kernel.elementwise(OPTIMIZER_BYTES_PER_PARAMETER * params.updated()))));
      if (job.zeroStage() >= 1 && job.zeroStage() <= 2) {
        overReplicas(
            new ArrayList<>(),
            List.of(optimizer),
            "",
            "parameter all-gather",
            CollectiveKind.ALL_GATHER,
            params.stage(),
            2);
      }
      return new OperationGraph(rank, ops);
    }

    /** The receive of what {@code pass} needs from another stage, if it needs anything. */
    private OptionalInt receive(Pass pass) {
      int mb = pass.microBatch();
      int chunk = pass.chunk();
      return switch (pass.kind()) {
        case FORWARD ->
            chunk == 0
                ? OptionalInt.empty()
                : OptionalInt.of(
                    add(
                        new Operation.Recv(
                            ops.size(),
                            List.of(),
                            "recv activations mb" + mb,
                            stageRank(mb, chunk - 1),
                            tag(true, mb, chunk))));
        // The last chunk's backward starts from its own forward's loss, on this stage: explicit,
        // since an overlapped pair waits for nothing else of its partner.
        case BACKWARD, BACKWARD_INPUT ->
            chunk == chunks - 1
                ? OptionalInt.of(lossReady.get(mb))
                : OptionalInt.of(
                    add(
                        new Operation.Recv(
                            ops.size(),
                            List.of(),
                            "recv gradients mb" + mb,
                            stageRank(mb, chunk + 1),
                            tag(false, mb, chunk))));
        case WEIGHT -> OptionalInt.empty();
      };
    }

    /**
     * Adds {@code pass} after the ops {@code after} (its receive among them); returns the last op
     * of its chain.
     */
    private int run(Pass pass, List<Integer> after) {
      chain = after.isEmpty() ? -1 : after.get(after.size() - 1);
      return switch (pass.kind()) {
        case FORWARD -> forward(pass.microBatch(), pass.chunk(), after);
        case BACKWARD -> backward(pass.microBatch(), pass.chunk(), after, false);
        case BACKWARD_INPUT -> backward(pass.microBatch(), pass.chunk(), after, true);
        case WEIGHT -> weight(pass.chunk(), after);
      };
    }

    StageMemory memory() {
      Map<Integer, Double> perChunk = new TreeMap<>();
      for (int chunk : job.chunksOf(stage)) {
        int[] range = job.chunkLayers(chunk);
        double bytes = 0;
        for (int layer = range[0]; layer < range[1]; layer++) {
          bytes += memoryModel.layerActivationBytes(job.model().ffnOfLayer(layer));
        }
        if (chunk == chunks - 1 && job.model().mtpModules() > 0) {
          bytes +=
              job.model().mtpModules() * memoryModel.layerActivationBytes(job.model().mtpFfn());
        }
        perChunk.put(chunk, bytes);
      }
      double logits =
          params.holdsLastChunk()
              ? 4.0 * job.tokensPerRank() * job.model().vocabSize() / job.parallelism().tp()
              : 0;
      return memoryModel.of(stage, params, schedule, perChunk, logits);
    }

    private int forward(int microBatch, int chunk, List<Integer> after) {
      List<Integer> first = after;
      int[] range = job.chunkLayers(chunk);
      if (chunk == 0 && range[0] == range[1]) {
        first = emit(List.of(plan.embedding()), first); // a chunk of the embedding alone
      }
      List<Integer> anchor = first;
      for (int layer = range[0]; layer < range[1]; layer++) {
        List<PassStep> layerSteps = steps.forward(layer);
        if (chunk == 0 && layer == range[0]) {
          layerSteps = withFirst(plan.embedding(), layerSteps);
        }
        List<Integer> gathered = gatherParameters(layer, anchor);
        anchor = first;
        first = emit(layerSteps, joined(first, gathered));
      }
      if (chunk == chunks - 1) {
        for (List<PassStep> segment : steps.tail()) {
          first = emit(segment, first);
        }
        lossReady.put(microBatch, chain);
      } else {
        add(
            new Operation.Send(
                ops.size(),
                List.of(chain),
                "send activations mb" + microBatch,
                stageRank(microBatch, chunk + 1),
                plan.pipelineBytes(),
                tag(true, microBatch, chunk + 1)));
      }
      return chain;
    }

    /**
     * A backward pass, whole or ({@code inputOnly}) without its weight-gradient GEMMs, which a
     * later {@link #weight} pass runs; the parameters' gradients are whole only after those.
     */
    private int backward(int microBatch, int chunk, List<Integer> after, boolean inputOnly) {
      List<Integer> first = after;
      if (chunk == chunks - 1) {
        List<List<PassStep>> tail = steps.tail();
        for (int s = tail.size() - 1; s >= 0; s--) {
          first = emit(steps.tailBackward(tail.get(s), inputOnly), first);
        }
        if (!inputOnly) {
          lastHeadGradient = chain;
        }
      }
      int[] range = job.chunkLayers(chunk);
      List<Integer> anchor = first;
      for (int layer = range[1] - 1; layer >= range[0]; layer--) {
        List<Integer> gathered = gatherParameters(layer, anchor);
        anchor = first;
        first = joined(first, gathered);
        if (job.recomputation() == Recomputation.FULL) {
          first = emit(steps.forward(layer), first);
        }
        List<PassStep> layerSteps = steps.backward(layer, inputOnly);
        if (chunk == 0 && layer == range[0]) {
          layerSteps = withLast(layerSteps, embeddingBackward());
        }
        first = emit(layerSteps, first);
        if (!inputOnly) {
          layerGradientsDone(layer);
        }
      }
      if (chunk == 0) {
        if (range[0] == range[1]) {
          first = emit(List.of(embeddingBackward()), first);
        }
        lastEmbeddingGradient = chain;
      } else {
        add(
            new Operation.Send(
                ops.size(),
                List.of(chain),
                "send gradients mb" + microBatch,
                stageRank(microBatch, chunk - 1),
                plan.pipelineBytes(),
                tag(false, microBatch, chunk - 1)));
      }
      return chain;
    }

    /** The weight-gradient GEMMs an input-only backward of {@code chunk} left, in its order. */
    private int weight(int chunk, List<Integer> after) {
      List<Integer> first = after;
      if (chunk == chunks - 1) {
        List<List<PassStep>> tail = steps.tail();
        for (int s = tail.size() - 1; s >= 0; s--) {
          first = emitWeights(plan.weightGradients(tail.get(s)), "tail " + s, first);
        }
        lastHeadGradient = chain;
      }
      int[] range = job.chunkLayers(chunk);
      for (int layer = range[1] - 1; layer >= range[0]; layer--) {
        first = emitWeights(steps.weights(layer), "layer " + layer, first);
        layerGradientsDone(layer);
      }
      return chain;
    }

    private List<Integer> emitWeights(List<Kernel> kernels, String label, List<Integer> first) {
      if (kernels.isEmpty()) {
        return first;
      }
      return emit(List.of(new Compute(label + " weight-gradient backward", kernels)), first);
    }

    private void layerGradientsDone(int layer) {
      lastLayerGradient[layer] = chain;
      scatterGradients(layer);
    }

    /** The embedding's gradient: its rows scatter-added, as many bytes as the lookup moved. */
    private Compute embeddingBackward() {
      Compute lookup = plan.embedding();
      return new Compute("embedding backward", lookup.kernels());
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
      List<Integer> ids = new ArrayList<>();
      overReplicas(
          ids,
          after,
          "layer " + layer + " ",
          "parameter all-gather",
          CollectiveKind.ALL_GATHER,
          params.layer(layer),
          2);
      return ids;
    }

    /** ZeRO-3: the layer's gradients reduce-scattered after each of its backward passes. */
    private void scatterGradients(int layer) {
      if (job.zeroStage() < 3) {
        return;
      }
      overReplicas(
          zeroReductions,
          List.of(chain),
          "layer " + layer + " ",
          "gradient reduce-scatter",
          CollectiveKind.REDUCE_SCATTER,
          params.layer(layer),
          job.gradientReduceBytesPerElement());
    }

    /**
     * A collective of {@code part}'s dense parameters over the ranks that hold them and one of its
     * experts' over theirs, {@code bytesPerElement} each, named {@code prefix + what} and {@code
     * prefix + "expert " + what}; their ids go to {@code ids}.
     */
    private void overReplicas(
        List<Integer> ids,
        List<Integer> after,
        String prefix,
        String what,
        CollectiveKind kind,
        StageParameters part,
        double bytesPerElement) {
      addIfNew(
          ids,
          collective(
              after,
              prefix + what,
              kind,
              layout.dataGroup(replicas),
              Math.round(bytesPerElement * part.dense())));
      addIfNew(
          ids,
          collective(
              after,
              prefix + "expert " + what,
              kind,
              layout.expertDataGroup(replicas),
              Math.round(bytesPerElement * part.expert())));
    }

    private static List<Integer> joined(List<Integer> a, List<Integer> b) {
      if (b.isEmpty()) {
        return a;
      }
      List<Integer> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }

    /** {@code steps} with {@code kernels} run at the start of their first compute. */
    private static List<PassStep> withFirst(Compute kernels, List<PassStep> steps) {
      List<PassStep> out = new ArrayList<>(steps);
      out.set(0, ((Compute) out.get(0)).after(kernels));
      return out;
    }

    /** {@code steps} with {@code kernels} run at the end of their last compute. */
    private static List<PassStep> withLast(List<PassStep> steps, Compute kernels) {
      List<PassStep> out = new ArrayList<>(steps);
      int last = out.size() - 1;
      out.set(last, ((Compute) out.get(last)).then(kernels));
      return out;
    }

    /** Adds {@code steps} as a chain, the first after {@code first}; returns the new chain end. */
    private List<Integer> emit(List<PassStep> passSteps, List<Integer> first) {
      List<Integer> deps = first;
      for (PassStep s : passSteps) {
        if (s instanceof Compute c) {
          chain = add(new Operation.Kernels(ops.size(), deps, c.name(), c.kernels()));
        } else if (s instanceof Communicate m) {
          chain = collective(deps, m.name(), m.kind(), group(m.group()), m.bytes(),
              m.sourceBytes(), m.destinationBytes());
        } else if (s instanceof Ring r) {
          ring(r, deps);
        }
        deps = List.of(chain);
      }
      return deps;
    }

    /**
     * The stage's group of a kind, one list per kind: the graph's collectives of a group share
     * it, which keeps the graph small and lets a chip that maps groups to its own (chip fidelity)
     * recognise one it has mapped before.
     */
    private List<Integer> group(PassStep.Group group) {
      return groups.computeIfAbsent(group, g -> List.copyOf(switch (g) {
        case TENSOR -> layout.tensorGroup(stage);
        case CONTEXT -> layout.contextGroup(stage);
        case EXPERT -> layout.expertGroup(stage);
        case CONTEXT_NEXT -> layout.contextGroup(stage).subList(0, 2);
      }));
    }

    /**
     * Ring attention: block 0 on the rank's own keys and values; hop k brings block k from the
     * ring's previous rank while block k-1 computes (each hop forwards what the one before
     * brought); block k waits for its hop and for block k-1. Timed as the representative's send to
     * the next rank, which every rank of the ring does at once.
     */
    private void ring(Ring r, List<Integer> deps) {
      List<Integer> blockDeps = deps;
      List<Integer> hopDeps = deps;
      for (int k = 0; k < r.blocks(); k++) {
        if (k > 0) {
          int hop =
              collective(
                  hopDeps,
                  r.name() + " hop " + k,
                  CollectiveKind.SEND_RECV,
                  group(PassStep.Group.CONTEXT_NEXT),
                  r.hopBytes());
          hopDeps = List.of(hop);
          blockDeps = joined(blockDeps, hopDeps);
        }
        chain =
            add(
                new Operation.Kernels(
                    ops.size(), blockDeps, blockName(r.name(), k), r.block().kernels()));
        blockDeps = List.of(chain);
      }
    }

    /** "layer 3 attention block 1", or "... block 1 backward": a backward's kernels say so last. */
    private static String blockName(String ring, int k) {
      String suffix = " backward";
      return ring.endsWith(suffix)
          ? ring.substring(0, ring.length() - suffix.length()) + " block " + k + suffix
          : ring + " block " + k;
    }

    /** Adds a collective unless its group is a single rank; returns its id or the chain end. */
    private int collective(
        List<Integer> deps, String name, CollectiveKind kind, List<Integer> group, long bytes) {
      return collective(deps, name, kind, group, bytes, List.of(), List.of());
    }

    /** As above, an uneven all-to-all's per-member send or receive buffers given (group order). */
    private int collective(
        List<Integer> deps, String name, CollectiveKind kind, List<Integer> group, long bytes,
        List<Long> sourceBytes, List<Long> destinationBytes) {
      if (group.size() < 2 || bytes == 0) {
        return deps.isEmpty() ? chain : deps.get(deps.size() - 1);
      }
      return add(
          new Operation.Collective(
              ops.size(), deps, name, collectives++, kind, group, bytes, algorithms.of(kind),
              sourceBytes, destinationBytes));
    }

    /**
     * Gradient buckets in the order backward finishes their parts: each bucket's reduction starts
     * after the last of its parts (or after the whole backward without overlap). Parts whole after
     * the same op (the first layer and the embedding) go together.
     */
    private List<Integer> reduceGradients(List<Integer> backwardEnd) {
      List<Integer> ids = new ArrayList<>();
      CollectiveKind kind =
          job.zeroStage() == 0 ? CollectiveKind.ALL_REDUCE : CollectiveKind.REDUCE_SCATTER;
      int bytesPerElement = job.gradientReduceBytesPerElement();
      TreeMap<Integer, StageParameters> ready = new TreeMap<>();
      // ZeRO-3 reduces each layer's gradients per micro-batch (scatterGradients), not here.
      for (int layer = 0; layer < lastLayerGradient.length && job.zeroStage() < 3; layer++) {
        if (lastLayerGradient[layer] >= 0) {
          ready.merge(lastLayerGradient[layer], params.layer(layer), StageParameters::plus);
        }
      }
      if (params.holdsFirstChunk()) {
        ready.merge(lastEmbeddingGradient, params.embedding(), StageParameters::plus);
      }
      if (params.holdsLastChunk()) {
        ready.merge(lastHeadGradient, params.head(), StageParameters::plus);
      }
      double dense = 0;
      double expert = 0;
      for (Map.Entry<Integer, StageParameters> r : ready.entrySet()) {
        dense += r.getValue().dense() * bytesPerElement;
        expert += r.getValue().expert() * bytesPerElement;
        boolean last = r.getKey().equals(ready.lastKey());
        if (dense + expert >= job.gradientBucketBytes() || last) {
          List<Integer> after = job.overlapGradientReduce() ? List.of(r.getKey()) : backwardEnd;
          overReplicas(
              ids,
              after,
              "",
              "gradient " + kind.label(),
              kind,
              new StageParameters(dense, expert),
              1);
          dense = 0;
          expert = 0;
        }
      }
      if (job.model().tiedEmbeddings() && params.holdsFirstChunk() != params.holdsLastChunk()) {
        // Megatron's embedding group: the stages of the first and the last chunk sum their
        // copies' gradients (DualPipe holds both on one stage: nothing to sum here).
        List<Integer> pair =
            List.of(
                layout.representative(schedule.stageOf(0, 0)),
                layout.representative(schedule.stageOf(0, chunks - 1)));
        long bytes = Math.round(params.embedding().dense() * bytesPerElement);
        addIfNew(
            ids,
            collective(
                backwardEnd, "embedding all-reduce", CollectiveKind.ALL_REDUCE, pair, bytes));
      }
      return ids;
    }

    private void addIfNew(List<Integer> ids, int id) {
      if (id >= 0 && ops.get(id) instanceof Operation.Collective && !ids.contains(id)) {
        ids.add(id);
      }
    }

    private int stageRank(int microBatch, int chunk) {
      return layout.representative(schedule.stageOf(microBatch, chunk));
    }

    /** A tag unique per direction, micro-batch and receiving chunk. */
    private int tag(boolean forward, int microBatch, int chunk) {
      return (microBatch * chunks + chunk) * 2 + (forward ? 0 : 1);
    }

    private int add(Operation op) {
      ops.add(op);
      return op.id();
    }
  }
}
