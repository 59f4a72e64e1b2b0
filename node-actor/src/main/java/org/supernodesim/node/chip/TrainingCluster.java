package org.supernodesim.node.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.training.RankLayout;

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
  private final List<ChipProcess> stages;
  private final Transport transport;

  private TrainingCluster(
      List<ChipProcess> chips, List<ChipProcess> stages, Transport transport) {
    this.chips = chips;
    this.stages = stages;
    this.transport = transport;
  }

  /**
   * Every chip a process (process id = global rank): each runs its stage's graph ({@code
   * stageGraphs}, written for the stage's representative) through {@code layout}'s translation to
   * its own groups and peers, so a stage's ranks share one graph. Each collective runs as its
   * algorithm's steps through {@code transport} on the stream of its group, except one whose group
   * spans pipeline stages (the ranks of two stages holding the same chunk under DualPipe, the tied
   * embedding's pair): the stages' graphs issue those in orders of their own, so such a collective
   * takes its closed form, as under the stage fidelity.
   */
  public static TrainingCluster assembleChips(
      List<OperationGraph> stageGraphs, RankLayout layout, ComputeCostModel costs,
      Transport transport) {
    Collectives collectives = transport.collectives();
    // Per stage graph, per operation: how its collective runs, decided once for the stage's ranks.
    List<CollectiveTiming> timings = new ArrayList<>(stageGraphs.size());
    for (OperationGraph g : stageGraphs) {
      long[] picos = new long[g.size()];
      for (int id = 0; id < g.size(); id++) {
        picos[id] = g.get(id) instanceof Operation.Collective c
            ? stepsOrClosedForm(c, layout, collectives)
            : CollectiveTiming.STEPS;
      }
      timings.add(c -> picos[c.id()]);
    }
    int n = Math.toIntExact(layout.parallelism().chips());
    List<ChipProcess> chips = new ArrayList<>(n);
    List<ChipProcess> stages = new ArrayList<>(stageGraphs.size());
    Map<List<Integer>, List<Integer>> groups = new ConcurrentHashMap<>();
    for (int rank = 0; rank < n; rank++) {
      int stage = layout.stageOf(rank);
      OperationGraph graph = stageGraphs.get(stage);
      RankView view =
          rank == graph.rank() ? RankView.IDENTITY : new LayoutView(layout, rank, groups);
      ChipProcess chip =
          new ChipProcess(rank, graph, costs, transport, timings.get(stage), view);
      chips.add(chip);
      if (rank == graph.rank()) {
        stages.add(chip);
      }
    }
    return new TrainingCluster(chips, stages, transport);
  }

  /** Steps through the transport, or the closed form for a group that spans stages. */
  private static long stepsOrClosedForm(
      Operation.Collective c, RankLayout layout, Collectives collectives) {
    int stage = layout.stageOf(c.group().get(0));
    for (int member : c.group()) {
      if (layout.stageOf(member) != stage) {
        CollectiveAlgorithm algorithm =
            collectives.resolve(c.kind(), c.algorithm(), c.group(), c.busiestBytes());
        return collectives.estimatePicos(c.kind(), algorithm, c.group(), c.busiestBytes());
      }
    }
    return CollectiveTiming.STEPS;
  }

  /**
   * A rank's view of its stage representative's graph, through the layout. The last groups it
   * mapped are kept, since a chip meets the same few groups collective after collective.
   */
  private static final class LayoutView implements RankView {
    private static final int GROUPS_KEPT = 4;

    private final RankLayout layout;
    private final int rank;
    // The groups it mapped last, by identity of the representative's list (a stage graph's
    // collectives of one kind share one list), replaced round-robin: a chip alternates between a
    // few groups (tensor, data, expert parallel) collective after collective. The mapped lists
    // are immutable, so the collectives' caches take them as they are instead of copying them.
    private final List<?>[] asked = new List<?>[GROUPS_KEPT];
    @SuppressWarnings("unchecked") // holds only List<Integer>
    private final List<Integer>[] mapped = new List[GROUPS_KEPT];
    private int nextSlot;
    // Every view's mapped groups, each kept once: the members of a group share one list (one set
    // of boxed ranks) instead of a copy each, which a step reads per transfer and a collective's
    // caches compare.
    private final Map<List<Integer>, List<Integer>> groups;

    LayoutView(RankLayout layout, int rank, Map<List<Integer>, List<Integer>> groups) {
      this.layout = layout;
      this.rank = rank;
      this.groups = groups;
    }

    @Override
    public List<Integer> group(List<Integer> group) {
      for (int i = 0; i < GROUPS_KEPT; i++) {
        if (asked[i] == group) {
          return mapped[i];
        }
      }
      int slot = nextSlot;
      nextSlot = (slot + 1) % GROUPS_KEPT;
      List<Integer> translated = List.copyOf(layout.translate(group, rank));
      List<Integer> kept = groups.putIfAbsent(translated, translated);
      mapped[slot] = kept != null ? kept : translated;
      asked[slot] = group;
      return mapped[slot];
    }

    @Override
    public int peer(int peer) {
      return layout.translatePeer(peer, rank);
    }
  }

  /** One process per graph, in stage order; graphs carry their global ranks. */
  public static TrainingCluster assemble(
      List<OperationGraph> graphs, ComputeCostModel costs, Router router) {
    return assemble(graphs, costs, router, NetworkModel.ANALYTICAL, UnaryOperator.identity());
  }

  /**
   * As above, the pipeline's transfers on {@code model} (the flow model shares links among them
   * only: collectives keep their closed forms), the stages' transport wrapped by {@code wrap} (to
   * note the pipeline's transfers).
   */
  public static TrainingCluster assemble(
      List<OperationGraph> graphs, ComputeCostModel costs, Router router, NetworkModel model,
      UnaryOperator<Transport> wrap) {
    int[] processOfRank = new int[router.topology().chips()];
    java.util.Arrays.fill(processOfRank, -1);
    for (int i = 0; i < graphs.size(); i++) {
      processOfRank[graphs.get(i).rank()] = i;
    }
    Transport network =
        model == NetworkModel.FLOW
            ? new FlowTransport(router, processOfRank)
            : new StageTransport(new AnalyticalTransport(router), processOfRank);
    Transport transport = wrap.apply(network);
    Collectives collectives = network.collectives();
    // A pure function of the collective, asked once per instance: cached, looked up only.
    Map<Key, Long> picos = new ConcurrentHashMap<>();
    // An uneven all-to-all takes its busiest member's closed form: the stage fidelity prices
    // every rank as the busiest expert rank, which is what sets the time at the chip fidelity.
    CollectiveTiming timing = c -> picos.computeIfAbsent(
        new Key(c.kind(), c.algorithm(), c.group(), c.busiestBytes()), k -> {
          CollectiveAlgorithm algorithm =
              collectives.resolve(k.kind(), k.algorithm(), k.group(), k.bytes());
          return collectives.estimatePicos(k.kind(), algorithm, k.group(), k.bytes());
        });
    List<ChipProcess> chips = new ArrayList<>(graphs.size());
    for (OperationGraph g : graphs) {
      chips.add(new ChipProcess(g.rank(), g, costs, transport, timing));
    }
    return new TrainingCluster(chips, chips, transport);
  }

  private record Key(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> group, long bytes) {}

  public Simulation simulation() {
    List<LogicalProcess<?>> processes = new ArrayList<>(chips);
    processes.addAll(transport.processes());
    return new Simulation(processes, transport.lookaheadPicos());
  }

  /** Every simulated chip, by process id: one per stage, or every rank. */
  public List<ChipProcess> chips() {
    return chips;
  }

  /** Each stage's representative, in stage order. */
  public List<ChipProcess> stages() {
    return stages;
  }

  /** What the network did: bytes per tier, the {@code limit} busiest links (flow model). */
  public NetworkResult networkResult(NetworkModel model, int limit) {
    return new NetworkResult(
        model, transport.bytesPerTier(), transport.busiestLinks(limit), List.of());
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

    @Override
    public Map<String, Long> bytesPerTier() {
      return network.bytesPerTier();
    }
  }
}
