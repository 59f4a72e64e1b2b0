package org.supernodesim.workload.trace.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.supernodesim.workload.graph.GraphPool;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.trace.TraceNotes;
import org.supernodesim.workload.trace.text.TextWorkload.Comm;
import org.supernodesim.workload.trace.text.TextWorkload.Layer;

/**
 * One rank's training passes, in the order ASTRA-sim 1.0 and SimAI walk the layers
 * ({@code Workload::iterate_*} of astra-sim-alibabacloud {@code workload/Workload.cc}; layer i
 * runs forward f, input gradient g, weight gradient w; "issue" starts its collective, which a
 * "blocking" one waits for before going on, and every forward of a layer waits for that layer's
 * weight-gradient collective of the pass before):
 *
 * <ul>
 *   <li>DATA: f0 .. fn-1; then for i = n-1 .. 0: wi, issue wi's collective; gi unless i = 0.
 *   <li>MODEL, DISTRIBUTED_INFERENCE (forward only): fi, issue and wait fi's; then for i = n-1 ..
 *       0: gi, issue gi's unless i = 0; wi; wait for gi's.
 *   <li>HYBRID_DATA_MODEL, HYBRID_MODEL_DATA, HYBRID_CUSTOMIZED: forward as MODEL; then gi, issue
 *       gi's unless i = 0; wi, issue wi's; wait for gi's.
 *   <li>HYBRID_TRANSFORMER: forward as MODEL; then gi, issue and wait gi's (also at i = 0); wi,
 *       issue wi's.
 *   <li>HYBRID_TRANSFORMER_FWD_IN_BCKWD: as HYBRID_TRANSFORMER, but reaching a layer that
 *       initiates a recomputation, first the forward of the layers from the checkpoint at or below
 *       it up to the one before it runs again (each issuing and waiting its collective).
 *   <li>HYBRID_DLRM (and _ENHANCED): fi, issuing (not waiting) an ALLTOALL forward collective;
 *       after the last bottom layer's forward, wait for layer 0's; then from i = n-1: wi, issue
 *       wi's; (HYBRID_DLRM: wait for gi's); stop at i = 0, else gi, and at the layer above the last
 *       bottom one issue layer 0's input-gradient collective.
 *   <li>MICRO: the first layer's weight-gradient collective, once per pass, nothing else.
 * </ul>
 *
 * <p>Left out: the one-tick gaps ASTRA-sim's event loop puts between steps, and the priorities it
 * gives input-gradient collectives over waiting weight-gradient ones (a chip here runs its
 * collectives in the order they become ready).
 */
final class LayerWalk {
  private final TextReplay replay;
  private final TraceNotes notes; // what this walk noted
  private final TextWorkload workload;
  private final int rank;
  private final List<Layer> layers;
  private final GraphPool pool;
  private final List<Operation> ops = new ArrayList<>();
  private final TreeSet<Integer> waits = new TreeSet<>();
  private int last = -1;
  private int slot;

  LayerWalk(TextReplay replay, int rank, TraceNotes notes) {
    this.notes = notes;
    this.replay = replay;
    this.workload = replay.workload();
    this.rank = rank;
    this.layers = workload.layers();
    this.pool = replay.pool();
  }

  List<Operation> operations() {
    int n = layers.size();
    int[] weightGradientDone = new int[n];
    Arrays.fill(weightGradientDone, -1);
    for (int pass = 0; pass < replay.options().passes(); pass++) {
      switch (workload.policy()) {
        case DATA -> data(weightGradientDone);
        case MODEL -> model(weightGradientDone);
        case DISTRIBUTED_INFERENCE -> forward(weightGradientDone);
        case HYBRID_DATA_MODEL, HYBRID_MODEL_DATA, HYBRID_CUSTOMIZED -> hybrid(weightGradientDone);
        case HYBRID_TRANSFORMER, HYBRID_TRANSFORMER_FWD_IN_BCKWD -> transformer(weightGradientDone);
        case HYBRID_DLRM, HYBRID_DLRM_ENHANCED -> dlrm(weightGradientDone);
        case MICRO -> issue(layers.get(0), Pass.WEIGHT_GRADIENT);
        case ALL -> throw new IllegalStateException("ALL is a layer's policy, not a file's");
      }
    }
    return ops;
  }

  private void data(int[] wg) {
    for (int i = 0; i < layers.size(); i++) {
      waitFor(wg[i]);
      compute(layers.get(i), Pass.FORWARD);
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      compute(layers.get(i), Pass.WEIGHT_GRADIENT);
      wg[i] = issue(layers.get(i), Pass.WEIGHT_GRADIENT);
      if (i > 0) {
        compute(layers.get(i), Pass.INPUT_GRADIENT);
      }
    }
  }

  private void forward(int[] wg) {
    for (int i = 0; i < layers.size(); i++) {
      forwardOf(i, wg);
    }
  }

  private void forwardOf(int i, int[] wg) {
    waitFor(wg[i]);
    compute(layers.get(i), Pass.FORWARD);
    waitFor(issue(layers.get(i), Pass.FORWARD));
  }

  private void model(int[] wg) {
    forward(wg);
    for (int i = layers.size() - 1; i >= 0; i--) {
      compute(layers.get(i), Pass.INPUT_GRADIENT);
      int ig = i > 0 ? issue(layers.get(i), Pass.INPUT_GRADIENT) : -1;
      compute(layers.get(i), Pass.WEIGHT_GRADIENT);
      waitFor(ig);
    }
  }

