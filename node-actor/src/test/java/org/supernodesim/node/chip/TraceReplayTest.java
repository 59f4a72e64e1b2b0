package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.TraceGraphs;
import org.supernodesim.workload.trace.text.TextDialect;
import org.supernodesim.workload.trace.text.SharedWalk;
import org.supernodesim.workload.trace.text.TextReplay;

/**
 * Imported traces run on chips behind one ideal switch (B = 100 GB/s per direction, 500 ns per
 * hop, so alpha = 1 us from chip to chip), their simulated time held to a value computed apart
 * from the graphs: the ring's (or direct all-to-all's) closed form for a microbenchmark, and for a
 * layered workload the sum of its compute plus the collective time left exposed, walking the
 * layers as ASTRA-sim does with each collective's closed form on its group ({@link Expected}).
 */
class TraceReplayTest {
  static final double BYTES_PER_SECOND = 100e9;
  static final long HOP_PICOS = 500_000;
  static final long ALPHA_PICOS = 2 * HOP_PICOS;
  static final ChipSpec CHIP = new ChipSpec("ideal", "measured durations only", Map.of(
      ChipFigure.BF16_DENSE_FLOPS, new Figure.Known(1e15, Confidence.ESTIMATED, "test"),
      ChipFigure.HBM_BANDWIDTH, new Figure.Known(1e12, Confidence.ESTIMATED, "test")));

  /** Runs {@code graphs} on the sequential runtime; returns when the last chip finished. */
  static long run(List<OperationGraph> graphs) {
    return finish(
        ChipCluster.assemble(graphs, new ComputeCostModel(CHIP), transport(graphs.size())));
  }

  /** Runs a shared walk, chip r through its own groups, as {@link #run}. */
  static long run(SharedWalk walk) {
    return finish(shared(walk, ChipCluster.Recording.SPANS));
  }

  /** A shared walk's chips, chip r through its own groups, keeping what {@code recording} says. */
  static ChipCluster shared(SharedWalk walk, ChipCluster.Recording recording) {
    return ChipCluster.assembleShared(walk.graph(), walk.ranks(), rank -> new RankView() {
      @Override
      public List<Integer> group(List<Integer> group) {
        return walk.group(group, rank);
      }

      @Override
      public int peer(int peer) {
        throw new UnsupportedOperationException("a text workload has no point-to-point peers");
      }
    }, new ComputeCostModel(CHIP), transport(walk.ranks()), recording);
  }

  static AnalyticalTransport transport(int chips) {
    return new AnalyticalTransport(new Router(Topology.singleSwitch(chips,
        new LinkSpec(BYTES_PER_SECOND, HOP_PICOS))));
  }

  static long finish(ChipCluster cluster) {
    new SequentialRuntime().run(cluster.simulation());
    cluster.collectiveCount(); // throws if a chip did not finish: a trace that deadlocks
    return cluster.finishedAtPicos();
  }

