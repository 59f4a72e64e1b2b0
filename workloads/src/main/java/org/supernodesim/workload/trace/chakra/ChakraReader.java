package org.supernodesim.workload.trace.chakra;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.GraphPool;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.NodeOrder;
import org.supernodesim.workload.trace.TraceChecks;
import org.supernodesim.workload.trace.TraceGraphs;
import org.supernodesim.workload.trace.TraceInputException;
import org.supernodesim.workload.trace.TraceNotes;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.AttributeProto;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.GlobalMetadata;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.Node;

/**
 * Reads MLCommons Chakra execution traces (one file per rank, {@code <prefix>.<rank>.et}: a
 * {@code GlobalMetadata}, then {@code Node}s, each prefixed by its varint length, the whole
 * optionally gzipped) into one {@link OperationGraph} per rank, with the meaning ASTRA-sim 2.0
 * gives them (astra-sim {@code workload/Workload.cc}):
 *
 * <ul>
 *   <li>{@code COMP_NODE}: its {@code duration_micros} if not 0 (a {@link Operation.Measured};
 *       the unit is {@link Options#durationUnitPicos}, microseconds as the field's name says and
 *       as ASTRA-sim converts it), else {@code num_ops} over {@code tensor_size} bytes priced by
 *       the chip's cost model (a {@link Operation.Compute}, as ASTRA-sim's roofline mode does),
 *       else no time;
 *   <li>{@code MEM_LOAD_NODE}, {@code MEM_STORE_NODE}: {@code tensor_size} bytes of HBM traffic
 *       (ASTRA-sim sends them to its remote-memory model instead; noted);
 *   <li>{@code COMM_COLL_NODE}: {@code comm_type} over the process group {@code pg_name}
 *       ({@code ""} or {@code "0"}: every rank, as ASTRA-sim), {@code comm_size} bytes per rank
 *       as ASTRA-sim's collectives read it: the whole buffer of an all-reduce, all-to-all,
 *       reduce-scatter, broadcast or reduce, but each rank's own part of an all-gather (so the
 *       gathered result, which is what {@link Operation.Collective#bytes()} counts, is
 *       {@code comm_size} times the group size). {@code BARRIER} is an all-reduce of 0 bytes;
 *       other collectives of 0 bytes move nothing and are dropped (Chakra's text converter writes
 *       one for every NONE; files this simulator wrote keep theirs), as are collectives over a
 *       group of one rank;
 *   <li>{@code COMM_SEND_NODE} / {@code COMM_RECV_NODE}: {@code comm_dst} / {@code comm_src},
 *       {@code comm_size}, {@code comm_tag} (default 0);
 *   <li>{@code METADATA_NODE} and {@code INVALID_NODE} take no time (ASTRA-sim skips them);
 *   <li>{@code data_deps} and {@code ctrl_deps} both order the node after the ones they name.
 * </ul>
 *
 * <p>Process groups come from {@link Options#processGroups} (ASTRA-sim's communicator-group file,
 * {@code {"1": [0, 1, 2, 3], ...}}) or from the file's own GlobalMetadata attributes {@code
 * process_group.NAME} (which {@link ChakraWriter} writes). Collectives of one group are matched
 * across ranks in each rank's execution order: the k-th on a group is one instance.
 *
 * <p>Anything the reader does not model is either refused (a node type it cannot run, a
 * collective it does not have, a truncated or corrupt file: a {@link TraceInputException} naming
 * the file, rank and node) or, where the rest of the trace still means what it says, kept in the
 * result's notes (an unknown attribute, a priority, a CPU operation run on the compute stream).
 */
public final class ChakraReader {