  private void hybrid(int[] wg) {
    forward(wg);
    for (int i = layers.size() - 1; i >= 0; i--) {
      compute(layers.get(i), Pass.INPUT_GRADIENT);
      int ig = i > 0 ? issue(layers.get(i), Pass.INPUT_GRADIENT) : -1;
      compute(layers.get(i), Pass.WEIGHT_GRADIENT);
      wg[i] = issue(layers.get(i), Pass.WEIGHT_GRADIENT);
      waitFor(ig);
    }
  }

  private void transformer(int[] wg) {
    int[] previous = wg.clone();
    forward(wg);
    TreeSet<Integer> checkpoints = workload.checkpoints();
    TreeSet<Integer> initiates = workload.checkpointInitiates();
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (initiates.contains(i)) {
        // Walk down to the checkpoint, then run forward again up to the layer before i.
        for (int j = checkpoints.floor(i); j < i; j++) {
          forwardOf(j, previous);
        }
      }
      compute(layers.get(i), Pass.INPUT_GRADIENT);
      waitFor(issue(layers.get(i), Pass.INPUT_GRADIENT));
      compute(layers.get(i), Pass.WEIGHT_GRADIENT);
      wg[i] = issue(layers.get(i), Pass.WEIGHT_GRADIENT);
    }
  }

  private void dlrm(int[] wg) {
    int lastBottom = workload.dlrmLastBottomLayer();
    int embeddingForward = -1;
    for (int i = 0; i < layers.size(); i++) {
      waitFor(wg[i]);
      compute(layers.get(i), Pass.FORWARD);
      if (layers.get(i).forward().type() == TextWorkload.CommType.ALLTOALL) {
        int h = issue(layers.get(i), Pass.FORWARD);
        embeddingForward = i == 0 ? h : embeddingForward;
      } else if (i == lastBottom) {
        waitFor(embeddingForward);
      }
    }
    int embeddingInputGradient = -1;
    for (int i = layers.size() - 1; i >= 0; i--) {
      compute(layers.get(i), Pass.WEIGHT_GRADIENT);
      wg[i] = issue(layers.get(i), Pass.WEIGHT_GRADIENT);
      if (workload.policy() == Policy.HYBRID_DLRM && i == 0) {
        waitFor(embeddingInputGradient);
      }
      if (i == 0) {
        break;
      }
      compute(layers.get(i), Pass.INPUT_GRADIENT);
      if (i == lastBottom + 1) {
        embeddingInputGradient = issue(layers.get(0), Pass.INPUT_GRADIENT);
      }
    }
  }

  /** The three passes of a layer line. */
  private enum Pass {
    FORWARD("fwd"),
    INPUT_GRADIENT("ig"),
    WEIGHT_GRADIENT("wg");

    final String label;

    Pass(String label) {
      this.label = label;
    }
  }

  private void compute(Layer layer, Pass pass) {
    long ticks = switch (pass) {
      case FORWARD -> layer.forwardTicks();
      case INPUT_GRADIENT -> layer.inputGradientTicks();
      case WEIGHT_GRADIENT -> layer.weightGradientTicks();
    };
    int id = ops.size();
    ops.add(new Operation.Measured(id, after(), layer.name() + " " + pass.label,
        replay.picos(ticks, layer)));
    last = id;
  }

  /**
   * Issues the layer's collective of {@code pass} after the work so far; returns the operation
   * that marks it done (its update wait), or -1 if nothing was issued.
   */
  private int issue(Layer layer, Pass pass) {
    Comm comm = switch (pass) {
      case FORWARD -> layer.forward();
      case INPUT_GRADIENT -> layer.inputGradient();
      case WEIGHT_GRADIENT -> layer.weightGradient();
    };
    Span span = switch (pass) {
      case FORWARD -> layer.policy().forward;
      case INPUT_GRADIENT -> layer.policy().inputGradient;
      case WEIGHT_GRADIENT -> layer.policy().weightGradient;
    };
    if (workload.policy().isDlrm() && layer == layers.get(0)) {
      span = Policy.ALL.forward; // a DLRM's embedding layer spans every dimension
    }
    TextReplay.Collective c =
        replay.collective(comm, span, pass == Pass.WEIGHT_GRADIENT, rank, layer, notes);
    if (c == null) {
      return -1;
    }
    int instance = slot++;
    long collectiveId = (long) instance * replay.ranks() + c.group().get(0);
    if (collectiveId > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many collectives to number: " + collectiveId);
    }
    int id = ops.size();
    String name = layer.name() + " " + pass.label + " " + c.kind().label();
    List<Integer> deps = after();
    ops.add(new Operation.Collective(id, deps, name, (int) collectiveId, c.kind(), c.group(),
        c.bytes(), replay.options().algorithm()));
    long update = replay.picos(layer.updateTicks(), layer);
    if (update == 0) {
      return id;
    }
    ops.add(new Operation.Delay(id + 1, pool.single(id), layer.name() + " " + pass.label
        + " update", update));
    return id + 1;
  }

  /** Waits, before the next operation of the pass, for {@code done} (if not -1). */
  private void waitFor(int done) {
    if (done >= 0) {
      waits.add(done);
    }
  }

  /** The next operation's dependencies: the pass so far, and what it must wait for. */
  private List<Integer> after() {
    if (last >= 0) {
      waits.add(last);
    }
    List<Integer> deps = pool.list(new ArrayList<>(waits));
    waits.clear();
    return deps;
  }
}