  @ParameterizedTest(name = "{0}/{1} on {2} NPUs")
  @CsvSource({
    "microbenchmarks, all_reduce, 4, 1MB, 1048576",
    "microbenchmarks, all_reduce, 8, 1MB, 1048576",
    "microbenchmarks, all_reduce, 16, 1MB, 1048576",
    "microbenchmarks, all_gather, 4, 1MB, 1048576",
    "microbenchmarks, all_gather, 8, 1MB, 1048576",
    "microbenchmarks, all_gather, 16, 1MB, 1048576",
    "microbenchmarks, reduce_scatter, 4, 1MB, 1048576",
    "microbenchmarks, reduce_scatter, 8, 1MB, 1048576",
    "microbenchmarks, reduce_scatter, 16, 1MB, 1048576",
    "microbenchmarks, all_to_all, 4, 1MB, 1048576",
    "microbenchmarks, all_to_all, 8, 1MB, 1048576",
    "microbenchmarks, all_to_all, 16, 1MB, 1048576",
    "generated, all_reduce, 64, 1024MB, 1073741824",
    "generated, all_to_all, 64, 64MB, 67108864",
  })
  void aChakraMicrobenchmarkTakesItsClosedForm(
      String group, String kind, int n, String size, long commSize) {
    // Given ASTRA-sim's microbenchmark, ring collectives (direct all-to-all) on one switch.
    AlgorithmChoice algorithm =
        kind.equals("all_to_all") ? AlgorithmChoice.DIRECT : AlgorithmChoice.RING;
    List<OperationGraph> graphs = TraceResources.chakraGraphs(
        TraceResources.microbenchmark(group, kind, n, size), algorithm);

    // When it runs.
    long picos = run(graphs);

    // Then: all-reduce 2(n-1) steps of S/n; reduce-scatter n-1 steps of S/n; all-gather n-1
    // steps of comm_size (each rank's part); all-to-all alpha + (n-1) blocks of S/n through one
    // port. Every size here divides by n; each step rounds to the picosecond once.
    double expected;
    long steps;
    switch (kind) {
      case "all_reduce" -> {
        steps = 2L * (n - 1);
        expected = steps * ring(commSize / n);
      }
      case "reduce_scatter" -> {
        steps = n - 1;
        expected = steps * ring(commSize / n);
      }
      case "all_gather" -> {
        steps = n - 1;
        expected = steps * ring(commSize);
      }
      default -> {
        steps = n - 1;
        expected = ALPHA_PICOS + steps * serialization(commSize / n);
      }
    }
    assertEquals(expected, picos, steps * 1.0,
        kind + " of " + commSize + " B over " + n + ": closed form within 1 ps per step");
  }

  @Test
  void astraSimsMicroAllReduceIsTheRingPlusItsUpdate() {
    // MICRO: the layer's weight-gradient ALLREDUCE of 1048576 B over all 8 ranks, then its
    // update time of 5 ticks (1 ns each); no compute runs.
    List<OperationGraph> graphs = text("astra-sim-text/microAllReduce.txt", TextDialect.ASTRA_SIM,
        TextReplay.Options.of(8).withAlgorithm(AlgorithmChoice.RING)).graphs();
    assertEquals(Expected.ringAllReduce(8, 1_048_576) + 5_000, run(graphs), 14.0,
        "ring all-reduce (14 steps, 1 ps each) + 5 ns");
  }

  @Test
  void astraSimsMicroAllToAllIsTheDirectExchangePlusItsUpdate() {
    // MICRO: an ALLTOALL of 1048576 B per rank over 8 ranks: alpha + 7 blocks of 131072 B through
    // each chip's port, then 5 ns of update.
    List<OperationGraph> graphs = text("astra-sim-text/microAllToAll.txt", TextDialect.ASTRA_SIM,
        TextReplay.Options.of(8).withAlgorithm(AlgorithmChoice.DIRECT)).graphs();
    assertEquals(ALPHA_PICOS + 7 * serialization(131_072) + 5_000, run(graphs), 7.0,
        "direct all-to-all closed form + 5 ns, 1 ps per block");
  }

