package org.supernodesim.workload.trace.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.GraphPool;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.TraceChecks;
import org.supernodesim.workload.trace.TraceGraphs;
import org.supernodesim.workload.trace.TraceInputException;
import org.supernodesim.workload.trace.TraceNotes;
import org.supernodesim.workload.trace.text.TextWorkload.Comm;
import org.supernodesim.workload.trace.text.TextWorkload.CommType;
import org.supernodesim.workload.trace.text.TextWorkload.Layer;

/**
 * A text workload laid out on ranks: each rank's graph is the training pass ASTRA-sim 1.0 and
 * SimAI run for it ({@code Workload::iterate_*}), written as operations and dependencies. Compute
 * runs on the compute stream; a collective is issued after the compute before it; a blocking one
 * holds the pass until it is done, a non-blocking one runs beside later compute until something
 * waits for it; each issued collective's layer then waits its update time before the collective
 * counts as done (a {@link Operation.Delay}). See {@link LayerWalk} for the order of each policy.
 */
public final class TextReplay {

  /**
   * How to lay a workload out.
   *
   * @param ranks the number of ranks, if the header does not fix it ({@code all_gpus})
   * @param tickPicos one time unit of the file in picoseconds ({@link TextDialect#TICK_PICOS})
   * @param localRanks the size of ASTRA-sim's first network dimension (HYBRID_DATA_MODEL,
   *     HYBRID_MODEL_DATA and HYBRID_CUSTOMIZED span it), e.g. a scale-up domain's chips
   * @param algorithm the collective algorithm
   * @param passes training passes, each layer's forward waiting for its weight-gradient
   *     collective of the pass before (ASTRA-sim's and SimAI's {@code num_passes})
   */
  public record Options(
      OptionalInt ranks, long tickPicos, OptionalInt localRanks, AlgorithmChoice algorithm,
      int passes) {
    public Options {
      Objects.requireNonNull(algorithm, "algorithm");
      if (tickPicos <= 0 || passes < 1) {
        throw new IllegalArgumentException("tick must be > 0 ps and passes >= 1");
      }
    }

    /** {@code ranks} ranks, 1 ns ticks, no first dimension, automatic algorithms, one pass. */
    public static Options of(int ranks) {
      return new Options(OptionalInt.of(ranks), TextDialect.TICK_PICOS, OptionalInt.empty(),
          AlgorithmChoice.AUTO, 1);
    }

    public Options withLocalRanks(int local) {
      return new Options(ranks, tickPicos, OptionalInt.of(local), algorithm, passes);
    }

    public Options withTickPicos(long picos) {
      return new Options(ranks, picos, localRanks, algorithm, passes);
    }

    public Options withAlgorithm(AlgorithmChoice choice) {
      return new Options(ranks, tickPicos, localRanks, choice, passes);
    }

    public Options withPasses(int n) {
      return new Options(ranks, tickPicos, localRanks, algorithm, n);
    }
  }

  private final TextWorkload workload;
  private final Options options;
  private final Layout layout;
  private final GraphPool pool;
  private final TraceNotes notes;

  private TextReplay(TextWorkload workload, Options options, Layout layout, GraphPool pool) {
    this.workload = workload;
    this.options = options;
    this.layout = layout;
    this.pool = pool;
    this.notes = workload.notes();
  }

  /**
   * Lays {@code workload} out on ranks.
   *
   * @throws TraceInputException (line 1) if the ranks do not divide into the header's groups, or
   *     a policy needs a size nobody gave
   */
  public static TextReplay of(TextWorkload workload, Options options) {
    String file = workload.file();
    int ranks;
    if (workload.headerRanks().isPresent()) {
      ranks = workload.headerRanks().getAsInt();
      if (options.ranks().isPresent() && options.ranks().getAsInt() != ranks) {
        throw TraceInputException.atLine(file, 1, "all_gpus: " + ranks + " but the replay asks"
            + " for " + options.ranks().getAsInt() + " ranks");
      }
    } else if (options.ranks().isPresent()) {
      ranks = options.ranks().getAsInt();
    } else {
      throw TraceInputException.atLine(file, 1, "the header does not give the number of ranks"
          + " (all_gpus:); give it with the replay");
    }
    Policy policy = workload.policy();
    boolean transformer =
        policy == Policy.HYBRID_TRANSFORMER || policy == Policy.HYBRID_TRANSFORMER_FWD_IN_BCKWD;
    if (transformer && workload.modelParallel().isEmpty()) {
      throw TraceInputException.atLine(file, 1, policy.token()
          + " needs model_parallel_NPU_group: N (its tensor-parallel group)");
    }
    int tp = workload.modelParallel().orElse(1);
    int pp = workload.pipelineParallel();
    int ep = workload.expertParallel();
    if (ranks < 1 || ranks % (tp * pp) != 0 || ranks / (tp * pp) % ep != 0) {
      throw TraceInputException.atLine(file, 1, ranks + " ranks do not divide into tensor groups"
          + " of " + tp + " x pipeline stages " + pp + " x expert groups of " + ep);
    }
    boolean needsLocal =
        policy.usesLocalDimension()
            || workload.layers().stream().anyMatch(l -> l.policy().usesLocalDimension());
    int local = options.localRanks().orElse(0);
    if (needsLocal && local == 0) {
      throw TraceInputException.atLine(file, 1, policy.token() + " spans ASTRA-sim's first"
          + " network dimension; give its size (localRanks, e.g. the chips of one scale-up"
          + " domain)");
    }
    if (needsLocal && (local < 1 || ranks % local != 0)) {
      throw TraceInputException.atLine(file, 1, "localRanks " + local + " does not divide the "
          + ranks + " ranks");
    }
    GraphPool pool = new GraphPool();
    return new TextReplay(
        workload, options, new Layout(ranks, tp, pp, ep, Math.max(local, 1), pool), pool);
  }

