package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.training.PassStep.Compute;
import org.supernodesim.workload.training.PassStep.Ring;
import org.supernodesim.workload.training.PipelineSchedule.PassTimes;

/**
 * The steps of each pass of the job's layers and of the last chunk's tail (the output head, then
 * the MTP modules), built once and shared by every micro-batch that runs them.
 */
final class PassSteps {
  private final TrainingJob job;
  private final LayerPlan plan;
  private final Map<Integer, List<PassStep>> forward = new HashMap<>();
  private final Map<Integer, List<PassStep>> backward = new HashMap<>();
  private final Map<Integer, List<PassStep>> backwardInput = new HashMap<>();
  private final Map<Integer, List<Kernel>> weights = new HashMap<>();
  private final List<List<PassStep>> tail;

  PassSteps(TrainingJob job, LayerPlan plan) {
    this.job = job;
    this.plan = plan;
    TransformerSpec model = job.model();
    List<List<PassStep>> segments = new ArrayList<>();
    segments.add(List.of(plan.head("head")));
    for (int m = 0; m < model.mtpModules(); m++) {
      List<PassStep> steps = new ArrayList<>();
      steps.add(plan.mtpProjection("mtp " + m + " projection"));
      steps.addAll(plan.forward(model.mtpFfn(), model.layers() + m, "mtp " + m));
      steps.add(plan.head("mtp " + m + " head"));
      segments.add(List.copyOf(steps));
    }
    this.tail = List.copyOf(segments);
  }

  LayerPlan plan() {
    return plan;
  }

  /** The forward of layer {@code layer}. */
  List<PassStep> forward(int layer) {
    return forward.computeIfAbsent(
        layer, l -> plan.forward(job.model().ffnOfLayer(l), l, "layer " + l));
  }

  /** Its backward: whole, or without the weight-gradient GEMMs ({@code inputOnly}). */
  List<PassStep> backward(int layer, boolean inputOnly) {
    return inputOnly
        ? backwardInput.computeIfAbsent(
            layer, l -> plan.backwardInput(forward(l), job.recomputation()))
        : backward.computeIfAbsent(layer, l -> plan.backward(forward(l), job.recomputation()));
  }

  /** Its weight-gradient GEMMs, which a backward of {@code inputOnly} left. */
  List<Kernel> weights(int layer) {
    return weights.computeIfAbsent(layer, l -> plan.weightGradients(forward(l)));
  }

  /** The last chunk's work after its layers: the head, then each MTP module, in forward order. */
  List<List<PassStep>> tail() {
    return tail;
  }

  /** A tail segment's backward (never recomputed: its activations are few and always kept). */
  List<PassStep> tailBackward(List<PassStep> segment, boolean inputOnly) {
    return inputOnly
        ? plan.backwardInput(segment, Recomputation.NONE)
        : plan.backward(segment, Recomputation.NONE);
  }

  /**
   * The compute of one micro-batch's pass through chunk {@code chunk}, in the unit of {@code
   * seconds}: forward, whole backward (full recomputation's forward included) and its
   * weight-gradient part.
   */
  PassTimes times(int chunk, ToDoubleFunction<Kernel> seconds) {
    int[] range = job.chunkLayers(chunk);
    double f = 0;
    double b = 0;
    double w = 0;
    for (int layer = range[0]; layer < range[1]; layer++) {
      f += sum(forward(layer), seconds);
      b += sum(backward(layer, false), seconds);
      if (job.recomputation() == Recomputation.FULL) {
        b += sum(forward(layer), seconds);
      }
      w += weights(layer).stream().mapToDouble(seconds).sum();
    }
    if (chunk == 0) {
      double embedding = sum(List.of(plan.embedding()), seconds);
      f += embedding;
      b += embedding;
    }
    if (chunk == job.chunks() - 1) {
      for (List<PassStep> segment : tail) {
        f += sum(segment, seconds);
        b += sum(tailBackward(segment, false), seconds);
        w += plan.weightGradients(segment).stream().mapToDouble(seconds).sum();
      }
    }
    return new PassTimes(f, b, w);
  }

  private static double sum(List<PassStep> steps, ToDoubleFunction<Kernel> seconds) {
    double total = 0;
    for (PassStep s : steps) {
      if (s instanceof Compute c) {
        total += c.kernels().stream().mapToDouble(seconds).sum();
      } else if (s instanceof Ring r) {
        total += r.blocks() * r.block().kernels().stream().mapToDouble(seconds).sum();
      }
    }
    return total;
  }
}