  @Test
  void simaisMicroAllReduceRunsTwoForwardLayers() {
    // HYBRID_TRANSFORMER_FWD_IN_BCKWD, 8 GPUs in one TP group: forward 556000 ns, all-reduce of
    // 16 MiB (blocking), 1 ns update; again with 64 MiB; then four 1 ns gradient computes.
    List<OperationGraph> graphs =
        text("simai/microAllReduce.txt", TextDialect.SIMAI, new TextReplay.Options(
            java.util.OptionalInt.empty(), TextDialect.TICK_PICOS, java.util.OptionalInt.empty(),
            AlgorithmChoice.RING, 1)).graphs();
    double expected = 2 * 556_000_000.0 + Expected.ringAllReduce(8, 16_777_216)
        + Expected.ringAllReduce(8, 67_108_864) + 2 * 1_000 + 4 * 1_000;
    assertEquals(expected, run(graphs), 28.0, "closed form within 1 ps per ring step");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "astra-sim-text/compute-scaled/Resnet50_DataParallel_ns.txt",
    // As published: compute 1000x longer, so most all-reduces hide under the layers below.
    "astra-sim-text/Resnet50_DataParallel.txt",
  })
  void resNetDataParallelIsItsComputePlusTheExposedAllReduces(String path) {
    // Given ResNet-50 (DATA) on 8 ranks: every weight gradient all-reduced over all 8 while the
    // layers below compute (see Expected.dataParallelPicos).
    List<OperationGraph> graphs =
        text(path, TextDialect.ASTRA_SIM,
            TextReplay.Options.of(8).withAlgorithm(AlgorithmChoice.RING)).graphs();
    Expected.Result expected = Expected.dataParallel(Expected.layers(path), 8, 1_000, true);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        "compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos()
            + " ps; 1 ps per ring step");
  }

  @Test
  void theConvertedResNetTakesItsTextWorkloadsTimeLessUpdates() {
    // Chakra's converter keeps the DATA walk (no input gradient for layer 0) but reads the text's
    // times as microseconds and drops the update times: the same derivation, 1 us per unit, no
    // update, 64 ranks.
    List<OperationGraph> graphs = TraceResources.chakraGraphs(
        TraceResources.chakra("chakra-et/converted/resnet50_ns_64", "resnet50_ns_64", 64),
        AlgorithmChoice.RING);
    Expected.Result expected = Expected.dataParallel(
        Expected.layers("astra-sim-text/compute-scaled/Resnet50_DataParallel_ns.txt"), 64,
        1_000_000, false);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        "compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos() + " ps");
  }

  @Test
  void theHybridTransformerIsItsComputePlusTheExposedCollectives() {
    // Given Transformer_HDM_ns (HYBRID_DATA_MODEL) on 16 ranks, 4 in the first dimension: forward
    // and input-gradient collectives over the 4 of a block, weight-gradient ones over the 4
    // ranks 4 apart (see Expected.hybridPicos).
    String path = "astra-sim-text/compute-scaled/Transformer_HDM_ns.txt";
    List<OperationGraph> graphs = text(path, TextDialect.ASTRA_SIM,
        new TextReplay.Options(java.util.OptionalInt.of(16), TextDialect.TICK_PICOS,
            java.util.OptionalInt.of(4), AlgorithmChoice.RING, 1)).graphs();
    Expected.Result expected = Expected.hybrid(Expected.layers(path), 4, 4, 1_000);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        "compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos() + " ps");
  }

  @ParameterizedTest(name = "{0} on {2} x {3}")
  @CsvSource({
    // path, dialect, tp, dp; the checkpoints of the FWD_IN_BCKWD file: 2, 11; initiating: 19, 10
    "astra-sim-text/Transformer_HybridParallel.txt, ASTRA_SIM, 4, 4",
    "astra-sim-text/Transformer_HybridParallel_Fwd_In_Bckwd.txt, ASTRA_SIM, 4, 2",
    "aicb/G13B-M1-C01_GPT13B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 8, 2",
    "aicb/G13B-M1-C02_GPT13B_megatron_tp8_pp1_mbs1_sp_A100.txt, SIMAI, 8, 2",
    "aicb/G175B-M1-C03_GPT175B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 8, 2",
    "aicb/L65B-M1-C05_Llama65B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 8, 2",
    "aicb/L7B-M1-C04_Llama7B_megatron_tp2_pp1_mbs1_A100.txt, SIMAI, 2, 4",
    "aicb/L7B-D1-C02_Llama7B_deepspeed_zero3_A100.txt, SIMAI, 1, 8",
    "aicb/L65B_D1_C08_Llama65B_deepspeed_zero3_A100.txt, SIMAI, 1, 8",
  })
  void aTransformerWorkloadIsItsComputePlusTheExposedCollectives(
      String path, TextDialect dialect, int tp, int dp) {
    List<OperationGraph> graphs = text(path, dialect, TextReplay.Options.of(tp * dp)
        .withAlgorithm(AlgorithmChoice.RING)).graphs();
    boolean fwdInBckwd = path.contains("Fwd_In_Bckwd");
    Expected.Result expected = Expected.transformer(Expected.layers(path), tp, dp,
        TextDialect.TICK_PICOS, dialect == TextDialect.ASTRA_SIM,
        fwdInBckwd ? new java.util.TreeSet<>(List.of(2, 11)) : new java.util.TreeSet<>(),
        fwdInBckwd ? new java.util.TreeSet<>(List.of(19, 10)) : new java.util.TreeSet<>());
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        path + ": compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos()
            + " ps; 1 ps per ring step");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // path, model group, data group: HYBRID_DATA_MODEL spans the first dimension (4 ranks) for
    // the model, the rest (4) for data; HYBRID_MODEL_DATA the other way; MODEL all 16 ranks and
    // no weight-gradient collective (the file has none).
    "astra-sim-text/MLP_HybridParallel_Data_Model.txt, 4, 4",
    "astra-sim-text/MLP_HybridParallel_Model_Data.txt, 4, 4",
    "astra-sim-text/MLP_ModelParallel.txt, 16, 1",
    "astra-sim-text/compute-scaled/Transformer_HDM_us.txt, 4, 4",
  })
  void aHybridMlpIsItsComputePlusTheExposedCollectives(String path, int model, int data) {
    List<OperationGraph> graphs = text(path, TextDialect.ASTRA_SIM, TextReplay.Options.of(16)
        .withLocalRanks(4).withAlgorithm(AlgorithmChoice.RING)).graphs();
    Expected.Result expected = Expected.hybrid(Expected.layers(path), model, data, 1_000);
    assertEquals(expected.picos(), run(graphs), expected.ringSteps() * 1.0,
        path + ": compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos()
            + " ps");
  }

  @Test
  void simaisMoeLayersAreTheirComputePlusTheExposedCollectivesOn32Ranks() {
    // Given the 1789 layers of SimAI's 9216-GPU MoE workload (HYBRID_TRANSFORMER_FWD_IN_BCKWD,
    // no recomputation) under a header for 32 ranks: TP 2, PP 2, so DP 32 / 4 = 8; EP 4, so
    // DP_EP 8 / 4 = 2. (The file's own header fixes 9216 ranks: 137 million ring steps, more
    // than a unit test's time and heap.) Collectives are chosen by closed form on the one
    // switch: the direct all-to-all; the ring for all-gather and reduce-scatter; all-reduces
    // only over TP (2 ranks), where halving-doubling takes the ring's time.
    String path = "simai/workload_analytical.txt";
    TextReplay replay = TextReplay.of(moeOn32Ranks(path), new TextReplay.Options(
        java.util.OptionalInt.empty(), TextDialect.TICK_PICOS, java.util.OptionalInt.empty(),
        AlgorithmChoice.AUTO, 1));
    Expected.Result expected = Expected.transformer(Expected.layers(path),
        new Expected.Groups(2, 8, 4, 2), TextDialect.TICK_PICOS, false,
        new java.util.TreeSet<>(), new java.util.TreeSet<>());
    String why = path + " on 32: compute " + expected.computePicos() + " ps + exposed "
        + expected.exposedPicos() + " ps; 1 ps per step";

    // Then each rank's own graph, and the one walk all ranks share through their groups, run to
    // the derived time.
    assertEquals(expected.picos(), run(replay.graphs().graphs()), expected.ringSteps() * 1.0, why);
    assertEquals(expected.picos(), run(replay.sharedWalk()), expected.ringSteps() * 1.0, why);
  }

  /**
   * The MoE workload itself on the 9216 chips its header fixes, one shared walk through each
   * chip's groups, the chips keeping totals: 217.6 million events, in a live heap under 1 GiB
   * (README, Trace replay, for the figures). It runs on the actor runtime with both of a CI
   * machine's 2 cores (blocks of 1152 chips), which gives the sequential runtime's result to the
   * picosecond (the runtimes' equivalence tests) in about two thirds of its time.
   */
  @Test
  void simaisNineThousandRankMoeIsItsComputePlusTheExposedCollectives() {
    // Given the file as it is: TP 2, PP 12, so DP 9216 / 24 = 384; EP 16, so DP_EP 384 / 16 = 24.
    String path = "simai/workload_analytical.txt";
    SharedWalk walk = TextReplay.of(TraceResources.text(path, TextDialect.SIMAI),
        new TextReplay.Options(java.util.OptionalInt.empty(), TextDialect.TICK_PICOS,
            java.util.OptionalInt.empty(), AlgorithmChoice.AUTO, 1)).sharedWalk();
    Expected.Result expected = Expected.transformer(Expected.layers(path),
        new Expected.Groups(2, 384, 16, 24), TextDialect.TICK_PICOS, false,
        new java.util.TreeSet<>(), new java.util.TreeSet<>());

    // When its 9216 chips run it.
    ChipCluster cluster = shared(walk, ChipCluster.Recording.TOTALS);
    try (ActorRuntime runtime = new ActorRuntime(2, 1_152)) {
      runtime.run(cluster.simulation());
    }

    // Then every chip finished, at the derived time.
    cluster.collectiveCount(); // throws if a chip did not finish
    assertEquals(expected.picos(), cluster.finishedAtPicos(), expected.ringSteps() * 1.0,
        path + ": compute " + expected.computePicos() + " ps + exposed " + expected.exposedPicos()
            + " ps; 1 ps per step");
  }

  /** The MoE workload's layers under a header for 32 ranks (TP 2, EP 4, PP 2). */
  static org.supernodesim.workload.trace.text.TextWorkload moeOn32Ranks(String path) {
    try (BufferedReader in = TraceResources.lines(path)) {
      StringBuilder text = new StringBuilder();
      String header = in.readLine();
      String smaller = header.replace(" ep: 16 pp: 12 ", " ep: 4 pp: 2 ")
          .replace(" all_gpus: 9216 ", " all_gpus: 32 ");
      if (smaller.equals(header)) {
        throw new IllegalStateException("unexpected header: " + header);
      }
      text.append(smaller).append('\n');
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        text.append(line).append('\n');
      }
      return org.supernodesim.workload.trace.text.TextWorkload.parse(path + " (on 32 ranks)",
          new BufferedReader(new java.io.StringReader(text.toString())), TextDialect.SIMAI);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TraceGraphs text(String path, TextDialect dialect, TextReplay.Options options) {
    return TextReplay.of(TraceResources.text(path, dialect), options).graphs();
  }

  static double ring(long chunkBytes) {
    return serialization(chunkBytes) + ALPHA_PICOS;
  }

  static double serialization(long bytes) {
    return bytes / BYTES_PER_SECOND * 1e12;
  }

  /**
   * Simulated times derived without the simulator: layer lines read as plain text, ASTRA-sim's
   * layer walk as two clocks (the compute stream and the communication stream, which runs one
   * collective at a time in the order they are issued), each collective its closed form on one
   * switch. Kept as functions for the end-to-end replay tests of the scenario layer.
   */
  static final class Expected {
    /** One layer line: compute ticks, communication per pass, update ticks. */
    record Line(long[] ticks, String[] types, long[] bytes, long update) {}

    /** The time and how it splits. */
    record Result(double picos, double computePicos, double exposedPicos, long ringSteps) {}

    static List<Line> layers(String path) {
      List<Line> out = new ArrayList<>();
      try (BufferedReader in = TraceResources.lines(path)) {
        in.readLine();
        int n = Integer.parseInt(in.readLine().strip());
        // A file may promise more layers than it has (AICB's Llama-65B): the tools read the rest
        // as empty layers, which take no time.
        for (String line = in.readLine(); line != null && out.size() < n; line = in.readLine()) {
          String[] t = line.strip().split("\\s+");
          out.add(new Line(
              new long[] {Long.parseLong(t[2]), Long.parseLong(t[5]), Long.parseLong(t[8])},
              new String[] {t[3], t[6], t[9]},
              new long[] {Long.parseLong(t[4]), Long.parseLong(t[7]), Long.parseLong(t[10])},
              Long.parseLong(t[11])));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    /** Ring all-reduce of {@code bytes} over {@code n}: 2(n-1) steps of S/n (S divisible). */
    static double ringAllReduce(int n, long bytes) {
      return 2.0 * (n - 1) * ring(ceilDiv(bytes, n));
    }

    /**
     * A collective of an ASTRA-sim text line over {@code n} ranks on one switch: all-reduce
     * 2(n-1)(S/n/B + alpha), reduce-scatter (n-1)(S/n/B + alpha), all-gather (n-1)(S/B + alpha)
     * with S each rank's part, all-to-all alpha + (n-1) S/n/B. Chunks are the largest whole
     * part, ceil(S/n).
     */
    static double collective(String type, long bytes, int n) {
      return switch (type) {
        case "ALLREDUCE" -> ringAllReduce(n, bytes);
        case "REDUCESCATTER" -> (n - 1) * ring(ceilDiv(bytes, n));
        case "ALLGATHER" -> (n - 1) * ring(bytes);
        case "ALLTOALL" -> ALPHA_PICOS + (n - 1) * serialization(ceilDiv(bytes, n));
        default -> throw new IllegalArgumentException(type);
      };
    }

    static long steps(String type, int n) {
      return type.equals("ALLREDUCE") ? 2L * (n - 1) : n - 1;
    }

    /**
     * DATA on {@code n} ranks: forward of every layer, then from the last layer: weight gradient,
     * its all-reduce issued (it waits for the communication stream), input gradient unless layer
     * 0. A collective's layer is done its update time after it. The pass ends when the last
     * compute and the last update are over.
     */
    static Result dataParallel(List<Line> layers, int n, long tickPicos, boolean updates) {
      double t = 0;
      double compute = 0;
      for (Line l : layers) {
        t += l.ticks()[0] * tickPicos;
      }
      double commFree = 0;
      double done = 0;
      long steps = 0;
      for (int i = layers.size() - 1; i >= 0; i--) {
        Line l = layers.get(i);
        t += l.ticks()[2] * tickPicos;
        if (!l.types()[2].equals("NONE")) {
          commFree = Math.max(t, commFree) + collective(l.types()[2], l.bytes()[2], n);
          steps += steps(l.types()[2], n);
          done = Math.max(done, commFree + (updates ? l.update() * tickPicos : 0));
        }
        if (i > 0) {
          t += l.ticks()[1] * tickPicos;
        }
      }
      compute = t;
      double end = Math.max(t, done);
      return new Result(end, compute, end - compute, steps);
    }

    /**
     * HYBRID_DATA_MODEL on {@code model} x {@code data} ranks: forward of each layer then its
     * collective over the model group, waited for with its update; backward from the last layer:
     * input gradient, its collective (not layer 0's) issued, weight gradient, its collective over
     * the data group issued, then wait for the input-gradient collective and its update.
     */
    static Result hybrid(List<Line> layers, int model, int data, long tickPicos) {
      List<int[]> groups = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        groups.add(new int[] {model, model, data});
      }
      return PolicyWalkReplayTest.hybrid(layers, groups, tickPicos);
    }

    /**
     * HYBRID_TRANSFORMER(_FWD_IN_BCKWD) on {@code tp} x {@code dp} ranks: forward as
     * HYBRID_DATA_MODEL over the tensor group; backward from the last layer: (the forward of the
     * layers from the checkpoint below an initiating layer, again), input gradient, its collective
     * over the tensor group waited for with its update, weight gradient, its collective over the
     * data group issued. BROADCAST and 0-byte or one-rank collectives take no time; an
     * ALLGATHER's size is each rank's part ({@code gatherPerRank}, ASTRA-sim) or the result
     * (SimAI).
     */
    static Result transformer(List<Line> layers, int tp, int dp, long tickPicos,
        boolean gatherPerRank, java.util.TreeSet<Integer> checkpoints,
        java.util.TreeSet<Integer> initiates) {
      return transformer(layers, new Groups(tp, dp, 1, dp), tickPicos, gatherPerRank,
          checkpoints, initiates);
    }

    /**
     * The sizes of SimAI's groups (MockNccl): tensor, data, expert, and data among expert
     * replicas. A type without suffix spans the tensor group in forward and input gradient and
     * the data group in weight gradient; {@code _DP}, {@code _EP}, {@code _DP_EP} name theirs.
     */
    record Groups(int tp, int dp, int ep, int dpEp) {
      int size(String type, int pass) {
        if (type.endsWith("_DP_EP")) {
          return dpEp;
        } else if (type.endsWith("_EP")) {
          return ep;
        } else if (type.endsWith("_DP")) {
          return dp;
        }
        return pass == 2 ? dp : tp;
      }

      /** The collective of {@code type}, its group suffix removed. */
      static String kind(String type) {
        return type.replaceFirst("_(DP_EP|EP|DP)$", "");
      }
    }

    /** As above, each collective over its type's group of {@code groups}. */
    static Result transformer(List<Line> layers, Groups groups, long tickPicos,
        boolean gatherPerRank, java.util.TreeSet<Integer> checkpoints,
        java.util.TreeSet<Integer> initiates) {
      double[] clock = new double[3]; // compute stream, communication stream, last update done
      double[] compute = new double[1];
      long[] steps = new long[1];
      for (int i = 0; i < layers.size(); i++) {
        forwardStep(layers.get(i), groups, tickPicos, gatherPerRank, clock, compute, steps);
      }
      for (int i = layers.size() - 1; i >= 0; i--) {
        if (initiates.contains(i)) {
          for (int j = checkpoints.floor(i); j < i; j++) {
            forwardStep(layers.get(j), groups, tickPicos, gatherPerRank, clock, compute, steps);
          }
        }
        Line l = layers.get(i);
        clock[0] += l.ticks()[1] * tickPicos;
        compute[0] += l.ticks()[1] * tickPicos;
        double c = issue(l, 1, groups, gatherPerRank, clock, steps);
        if (c >= 0) {
          clock[0] = c + l.update() * tickPicos;
        }
        clock[0] += l.ticks()[2] * tickPicos;
        compute[0] += l.ticks()[2] * tickPicos;
        double w = issue(l, 2, groups, gatherPerRank, clock, steps);
        if (w >= 0) {
          clock[2] = Math.max(clock[2], w + l.update() * tickPicos);
        }
      }
      double end = Math.max(clock[0], clock[2]);
      return new Result(end, compute[0], end - compute[0], steps[0]);
    }

    private static void forwardStep(Line l, Groups groups, long tickPicos, boolean gatherPerRank,
        double[] clock, double[] compute, long[] steps) {
      clock[0] += l.ticks()[0] * tickPicos;
      compute[0] += l.ticks()[0] * tickPicos;
      double c = issue(l, 0, groups, gatherPerRank, clock, steps);
      if (c >= 0) {
        clock[0] = c + l.update() * tickPicos;
      }
    }

    /** Queues pass {@code pass}'s collective on the communication stream; -1 if none runs. */
    private static double issue(Line l, int pass, Groups groups, boolean gatherPerRank,
        double[] clock, long[] steps) {
      int n = groups.size(l.types()[pass], pass);
      String type = Groups.kind(l.types()[pass]);
      long bytes = l.bytes()[pass];
      if (type.equals("NONE") || type.equals("BROADCAST") || n < 2 || bytes == 0) {
        return -1;
      }
      long part = type.equals("ALLGATHER") && !gatherPerRank ? ceilDiv(bytes, n) : bytes;
      clock[1] = Math.max(clock[0], clock[1]) + collective(type, part, n);
      steps[0] += steps(type, n);
      return clock[1];
    }

    private static long ceilDiv(long a, long b) {
      return (a + b - 1) / b;
    }
  }
}
