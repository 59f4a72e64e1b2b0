package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supernodesim.node.chip.ActivityLog;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * Each pipeline stage's forward and backward passes, read back from its representative's graph and
 * compute activity, for the report's drawing of the schedule.
 *
 * <p>A stage's graph holds its passes one after another in the schedule's order, then the gradient
 * reduction and one optimizer kernel. With two or more stages, every pass begins with its receive
 * from a neighbour or ends with its send to one ({@code recv activations mb3}, {@code send
 * gradients mb3}: the name says the direction and the micro-batch), except where a forward through
 * the last model chunk runs straight into the backward of the same micro-batch; that backward
 * begins at its first kernel named "... backward" (a forward pass has none). A pass spans its
 * kernels on the compute stream, from the first one's start to the last one's end. The result is
 * checked (2 x micro-batches x chunks passes per stage, each named, forward passes free of backward
 * kernels); where the graph does not read so, no schedule is drawn rather than a wrong one.
 */
final class PipelinePasses {
  private static final Pattern NAME =
      Pattern.compile("^(send|recv) (activations|gradients) mb(\\d+)$");

  private PipelinePasses() {}

  /**
   * The passes of each stage's process, or an empty list for a single stage or a graph that does
   * not read as a pipeline of {@code microBatches} x {@code chunks} passes per direction.
   */
  static List<TrainingResult.StagePasses> of(
      List<ChipProcess> stages, int microBatches, int chunks) {
    if (stages.size() < 2) {
      return List.of();
    }
    List<TrainingResult.StagePasses> out = new ArrayList<>();
    for (int stage = 0; stage < stages.size(); stage++) {
      List<TrainingResult.Pass> passes = stage(stages.get(stage));
      if (passes == null || passes.size() != 2 * microBatches * chunks) {
        return List.of();
      }
      out.add(new TrainingResult.StagePasses(stage, stages.get(stage).rank(), passes));
    }
    return out;
  }

  /** One pass being read: its direction and micro-batch once named, its kernels. */
  private static final class Draft {
    Boolean forward;
    int microBatch = -1;
    final List<Integer> kernels = new ArrayList<>();
  }

  private static List<TrainingResult.Pass> stage(ChipProcess chip) {
    OperationGraph graph = chip.graph();
    long[] starts = new long[graph.size()];
    long[] ends = new long[graph.size()];
    boolean[] ran = new boolean[graph.size()];
    ActivityLog log = chip.activity();
    for (int i = 0; i < log.size(); i++) {
      if (log.stream(i) == ActivityLog.COMPUTE) {
        int id = log.operationId(i);
        starts[id] = log.startPicos(i);
        ends[id] = log.endPicos(i);
        ran[id] = true;
      }
    }
    int optimizer = -1; // the last kernel: the optimizer step, after every pass
    for (int id = 0; id < graph.size(); id++) {
      if (graph.get(id) instanceof Operation.Kernels) {
        optimizer = id;
      }
    }
    List<Draft> drafts = new ArrayList<>();
    Draft current = null;
    boolean closed = false;
    for (int id = 0; id < optimizer; id++) {
      Operation op = graph.get(id);
      if (op instanceof Operation.Recv) {
        if (current == null || !current.kernels.isEmpty() || closed) {
          current = open(drafts);
          closed = false;
        }
        if (!name(current, op.name())) {
          return null;
        }
      } else if (op instanceof Operation.Send) {
        if (current != null && Boolean.FALSE.equals(current.forward) && forward(op.name())) {
          // A backward pass without a send, then a forward without a receive (stage 0): the
          // forward's kernels are those after the backward's last backward kernel.
          current = split(drafts, current, graph);
        }
        if (current == null || !name(current, op.name())) {
          return null;
        }
        closed = true;
      } else if (op instanceof Operation.Kernels) {
        boolean backward = backward(op);
        if (current == null
            || closed
            || (backward && Boolean.TRUE.equals(current.forward) && !current.kernels.isEmpty())) {
          current = open(drafts);
          closed = false;
        }
        if (!ran[id]) {
          return null;
        }
        current.kernels.add(id);
      }
    }
    List<TrainingResult.Pass> passes = new ArrayList<>();
    for (Draft d : drafts) {
      boolean backwardKernel = d.kernels.stream().anyMatch(k -> backward(graph.get(k)));
      if (d.forward == null || d.kernels.isEmpty() || d.forward == backwardKernel) {
        return null;
      }
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (int k : d.kernels) {
        start = Math.min(start, starts[k]);
        end = Math.max(end, ends[k]);
      }
      passes.add(
          new TrainingResult.Pass(
              d.forward ? TrainingResult.Direction.FORWARD : TrainingResult.Direction.BACKWARD,
              d.microBatch,
              start,
              end));
    }
    return passes;
  }

  /** Moves the kernels of {@code d} after its last backward kernel into a new, last draft. */
  private static Draft split(List<Draft> drafts, Draft d, OperationGraph graph) {
    int last = -1;
    for (int i = 0; i < d.kernels.size(); i++) {
      if (backward(graph.get(d.kernels.get(i)))) {
        last = i;
      }
    }
    Draft next = open(drafts);
    List<Integer> tail = d.kernels.subList(last + 1, d.kernels.size());
    next.kernels.addAll(tail);
    tail.clear();
    return next;
  }

  private static boolean backward(Operation op) {
    return op.name().endsWith(" backward");
  }

  private static boolean forward(String sendOrReceive) {
    Matcher m = NAME.matcher(sendOrReceive);
    return m.matches() && m.group(2).equals("activations");
  }

  private static Draft open(List<Draft> drafts) {
    Draft d = new Draft();
    drafts.add(d);
    return d;
  }

  /** Names {@code d} by a send or receive; false if the name disagrees with what it had. */
  private static boolean name(Draft d, String opName) {
    Matcher m = NAME.matcher(opName);
    if (!m.matches()) {
      return false;
    }
    boolean forward = m.group(2).equals("activations");
    int microBatch = Integer.parseInt(m.group(3));
    if ((d.forward != null && d.forward != forward)
        || (d.microBatch >= 0 && d.microBatch != microBatch)) {
      return false;
    }
    d.forward = forward;
    d.microBatch = microBatch;
    return true;
  }
}
