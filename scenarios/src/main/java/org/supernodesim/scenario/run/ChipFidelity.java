package org.supernodesim.scenario.run;

import java.util.Locale;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.training.Fidelity;
import org.supernodesim.workload.training.TrainingStep;

/**
 * Which fidelity a training run takes: the one the scenario names, else {@code chip} where its
 * heap estimate is within {@link #DEFAULT_CHIP_BUDGET_BYTES} and {@code stage} where it is not.
 * The default is decided against that fixed budget, not this JVM's heap, so that one scenario runs
 * at one fidelity on every machine (results stay byte-identical). A {@code chip} run, named or by
 * default, whose estimate exceeds this JVM's heap is refused with the estimate ({@link
 * TooLargeForHeap}, exit 3), pointing at {@code stage}.
 *
 * <p>The estimate: the stage graphs are shared, so what grows with the chips is each chip's own
 * state: {@value #BYTES_PER_CHIP} bytes of process, queues and maps, and per operation of its
 * stage's graph {@value #BYTES_PER_OPERATION} bytes (its dependency count, its span in the activity
 * log with the log's doubling slack, the step arrays of a running collective). A bound from below:
 * routes and the flow model's flows in flight come on top.
 */
final class ChipFidelity {
  static final long BYTES_PER_CHIP = 2048;
  static final long BYTES_PER_OPERATION = 64;

  /** The estimate up to which an unnamed fidelity is {@code chip}: a quarter of a 8 GiB heap. */
  static final long DEFAULT_CHIP_BUDGET_BYTES = 2L << 30;

  private ChipFidelity() {}

  /** The fidelity that runs. */
  static Fidelity choose(
      Scenario scenario, TrainingWorkload workload, TrainingStep step, long heapBytes) {
    Fidelity asked = workload.fidelity().orElse(null);
    if (asked == Fidelity.STAGE) {
      return asked;
    }
    if (asked == null && step.job().parallelism().cp() > 2) {
      return Fidelity.STAGE; // chip runs ring attention's hops for cp <= 2 only
    }
    double bytes = estimateBytes(step);
    if (asked == null && bytes > DEFAULT_CHIP_BUDGET_BYTES) {
      return Fidelity.STAGE;
    }
    if (bytes <= heapBytes) {
      return Fidelity.CHIP;
    }
    throw new TooLargeForHeap(
        String.format(
            Locale.ROOT,
            "workload.training.fidelity: chip needs at least %.1f GiB of heap for %d chips"
                + " (%d B per chip and %d B per operation of its stage's graph); this JVM may use"
                + " %.1f GiB: give Java more with SUPERNODE_SIM_JAVA_OPTS=-Xmx%dg, or choose"
                + " fidelity: stage (one process per pipeline stage, closed-form collectives, the"
                + " analytical network)",
            bytes / (1L << 30),
            step.job().parallelism().chips(),
            BYTES_PER_CHIP,
            BYTES_PER_OPERATION,
            heapBytes / (double) (1L << 30),
            (long) Math.ceil(bytes * 1.25 / (1L << 30))));
  }

  /** The heap the chip fidelity's per-chip state needs, in bytes. */
  static double estimateBytes(TrainingStep step) {
    double bytes = 0;
    long perStage = step.job().parallelism().chips() / step.graphs().size();
    for (OperationGraph g : step.graphs()) {
      bytes += (double) perStage * (BYTES_PER_CHIP + (double) BYTES_PER_OPERATION * g.size());
    }
    return bytes;
  }
}
