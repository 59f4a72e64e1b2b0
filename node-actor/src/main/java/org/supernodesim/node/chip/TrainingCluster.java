package org.supernodesim.node.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The chips of a training step that are simulated as processes: one per pipeline stage (process
 * id = stage), each running the graph of the global rank that stands for its stage. Pipeline
 * transfers go between these processes over the scenario's network ({@link AnalyticalTransport},
 * ports and all); every collective takes the closed-form time of its algorithm ({@code auto}: the
 * fastest that applies) over its real group of global ranks on the scenario's topology, which is
 * what the algorithm's steps take on that fabric when nothing else is in flight.
 */
public final class TrainingCluster {
  private final List<ChipProcess> chips;
  private final long lookaheadPicos;

  private TrainingCluster(List<ChipProcess> chips, long lookaheadPicos) {
    this.chips = chips;
    this.lookaheadPicos = lookaheadPicos;
  }

  /** One process per graph, in stage order; graphs carry their global ranks. */
  public static TrainingCluster assemble(
      List<OperationGraph> graphs, ComputeCostModel costs, Router router) {
    int[] processOfRank = new int[router.topology().chips()];
    java.util.Arrays.fill(processOfRank, -1);
    for (int i = 0; i < graphs.size(); i++) {
      processOfRank[graphs.get(i).rank()] = i;
    }
    AnalyticalTransport network = new AnalyticalTransport(router);
    Transport transport = new StageTransport(network, processOfRank);
    Collectives collectives = network.collectives();
    // A pure function of the collective, asked once per instance: cached, looked up only.
    Map<Key, Long> picos = new ConcurrentHashMap<>();
    CollectiveTiming timing = c -> picos.computeIfAbsent(
        new Key(c.kind(), c.algorithm(), c.group(), c.bytes()), k -> {
          CollectiveAlgorithm algorithm =
              collectives.resolve(k.kind(), k.algorithm(), k.group(), k.bytes());
          return collectives.estimatePicos(k.kind(), algorithm, k.group(), k.bytes());
        });
    List<ChipProcess> chips = new ArrayList<>(graphs.size());
    for (OperationGraph g : graphs) {
      chips.add(new ChipProcess(g.rank(), g, costs, transport, timing));
    }
    return new TrainingCluster(chips, network.lookaheadPicos());
  }

  private record Key(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> group, long bytes) {}

  public Simulation simulation() {
    return new Simulation(chips, lookaheadPicos);
  }

  /** The processes in stage order. */
  public List<ChipProcess> chips() {
    return chips;
  }

  /**
   * When the last stage finished.
   *
   * @throws IllegalStateException if a stage did not finish its graph (the schedule deadlocks)
   */
  public long finishedAtPicos() {
    long end = 0;
    for (ChipProcess c : chips) {
      if (!c.finished()) {
        throw new IllegalStateException(
            "chip " + c.rank() + " did not finish its operations: the schedule deadlocks");
      }
      end = Math.max(end, c.finishedAtPicos());
    }
    return end;
  }

  /**
   * The analytical transport between stage processes: it routes over global ranks, and the
   * arrival goes to the process simulating the destination rank.
   */
  private static final class StageTransport implements Transport {
    private final AnalyticalTransport network;
    private final int[] processOfRank;

    StageTransport(AnalyticalTransport network, int[] processOfRank) {
      this.network = network;
      this.processOfRank = processOfRank;
    }

    @Override
    public void send(Context context, int source, int destination, Step.Transfer transfer,
        ChipProcess.Event arrival) {
      int process = processOfRank[destination];
      if (process < 0) {
        throw new IllegalStateException(
            "chip " + source + " sends to rank " + destination + ", which is not simulated");
      }
      network.send(SendHook.around(context, (inner, target, delay, payload) ->
          inner.send(process, delay, payload)), source, destination, transfer, arrival);
    }

    @Override
    public Collectives collectives() {
      return network.collectives();
    }

    @Override
    public long lookaheadPicos() {
      return network.lookaheadPicos();
    }
  }
}
