package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.supernodesim.node.chip.TraceReplayTest.ALPHA_PICOS;
import static org.supernodesim.node.chip.TraceReplayTest.run;
import static org.supernodesim.node.chip.TraceReplayTest.serialization;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.node.chip.TraceReplayTest.Expected;
import org.supernodesim.node.chip.TraceReplayTest.Expected.Line;
import org.supernodesim.node.chip.TraceReplayTest.Expected.Result;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.text.TextDialect;
import org.supernodesim.workload.trace.text.TextReplay;

/**
 * The layered workloads whose walk differs from {@link TraceReplayTest}'s: ASTRA-sim's DLRM
 * (HYBRID_DLRM), its per-layer policies (HYBRID_CUSTOMIZED) and the transformer Chakra's text
 * converter wrote. Each replays on the same ideal switch (B = 100 GB/s, alpha = 1 us) against a
 * time derived here from the file's numbers alone: the compute stream and the communication stream
 * (one collective at a time, in the order they are issued) walked as the tool that wrote the file
 * walks the layers, each collective its closed form on its group.
 */
class PolicyWalkReplayTest {

  @Test
  void theDlrmIsItsComputePlusTheExposedCollectives() {
    // Given ASTRA-sim's DLRM (HYBRID_DLRM, last bottom layer 4) on 8 ranks, algorithms chosen by
    // closed form: every collective spans all 8 (the embedding's all-to-alls because a DLRM's
    // first layer spans every dimension, the MLPs' weight-gradient all-reduces because the policy
    // gives them the data dimension, which is all of them).
    String path = "astra-sim-text/DLRM_HybridParallel.txt";
    List<OperationGraph> graphs = TraceReplayTest.text(path, TextDialect.ASTRA_SIM,
        TextReplay.Options.of(8)).graphs();

    // Then the time is the DLRM walk's (dlrm below).
    Result expected = dlrm(Expected.layers(path), 4, 8, 1_000);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        "compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos()
            + " ps; 1 ps per step");
  }

  @Test
  void eachLayerOfAHybridCustomizedWorkloadTakesItsOwnGroups() {
    // Given ASTRA-sim's sample of per-layer policies on 16 ranks, 4 in the first dimension:
    // HYBRID_DATA_MODEL layers span the 4 of a block for forward and input gradient and the 4
    // ranks 4 apart for the weight gradient, HYBRID_MODEL_DATA the other way round, DATA all 16
    // for the weight gradient only, MODEL all 16 for forward and input gradient only.
    String path = "astra-sim-text/sample_per_layer_parallel_HybridCustomized.txt";
    List<OperationGraph> graphs = TraceReplayTest.text(path, TextDialect.ASTRA_SIM,
        TextReplay.Options.of(16).withLocalRanks(4).withAlgorithm(AlgorithmChoice.RING))
        .graphs();

    List<Line> layers = Expected.layers(path);
    List<int[]> groups = new ArrayList<>();
    for (String policy : layerPolicies(path)) {
      groups.add(switch (policy) {
        case "HYBRID_DATA_MODEL", "HYBRID_MODEL_DATA" -> new int[] {4, 4, 4};
        case "DATA" -> new int[] {1, 1, 16};
        case "MODEL" -> new int[] {16, 16, 1};
        default -> throw new IllegalArgumentException(policy);
      });
    }
    Result expected = hybrid(layers, groups, 1_000);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        "compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos() + " ps");
  }

  @Test
  void theConvertedTransformerTakesItsTextWorkloadsHybridWalkWithoutUpdates() {
    // Given Chakra's conversion of Transformer_HDM_ns for 64 NPUs: the HYBRID_DATA_MODEL walk
    // (forward collectives waited for; backward input gradient, its collective, weight gradient,
    // its collective, the next input gradient after both), the text's times read as
    // microseconds, no update times, and every collective over all 64 ranks (the converter names
    // no process group, which ASTRA-sim reads as every rank).
    List<OperationGraph> graphs = TraceResources.chakraGraphs(
        TraceResources.chakra("chakra-et/converted/transformer_ns_64", "transformer_ns_64", 64),
        AlgorithmChoice.RING);

    List<Line> layers = new ArrayList<>();
    List<int[]> groups = new ArrayList<>();
    for (Line l : Expected.layers("astra-sim-text/compute-scaled/Transformer_HDM_ns.txt")) {
      layers.add(new Line(l.ticks(), l.types(), l.bytes(), 0));
      groups.add(new int[] {64, 64, 64});
    }
    Result expected = hybrid(layers, groups, 1_000_000);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        "compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos() + " ps");
  }

  /** The policy at the end of each layer line of a HYBRID_CUSTOMIZED file. */
  static List<String> layerPolicies(String path) {
    List<String> out = new ArrayList<>();
    try (BufferedReader in = TraceResources.lines(path)) {
      in.readLine();
      int n = Integer.parseInt(in.readLine().strip());
      for (String line = in.readLine(); line != null && out.size() < n; line = in.readLine()) {
        String[] t = line.strip().split("\\s+");
        out.add(t[t.length - 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The hybrid walk (ASTRA-sim's HYBRID_DATA_MODEL, HYBRID_MODEL_DATA and HYBRID_CUSTOMIZED;
   * Chakra's converter for the first) with each layer's group sizes for forward, input gradient
   * and weight gradient ({@code groups}; 1: not issued): forward of each layer, its collective
   * waited for with its update; backward from the last layer: input gradient, its collective
   * issued (not layer 0's: it has none in these files), weight gradient, its collective issued,
   * then wait for the input-gradient collective and its update.
   */
  static Result hybrid(List<Line> layers, List<int[]> groups, long tickPicos) {
    Clocks c = new Clocks();
    for (int i = 0; i < layers.size(); i++) {
      Line l = layers.get(i);
      c.compute(l.ticks()[0] * tickPicos);
      double f = c.issue(l, 0, groups.get(i)[0], AlgorithmChoice.RING);
      if (f >= 0) {
        c.t = f + l.update() * tickPicos;
      }
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      Line l = layers.get(i);
      c.compute(l.ticks()[1] * tickPicos);
      double g = i > 0 ? c.issue(l, 1, groups.get(i)[1], AlgorithmChoice.RING) : -1;
      c.compute(l.ticks()[2] * tickPicos);
      double w = c.issue(l, 2, groups.get(i)[2], AlgorithmChoice.RING);
      if (w >= 0) {
        c.done = Math.max(c.done, w + l.update() * tickPicos);
      }
      if (g >= 0) {
        c.t = Math.max(c.t, g + l.update() * tickPicos);
      }
    }
    return c.result();
  }

  /**
   * ASTRA-sim's HYBRID_DLRM on {@code n} ranks: forward of each layer, the embedding's (layer 0)
   * all-to-all issued, not waited for until the last bottom layer's forward is done; backward from
   * the last layer: weight gradient, its all-reduce issued; stop at layer 0 (waiting for the
   * embedding's input-gradient all-to-all), else input gradient, and after the input gradient of
   * the first top layer the embedding's input-gradient all-to-all is issued. Every collective
   * spans the {@code n} ranks and is done its layer's update time after it. Algorithms are the
   * ones of least closed-form time on one switch: the direct all-to-all, and for the all-reduce
   * halving-doubling (n a power of two: 2 log2 n steps at the ring's bandwidth term, fewer alphas
   * than the ring's 2(n - 1)).
   */
  static Result dlrm(List<Line> layers, int lastBottom, int n, long tickPicos) {
    Clocks c = new Clocks();
    double embeddingForward = -1;
    for (int i = 0; i < layers.size(); i++) {
      Line l = layers.get(i);
      c.compute(l.ticks()[0] * tickPicos);
      if (i == 0) {
        embeddingForward = c.issue(l, 0, n, AlgorithmChoice.AUTO) + l.update() * tickPicos;
      } else if (i == lastBottom) {
        c.t = Math.max(c.t, embeddingForward);
      }
    }
    double embeddingInputGradient = 0;
    for (int i = layers.size() - 1; i >= 0; i--) {
      Line l = layers.get(i);
      c.compute(l.ticks()[2] * tickPicos);
      double w = c.issue(l, 2, n, AlgorithmChoice.AUTO);
      if (w >= 0) {
        c.done = Math.max(c.done, w + l.update() * tickPicos);
      }
      if (i == 0) {
        c.done = Math.max(c.done, embeddingInputGradient);
        break;
      }
      c.compute(l.ticks()[1] * tickPicos);
      if (i == lastBottom + 1) {
        Line embedding = layers.get(0);
        embeddingInputGradient =
            c.issue(embedding, 1, n, AlgorithmChoice.AUTO) + embedding.update() * tickPicos;
      }
    }
    return c.result();
  }

  /** The compute stream, the communication stream, the last collective's update, the tallies. */
  private static final class Clocks {
    double t;
    double commFree;
    double done;
    double compute;
    long steps;

    void compute(double picos) {
      t += picos;
      compute += picos;
    }

    /**
     * Queues pass {@code pass}'s collective of {@code l} over {@code n} ranks behind the
     * communication stream; returns when it ends, or -1 if none runs (NONE, 0 bytes, one rank).
     */
    double issue(Line l, int pass, int n, AlgorithmChoice algorithm) {
      String type = l.types()[pass];
      long bytes = l.bytes()[pass];
      if (type.equals("NONE") || n < 2 || bytes == 0) {
        return -1;
      }
      double picos;
      if (type.equals("ALLREDUCE") && algorithm == AlgorithmChoice.AUTO) {
        int k = Integer.numberOfTrailingZeros(n);
        picos = 2.0 * k * ALPHA_PICOS + 2.0 * (n - 1) / n * serialization(bytes);
        steps += 2L * k;
      } else {
        picos = Expected.collective(type, bytes, n);
        steps += Expected.steps(type, n);
      }
      commFree = Math.max(t, commFree) + picos;
      return commFree;
    }

    Result result() {
      double end = Math.max(t, done);
      return new Result(end, compute, end - compute, steps);
    }
  }
}