  /**
   * How to read a trace.
   *
   * @param durationUnitPicos the unit of {@code duration_micros} in picoseconds: 1,000,000 (a
   *     microsecond, the schema's) unless the trace's producer meant another
   * @param processGroups the ranks of each process group by name, in group order; groups the
   *     files define in their metadata are added to these
   * @param algorithm the collective algorithm for collectives that do not name one
   */
  public record Options(
      long durationUnitPicos, Map<String, List<Integer>> processGroups,
      AlgorithmChoice algorithm) {
    public static final long MICROSECOND_PICOS = 1_000_000L;

    public Options {
      if (durationUnitPicos <= 0) {
        throw new IllegalArgumentException("duration unit must be > 0 ps: " + durationUnitPicos);
      }
      processGroups = Map.copyOf(processGroups);
      Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Microseconds, no predefined groups, algorithms chosen automatically. */
    public static Options defaults() {
      return new Options(MICROSECOND_PICOS, Map.of(), AlgorithmChoice.AUTO);
    }
  }

  /** Opens a file for reading. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  /** Rank {@code rank}'s trace: {@code name} in messages, {@code opener} to read it. */
  public record RankFile(int rank, String name, Opener opener) {}

  private static final String FORMAT = "chakra";

  private ChakraReader() {}

  /**
   * Reads one file per rank; the files must be ranks 0..n-1, each once.
   *
   * @throws TraceInputException for a missing or duplicated rank, a file that cannot be read, is
   *     truncated or corrupt, a node the reader cannot run, a dependency on a node the file does
   *     not have, a dependency cycle, a send without its receive, or a collective its group does
   *     not all take part in
   */
  public static TraceGraphs read(List<RankFile> files, Options options) {
    List<RankFile> byRank = inRankOrder(files);
    int ranks = byRank.size();
    GraphPool pool = new GraphPool();
    TraceNotes notes = new TraceNotes();
    Instances instances = new Instances();
    List<OperationGraph> graphs = new ArrayList<>(ranks);
    List<long[]> origins = new ArrayList<>(ranks);
    for (RankFile file : byRank) {
      RankReader reader = new RankReader(file, ranks, options, pool, notes, instances);
      graphs.add(reader.read());
      origins.add(reader.nodeIds());
    }
    TraceChecks.check(
        graphs,
        (rank, op, problem) ->
            TraceInputException.atNode(
                byRank.get(rank).name(), rank, origins.get(rank)[op], problem));
    return new TraceGraphs(FORMAT, graphs, notes.lines());
  }

  /**
   * The rank of a file named {@code <prefix>.<rank>.et}, or -1 if {@code fileName} is not one of
   * {@code prefix}'s: how a directory's listing becomes {@link RankFile}s.
   */
  public static int rankOf(String fileName, String prefix) {
    if (!fileName.startsWith(prefix + ".") || !fileName.endsWith(".et")) {
      return -1;
    }
    String middle = fileName.substring(prefix.length() + 1, fileName.length() - 3);
    if (middle.isEmpty() || middle.length() > 9 || !middle.chars().allMatch(Character::isDigit)
        || (middle.length() > 1 && middle.charAt(0) == '0')) {
      return -1;
    }
    return Integer.parseInt(middle);
  }

  private static List<RankFile> inRankOrder(List<RankFile> files) {
    if (files.isEmpty()) {
      throw TraceInputException.inFile("(no file)", "a Chakra trace needs one file per rank");
    }
    TreeMap<Integer, RankFile> byRank = new TreeMap<>();
    for (RankFile f : files) {
      RankFile earlier = byRank.put(f.rank(), f);
      if (earlier != null) {
        throw TraceInputException.inFile(
            f.name(), "rank " + f.rank() + " is also " + earlier.name());
      }
    }
    int expected = 0;
    for (Map.Entry<Integer, RankFile> e : byRank.entrySet()) {
      if (e.getKey() != expected) {
        throw TraceInputException.inFile(
            e.getValue().name(),
            "rank " + expected + " has no file: a trace of " + (byRank.lastKey() + 1)
                + " ranks needs <prefix>.0.et to <prefix>." + byRank.lastKey() + ".et");
      }
      expected++;
    }
    return List.copyOf(byRank.values());
  }

  /** The k-th collective on a group, or an instance the file numbers itself. */
  private record InstanceKey(List<Integer> group, long index) {}

  /**
   * Collective instances across all files: either every collective node carries its own
   * collective_id (files this simulator wrote) or none does, and the k-th collective on a group is
   * one instance, numbered in the order ranks 0, 1, ... meet them.
   */
  private static final class Instances {
    final Map<InstanceKey, Integer> ids = new HashMap<>(); // looked up only, never iterated
    Boolean numbered;
  }

  /** One rank's file, read node by node and turned into its graph. */
  private static final class RankReader {
    private final RankFile file;
    private final int rank;
    private final int ranks;
    private final Options options;
    private final GraphPool pool;
    private final TraceNotes notes;
    private final Instances instances;
    private final Map<String, List<Integer>> groups = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<List<Integer>, long[]> perGroup = new HashMap<>();
    private long[] kept;

    RankReader(
        RankFile file, int ranks, Options options, GraphPool pool, TraceNotes notes,
        Instances instances) {
      this.file = file;
      this.rank = file.rank();
      this.ranks = ranks;
      this.options = options;
      this.pool = pool;
      this.notes = notes;
      this.instances = instances;
      options.processGroups().forEach((name, members) -> groups.put(name, pool.list(members)));
    }

    /** The file's node id of each operation of the graph. */
    long[] nodeIds() {
      return kept;
    }

    OperationGraph read() {
      parse();
      long[] ids = new long[nodes.size()];
      long[][] deps = new long[nodes.size()][];
      for (int i = 0; i < ids.length; i++) {
        Node n = nodes.get(i);
        ids[i] = n.getId();
        deps[i] = dependencies(n);
      }
      int[] order = NodeOrder.order(ids, deps, (node, problem) -> at(node, problem));
      Map<Long, List<Integer>> resolved = new HashMap<>(ids.length * 2);
      List<Operation> ops = new ArrayList<>();
      List<Long> keptIds = new ArrayList<>();
      for (int position : order) {
        Node n = nodes.get(position);
        List<Integer> dependencies = after(deps[position], resolved);
        Operation op = operation(n, ops.size(), dependencies);
        if (op == null) {
          resolved.put(n.getId(), dependencies); // dropped: its dependents wait for its own
        } else {
          resolved.put(n.getId(), pool.single(op.id()));
          ops.add(op); // pooled with the graph
          keptIds.add(n.getId());
        }
      }
      kept = keptIds.stream().mapToLong(Long::longValue).toArray();
      nodes.clear();
      return pool.graph(rank, ops);
    }

    /**
     * The operations a node waits for: those its dependencies resolved to, ascending, each once.
     * One dependency (most nodes) takes its list as it is.
     */
    private List<Integer> after(long[] deps, Map<Long, List<Integer>> resolved) {
      if (deps.length == 1) {
        return resolved.get(deps[0]);
      }
      TreeSet<Integer> after = new TreeSet<>();
      for (long d : deps) {
        after.addAll(resolved.get(d));
      }
      return pool.list(new ArrayList<>(after));
    }

    private void parse() {
      try (InputStream raw = file.opener().open();
          InputStream in = unzipped(new BufferedInputStream(raw))) {
        // One decoder for the whole stream: parseDelimitedFrom would make one (and its buffer)
        // per message, which dominated reading 10,000-node files.
        CodedInputStream coded = CodedInputStream.newInstance(in);
        if (coded.isAtEnd()) {
          throw TraceInputException.atRank(file.name(), rank, "empty file: no GlobalMetadata");
        }
        metadata(delimited(coded, GlobalMetadata.parser()));
        while (!coded.isAtEnd()) {
          nodes.add(delimited(coded, Node.parser()));
        }
      } catch (InvalidProtocolBufferException e) {
        throw corrupt(e);
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    /** The next message, prefixed by its varint length. */
    private static <T> T delimited(CodedInputStream coded, Parser<T> parser) throws IOException {
      int length = coded.readRawVarint32();
      coded.resetSizeCounter(); // the limit is per message, not per file
      int outer = coded.pushLimit(length);
      T message = parser.parseFrom(coded);
      coded.checkLastTagWas(0);
      if (coded.getBytesUntilLimit() != 0) {
        throw new InvalidProtocolBufferException("a message ends before its stated length");
      }
      coded.popLimit(outer);
      return message;
    }

    private TraceInputException corrupt(IOException e) {
      String after =
          nodes.isEmpty()
              ? "in its GlobalMetadata or first node"
              : "after node " + nodes.get(nodes.size() - 1).getId() + " (node " + nodes.size()
                  + " of the file)";
      String what =
          e instanceof InvalidProtocolBufferException && String.valueOf(e.getMessage())
                  .contains("input ended unexpectedly")
              ? "the file ends inside a message (truncated?)"
              : e.getMessage();
      return TraceInputException.atRank(
          file.name(), rank, "truncated or corrupt " + after + ": " + what);
    }

    private static InputStream unzipped(BufferedInputStream in) throws IOException {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in) : in;
    }

    private void metadata(GlobalMetadata meta) {
      for (AttributeProto a : meta.getAttrList()) {
        String name = a.getName();
        if (name.startsWith(OwnAttributes.PROCESS_GROUP_PREFIX)) {
          Attributes one =
              new Attributes(List.of(a), p -> TraceInputException.atRank(file.name(), rank,
                  "GlobalMetadata: " + p));
          List<Integer> members = new ArrayList<>();
          for (long m : one.integers(name)) {
            members.add((int) Math.max(-1, Math.min(m, Integer.MAX_VALUE)));
          }
          groups.put(name.substring(OwnAttributes.PROCESS_GROUP_PREFIX.length()),
              pool.list(members));
        } else if (!name.equals("schema") && !name.equals("input_file")) {
          notes.add("GlobalMetadata attribute " + name + " is not modelled and was ignored",
              file.name());
        }
      }
      if (!meta.getUnknownFields().asMap().isEmpty()) {
        notes.add("GlobalMetadata fields this reader does not know were ignored", file.name());
      }
    }

    private long[] dependencies(Node n) {
      long[] deps = new long[n.getDataDepsCount() + n.getCtrlDepsCount()];
      int k = 0;
      // By index: the lists' iterators would box every id.
      for (int i = 0; i < n.getDataDepsCount(); i++) {
        deps[k++] = n.getDataDeps(i);
      }
      for (int i = 0; i < n.getCtrlDepsCount(); i++) {
        deps[k++] = n.getCtrlDeps(i);
      }
      return deps;
    }

    /** The operation of node {@code n}, or null for a node that takes no time. */
    private Operation operation(Node n, int id, List<Integer> deps) {
      Attributes attrs = new Attributes(n.getAttrList(), p -> at(n.getId(), p));
      noteUnmodelled(n, attrs);
      switch (n.getType()) {
        case COMP_NODE:
          return compute(n, id, deps, attrs);
        case MEM_LOAD_NODE:
        case MEM_STORE_NODE:
          if (!attrs.has("tensor_size")) {
            throw at(n.getId(), n.getType() + " needs a tensor_size (bytes moved)");
          }
          notes.add("memory nodes are priced as tensor_size bytes of HBM traffic (ASTRA-sim"
              + " sends them to its remote-memory model)", where(n));
          return new Operation.Compute(id, deps, n.getName(), 0,
              nonNegative(n, attrs, "tensor_size"), Precision.BF16);
        case COMM_COLL_NODE:
          return collective(n, id, deps, attrs);
        case COMM_SEND_NODE:
          return send(n, id, deps, attrs);
        case COMM_RECV_NODE:
          return receive(n, id, deps, attrs);
        case METADATA_NODE:
          notes.add("METADATA_NODE takes no time; its contents (e.g. PyTorch process groups)"
              + " are not read: give process groups with the trace", where(n));
          return null;
        case INVALID_NODE:
          notes.add("INVALID_NODE takes no time (ASTRA-sim skips it)", where(n));
          return null;
        default:
          throw at(n.getId(), "node type " + typeName(n)
              + " is not one this simulator can run; it runs COMP_NODE,"
              + " MEM_LOAD_NODE, MEM_STORE_NODE, COMM_COLL_NODE, COMM_SEND_NODE,"
              + " COMM_RECV_NODE, and skips METADATA_NODE and INVALID_NODE");
      }
    }

    private static String typeName(Node n) {
      return n.getType() == org.supernodesim.workload.trace.chakra.schema.ChakraSchema.NodeType
          .UNRECOGNIZED ? "number " + n.getTypeValue() : n.getType().name();
    }

    private Operation compute(Node n, int id, List<Integer> deps, Attributes attrs) {
      if (attrs.bool("is_cpu_op", false)) {
        notes.add("CPU operations (is_cpu_op) run on the chip's compute stream", where(n));
      }
      if (attrs.has(OwnAttributes.DELAY_PICOS)) {
        return new Operation.Delay(id, deps, n.getName(),
            nonNegative(n, attrs, OwnAttributes.DELAY_PICOS));
      }
      if (attrs.has(OwnAttributes.DURATION_PICOS)) {
        return new Operation.Measured(id, deps, n.getName(),
            nonNegative(n, attrs, OwnAttributes.DURATION_PICOS));
      }
      if (n.getDurationMicros() != 0) {
        long units = n.getDurationMicros();
        if (units < 0 || units > Long.MAX_VALUE / options.durationUnitPicos()) {
          throw at(n.getId(), "duration_micros " + Long.toUnsignedString(units)
              + " is beyond what a simulation can represent");
        }
        return new Operation.Measured(id, deps, n.getName(), units * options.durationUnitPicos());
      }
      if (attrs.has(OwnAttributes.KERNEL_KINDS)) {
        return kernels(n, id, deps, attrs);
      }
      if (attrs.has("num_ops") || attrs.has("tensor_size")) {
        double flops = attrs.has("num_ops") ? attrs.number("num_ops") : 0;
        double bytes = attrs.has("tensor_size") ? attrs.number("tensor_size") : 0;
        if (flops < 0 || bytes < 0) {
          throw at(n.getId(), "num_ops and tensor_size must be >= 0");
        }
        return new Operation.Compute(id, deps, n.getName(), flops, bytes, precision(n, attrs));
      }
      return new Operation.Measured(id, deps, n.getName(), 0);
    }

    private Operation kernels(Node n, int id, List<Integer> deps, Attributes attrs) {
      List<String> kinds = attrs.strings(OwnAttributes.KERNEL_KINDS);
      List<Double> flops = attrs.doubles(OwnAttributes.KERNEL_FLOPS);
      List<Double> bytes = attrs.doubles(OwnAttributes.KERNEL_BYTES);
      List<Long> dims = attrs.integers(OwnAttributes.KERNEL_DIMENSIONS);
      List<String> precisions = attrs.strings(OwnAttributes.KERNEL_PRECISIONS);
      List<Long> weightDims = attrs.has(OwnAttributes.KERNEL_WEIGHT_DIMENSIONS)
          ? attrs.integers(OwnAttributes.KERNEL_WEIGHT_DIMENSIONS)
          : dims;
      int k = kinds.size();
      if (flops.size() != k || bytes.size() != k || dims.size() != k || precisions.size() != k
          || weightDims.size() != k) {
        throw at(n.getId(), "the kernel_* lists must have one entry per kernel");
      }
      List<Kernel> kernels = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        Kernel.Kind kind =
            choice(n, Kernel.Kind.values(), OwnAttributes::kernelKind, kinds.get(i), "kernel kind");
        Precision p =
            choice(n, Precision.values(), Precision::label, precisions.get(i), "precision");
        try {
          kernels.add(
              new Kernel(kind, flops.get(i), bytes.get(i), dims.get(i), p, weightDims.get(i)));
        } catch (IllegalArgumentException e) {
          throw at(n.getId(), e.getMessage());
        }
      }
      return new Operation.Kernels(id, deps, n.getName(), kernels);
    }

    private Precision precision(Node n, Attributes attrs) {
      return attrs.has(OwnAttributes.PRECISION)
          ? choice(n, Precision.values(), Precision::label,
              attrs.string(OwnAttributes.PRECISION), "precision")
          : Precision.BF16;
    }

    /** The choice whose label is {@code text} (any case), or a located error listing them. */
    private <E> E choice(Node n, E[] values, Function<E, String> label, String text, String what) {
      for (E e : values) {
        if (label.apply(e).equalsIgnoreCase(text)) {
          return e;
        }
      }
      List<String> valid = new ArrayList<>(values.length);
      for (E e : values) {
        valid.add(label.apply(e));
      }
      throw at(n.getId(), "\"" + text + "\" is not a " + what + "; valid: "
          + String.join(", ", valid));
    }

    private Operation collective(Node n, int id, List<Integer> deps, Attributes attrs) {
      long type = attrs.integer("comm_type");
      CollectiveKind kind;
      long size = type == 9 ? 0 : nonNegative(n, attrs, "comm_size");
      switch ((int) Math.max(-1, Math.min(type, 100))) {
        case 0 -> kind = CollectiveKind.ALL_REDUCE;
        case 1 -> kind = CollectiveKind.REDUCE;
        case 2 -> kind = CollectiveKind.ALL_GATHER;
        case 5 -> kind = CollectiveKind.BROADCAST;
        case 6 -> kind = CollectiveKind.ALL_TO_ALL;
        case 7 -> kind = CollectiveKind.REDUCE_SCATTER;
        case 9 -> {
          kind = CollectiveKind.ALL_REDUCE; // a barrier: every rank waits for all, moving nothing
          size = 0;
        }
        default -> throw at(n.getId(), "comm_type " + type + " ("
            + (type == 3 ? "GATHER" : type == 4 ? "SCATTER" : type == 8
                ? "REDUCE_SCATTER_BLOCK" : "unknown")
            + ") is not modelled; modelled: 0 ALL_REDUCE, 1 REDUCE, 2 ALL_GATHER, 5 BROADCAST,"
            + " 6 ALL_TO_ALL, 7 REDUCE_SCATTER, 9 BARRIER");
      }
      List<Integer> group = group(n, attrs);
      if (group.size() < 2) {
        notes.add("collectives over a group of one rank move nothing and were dropped", where(n));
        return null;
      }
      if (size == 0 && type != 9 && !attrs.has(OwnAttributes.COLLECTIVE_ID)) {
        notes.add("collectives of 0 bytes move nothing and were dropped (Chakra's text converter"
            + " writes one for each NONE)", where(n));
        return null;
      }
      if (kind == CollectiveKind.ALL_GATHER) {
        if (size > Long.MAX_VALUE / group.size()) {
          throw at(n.getId(), "comm_size " + size + " is beyond what a simulation can represent");
        }
        size *= group.size(); // ASTRA-sim's comm_size is each rank's part; ours the result
      }
      List<Long> sources = List.of();
      if (attrs.has(OwnAttributes.SOURCE_BYTES)) {
        sources = attrs.integers(OwnAttributes.SOURCE_BYTES);
        if (sources.size() != group.size() || sources.stream().anyMatch(b -> b < 0)) {
          throw at(n.getId(), "source_bytes must give each of the " + group.size()
              + " members' send buffer (>= 0)");
        }
      }
      AlgorithmChoice algorithm =
          attrs.has(OwnAttributes.ALGORITHM)
              ? choice(n, AlgorithmChoice.values(), AlgorithmChoice::label,
                  attrs.string(OwnAttributes.ALGORITHM), "collective algorithm")
              : options.algorithm();
      int collectiveId = instance(n, attrs, group);
      if (attrs.has("comm_priority")) {
        notes.add("comm_priority is not modelled: a chip runs its collectives one at a time in the"
            + " order they become ready", where(n));
      }
      return new Operation.Collective(id, deps, n.getName(), collectiveId, kind, group, size,
          algorithm, sources);
    }

    private List<Integer> group(Node n, Attributes attrs) {
      String name = attrs.has("pg_name") ? attrs.string("pg_name") : "";
      if (name.isEmpty() || name.equals("0")) {
        return world();
      }
      List<Integer> group = groups.get(name);
      if (group == null) {
        throw at(n.getId(), "process group \"" + name + "\" is not defined: give its ranks with"
            + " the trace (ASTRA-sim's communicator-group file) or in the file's GlobalMetadata"
            + " attribute " + OwnAttributes.PROCESS_GROUP_PREFIX + name);
      }
      for (int m : group) {
        if (m < 0 || m >= ranks) {
          throw at(n.getId(), "process group \"" + name + "\" lists rank " + m
              + ", not a rank of this " + ranks + "-rank trace");
        }
      }
      if (!group.contains(rank)) {
        throw at(n.getId(), "process group \"" + name + "\" " + group
            + " does not include rank " + rank + " itself");
      }
      return group;
    }

    private List<Integer> world() {
      List<Integer> all = new ArrayList<>(ranks);
      for (int r = 0; r < ranks; r++) {
        all.add(r);
      }
      return pool.list(all);
    }

    /** The instance id: the file's own collective_id, else the k-th on this group. */
    private int instance(Node n, Attributes attrs, List<Integer> group) {
      boolean has = attrs.has(OwnAttributes.COLLECTIVE_ID);
      if (instances.numbered != null && instances.numbered != has) {
        throw at(n.getId(), "some collective nodes carry " + OwnAttributes.COLLECTIVE_ID
            + " and some do not: all or none must");
      }
      instances.numbered = has;
      if (has) {
        long given = attrs.integer(OwnAttributes.COLLECTIVE_ID);
        if (given < 0 || given > Integer.MAX_VALUE) {
          throw at(n.getId(), "collective_id " + given + " is out of range");
        }
        return (int) given;
      }
      long[] count = perGroup.computeIfAbsent(group, g -> new long[1]);
      InstanceKey key = new InstanceKey(group, count[0]++);
      return instances.ids.computeIfAbsent(key, k -> instances.ids.size());
    }

    private Operation send(Node n, int id, List<Integer> deps, Attributes attrs) {
      if (attrs.integer("comm_src", rank) != rank) {
        throw at(n.getId(), "a send must be issued by its source: comm_src is "
            + attrs.integer("comm_src") + " in rank " + rank + "'s file");
      }
      return new Operation.Send(id, deps, n.getName(), peer(n, attrs, "comm_dst"),
          nonNegative(n, attrs, "comm_size"), tag(n, attrs));
    }

    private Operation receive(Node n, int id, List<Integer> deps, Attributes attrs) {
      if (attrs.integer("comm_dst", rank) != rank) {
        throw at(n.getId(), "a receive must be issued by its destination: comm_dst is "
            + attrs.integer("comm_dst") + " in rank " + rank + "'s file");
      }
      nonNegative(n, attrs, "comm_size"); // required as ASTRA-sim requires it; the send's counts
      return new Operation.Recv(id, deps, n.getName(), peer(n, attrs, "comm_src"), tag(n, attrs));
    }

    private int peer(Node n, Attributes attrs, String name) {
      long peer = attrs.integer(name);
      if (peer < 0 || peer >= ranks || peer == rank) {
        throw at(n.getId(), name + " " + peer + " is not another rank of this " + ranks
            + "-rank trace");
      }
      return (int) peer;
    }

    private int tag(Node n, Attributes attrs) {
      long tag = attrs.integer("comm_tag", 0);
      if (tag < Integer.MIN_VALUE || tag > 0xffffffffL) {
        throw at(n.getId(), "comm_tag " + tag + " does not fit 32 bits");
      }
      return (int) tag;
    }

    private long nonNegative(Node n, Attributes attrs, String name) {
      long v = attrs.integer(name);
      if (v < 0) {
        throw at(n.getId(), name + " must be >= 0: " + v);
      }
      return v;
    }

    private void noteUnmodelled(Node n, Attributes attrs) {
      for (String name : attrs.names()) {
        if (!MODELLED.contains(name) && !Attributes.DESCRIPTIVE.contains(name)) {
          notes.add("attribute " + name + " is not modelled and was ignored", where(n));
        }
      }
      if (attrs.has("involved_dim")) {
        notes.add("involved_dim (ASTRA-sim's network dimensions) is not used: a collective spans"
            + " its process group", where(n));
      }
      if (!n.getUnknownFields().asMap().isEmpty()) {
        notes.add("node fields this reader does not know (numbers "
            + new TreeSet<>(n.getUnknownFields().asMap().keySet()) + ") were ignored", where(n));
      }
    }

    private String where(Node n) {
      return file.name() + " node " + n.getId();
    }

    private TraceInputException at(long node, String problem) {
      return TraceInputException.atNode(file.name(), rank, node, problem);
    }
  }

  /** Attributes the reader uses (or notes on its own terms). */
  private static final java.util.Set<String> MODELLED =
      java.util.Set.of(
          "is_cpu_op", "num_ops", "tensor_size", "comm_type", "comm_size", "comm_src", "comm_dst",
          "comm_tag", "comm_priority", "pg_name", "involved_dim",
          OwnAttributes.DURATION_PICOS, OwnAttributes.DELAY_PICOS, OwnAttributes.PRECISION,
          OwnAttributes.KERNEL_KINDS, OwnAttributes.KERNEL_FLOPS, OwnAttributes.KERNEL_BYTES,
          OwnAttributes.KERNEL_DIMENSIONS, OwnAttributes.KERNEL_PRECISIONS,
          OwnAttributes.ALGORITHM, OwnAttributes.COLLECTIVE_ID, OwnAttributes.SOURCE_BYTES);
}