  /** The number of ranks. */
  public int ranks() {
    return layout.ranks();
  }

  /** Rank {@code rank}'s graph alone (for a look at one rank of a very large workload). */
  public OperationGraph graph(int rank) {
    return new OperationGraph(rank, new LayerWalk(this, rank, new TraceNotes()).operations());
  }

  /**
   * Every rank's walk as one graph and each rank's groups ({@link SharedWalk}): what a cluster
   * of thousands of ranks runs, built in the time of one rank's graph.
   */
  public SharedWalk sharedWalk() {
    return new SharedWalk(
        pool.graph(0, new LayerWalk(this, 0, new TraceNotes()).operations()), layout);
  }

  /**
   * The notes of every rank's walk ({@link #graphs()}'s), without walking more than one: the
   * file's own, then what one walk noted as many times as there are ranks, since every rank walks
   * the same layers over groups of the same sizes (a note's place is a line of the file).
   */
  public List<String> notes() {
    TraceNotes walk = new TraceNotes();
    new LayerWalk(this, 0, walk).operations();
    TraceNotes all = new TraceNotes();
    all.addAll(notes, 1);
    all.addAll(walk, ranks());
    return all.lines();
  }

  /**
   * Every rank's graph, ranks sharing what they have in common, checked against each other.
   *
   * @throws TraceInputException if the ranks' collectives do not match (a bug of the layout)
   */
  public TraceGraphs graphs() {
    List<OperationGraph> graphs = new ArrayList<>(ranks());
    TraceNotes walks = new TraceNotes();
    for (int r = 0; r < ranks(); r++) {
      graphs.add(pool.graph(r, new LayerWalk(this, r, walks).operations()));
    }
    TraceNotes all = new TraceNotes();
    all.addAll(notes, 1);
    all.addAll(walks, 1);
    TraceChecks.check(graphs, (rank, op, problem) ->
        TraceInputException.atLine(workload.file(), lineOf(graphs.get(rank).get(op)), "rank "
            + rank + ": " + problem));
    return new TraceGraphs(workload.dialect().label(), graphs, all.lines());
  }

  private int lineOf(Operation op) {
    for (Layer l : workload.layers()) {
      if (op.name().startsWith(l.name() + " ")) {
        return l.line();
      }
    }
    return 1;
  }

  TextWorkload workload() {
    return workload;
  }

  Options options() {
    return options;
  }

  GraphPool pool() {
    return pool;
  }

  /** The picoseconds of {@code ticks} of the file, refusing what a long cannot hold. */
  long picos(long ticks, Layer layer) {
    if (ticks > Long.MAX_VALUE / options.tickPicos()) {
      throw TraceInputException.atLine(workload.file(), layer.line(), ticks
          + " ticks are beyond what a simulation can represent");
    }
    return ticks * options.tickPicos();
  }

  /**
   * The collective {@code comm} of a pass whose policy spans {@code span}, on {@code rank}; null
   * when nothing is issued (no communication, no group, or a group of one rank).
   */
  Collective collective(
      Comm comm, Span span, boolean weightGradient, int rank, Layer layer, TraceNotes notes) {
    if (comm.type() == CommType.NONE) {
      return null;
    }
    String where = workload.file() + ":" + layer.line();
    if (comm.type() == CommType.BROADCAST) {
      notes.add("BROADCAST takes no time: neither ASTRA-sim nor SimAI parses it", where);
      return null;
    }
    boolean named = span == Span.TP || span == Span.DP; // SimAI's groups: its suffix decides
    if (comm.suffix() != TextWorkload.Suffix.DEFAULT
        && !(named && workload.dialect() == TextDialect.SIMAI)) {
      throw TraceInputException.atLine(workload.file(), layer.line(), "a group suffix ("
          + comm.suffix().text + ") needs a HYBRID_TRANSFORMER policy");
    }
    Span actual = span;
    if (named && workload.dialect() == TextDialect.SIMAI) {
      actual = switch (comm.suffix()) {
        case DEFAULT -> weightGradient ? Span.DP : Span.TP;
        case DP -> Span.DP;
        case EP -> Span.EP;
        case DP_EP -> Span.DP_EP;
      };
    }
    if (actual == Span.NONE) {
      notes.add("a collective the policy gives no group is not issued (as ASTRA-sim does)", where);
      return null;
    }
    List<Integer> group = layout.group(actual, rank);
    if (group.size() < 2) {
      notes.add("collectives over a group of one rank take no time", where);
      return null;
    }
    if (comm.bytes() == 0) {
      notes.add("collectives of 0 bytes take no time", where);
      return null;
    }
    long bytes = comm.bytes();
    if (comm.type() == CommType.ALLGATHER && workload.dialect() == TextDialect.ASTRA_SIM) {
      if (bytes > Long.MAX_VALUE / group.size()) {
        throw TraceInputException.atLine(workload.file(), layer.line(), "ALLGATHER of " + bytes
            + " B per rank is beyond what a simulation can represent");
      }
      bytes *= group.size(); // ASTRA-sim's size is each rank's part; ours the gathered result
    }
    return new Collective(comm.type().kind, group, bytes);
  }

  /** What a pass issues. */
  record Collective(CollectiveKind kind, List<Integer> group, long bytes) {}
}
