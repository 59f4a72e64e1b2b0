package org.supernodesim.node.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.interconnect.collective.IsolatedCollective;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The chips of a training step that are simulated as processes: one per pipeline stage (process
 * id = stage), each running the graph of the global rank that stands for its stage. Pipeline
 * transfers go between these processes over the scenario's network; every collective is timed
 * over its real group of global ranks by {@link IsolatedCollective}, once per distinct
 * collective (the cache is only looked up, never iterated, so its order cannot reach a result).
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
      List<OperationGraph> graphs, ComputeCostModel costs, AnalyticalNetwork network,
      int globalRanks) {
    int[] processOfRank = new int[globalRanks];
    java.util.Arrays.fill(processOfRank, -1);
    for (int i = 0; i < graphs.size(); i++) {
      processOfRank[graphs.get(i).rank()] = i;
    }
    Transport transport = new StageTransport(network, processOfRank);
    Map<Key, Long> cache = new ConcurrentHashMap<>();
    CollectiveTiming timing =
        c -> cache.computeIfAbsent(new Key(c.kind().label(), c.algorithm(), c.group(), c.bytes()),
            k -> IsolatedCollective.picos(CollectiveAlgorithm.named(c.algorithm()), c.kind(),
                c.group(), c.bytes(), network));
    List<ChipProcess> chips = new ArrayList<>(graphs.size());
    for (OperationGraph g : graphs) {
      chips.add(new ChipProcess(g.rank(), g, costs, transport, timing));
    }
    return new TrainingCluster(chips, network.minimumLatencyPicos());
  }

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

  private record Key(String kind, String algorithm, List<Integer> group, long bytes) {}

  /** Sends between stage processes; routes over the global ranks. */
  private static final class StageTransport implements Transport {
    private final AnalyticalNetwork network;
    private final int[] processOfRank;

    StageTransport(AnalyticalNetwork network, int[] processOfRank) {
      this.network = network;
      this.processOfRank = processOfRank;
    }

    @Override
    public void send(
        Context context, int source, int destination, long bytes, ChipProcess.Event arrival) {
      int process = processOfRank[destination];
      if (process < 0) {
        throw new IllegalStateException(
            "chip " + source + " sends to rank " + destination + ", which is not simulated");
      }
      Route route = network.route(source, destination);
      context.send(process, AnalyticalNetwork.transferPicos(route, bytes), arrival);
    }

    @Override
    public long lookaheadPicos() {
      return network.minimumLatencyPicos();
    }
  }
}
