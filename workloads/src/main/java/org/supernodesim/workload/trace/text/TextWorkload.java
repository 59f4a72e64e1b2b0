package org.supernodesim.workload.trace.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.trace.TraceInputException;
import org.supernodesim.workload.trace.TraceNotes;

/**
 * A text workload as ASTRA-sim 1.0 and SimAI/AICB write it, parsed but not yet laid out on ranks.
 * Line 1: the parallelism policy, then options ({@code model_parallel_NPU_group: 8}, SimAI's
 * {@code ep: pp: vpp: ga: all_gpus: pp_comm}, {@code checkpoints: k l1 .. lk
 * checkpoint_initiates: k l1 .. lk}, ASTRA-sim's DLRM last bottom layer); line 2: the number of
 * layers; then one layer per line, tokens separated by blanks: name, a reserved number, then for
 * the forward, input-gradient and weight-gradient passes their compute time, communication type
 * and size in bytes, and last the update time (HYBRID_CUSTOMIZED adds the layer's own policy).
 * {@link TextReplay} turns it into graphs.
 */
public final class TextWorkload {

  /** A communication type of a layer line: what it does, and the group a SimAI suffix names. */
  enum CommType {
    NONE(null),
    ALLREDUCE(CollectiveKind.ALL_REDUCE),
    ALLGATHER(CollectiveKind.ALL_GATHER),
    REDUCESCATTER(CollectiveKind.REDUCE_SCATTER),
    ALLTOALL(CollectiveKind.ALL_TO_ALL),
    /** Parsed by neither tool (they treat it as no communication); kept to be noted. */
    BROADCAST(null);

    final CollectiveKind kind;

    CommType(CollectiveKind kind) {
      this.kind = kind;
    }
  }

  /** A pass's communication: its type, the group its suffix names ({@code null}-free: DEFAULT). */
  record Comm(CommType type, Suffix suffix, long bytes) {}

  /** A SimAI type's group suffix. */
  enum Suffix {
    DEFAULT(""),
    DP("_DP"),
    EP("_EP"),
    DP_EP("_DP_EP");

    final String text;

    Suffix(String text) {
      this.text = text;
    }
  }

  /** One layer line; times in the file's ticks. */
  record Layer(
      String name, int line, long forwardTicks, Comm forward, long inputGradientTicks,
      Comm inputGradient, long weightGradientTicks, Comm weightGradient, long updateTicks,
      Policy policy) {}

  private final String file;
  private final TextDialect dialect;
  private final Policy policy;
  private final OptionalInt modelParallel;
  private final int pipelineParallel;
  private final int expertParallel;
  private final OptionalInt allGpus;
  private final TreeSet<Integer> checkpoints;
  private final TreeSet<Integer> checkpointInitiates;
  private final int dlrmLastBottomLayer;
  private final List<Layer> layers;
  private final TraceNotes notes;

  private TextWorkload(Parser p) {
    this.file = p.file;
    this.dialect = p.dialect;
    this.policy = p.policy;
    this.modelParallel = p.modelParallel;
    this.pipelineParallel = p.pipelineParallel;
    this.expertParallel = p.expertParallel;
    this.allGpus = p.allGpus;
    this.checkpoints = p.checkpoints;
    this.checkpointInitiates = p.initiates;
    this.dlrmLastBottomLayer = p.dlrmLastBottomLayer;
    this.layers = List.copyOf(p.layers);
    this.notes = p.notes;
  }

  /**
   * Parses {@code in}, named {@code file} in messages.
   *
   * @throws TraceInputException naming the line for anything the tools would misread
   */
  public static TextWorkload parse(String file, BufferedReader in, TextDialect dialect) {
    Parser p = new Parser(file, dialect);
    try {
      p.read(in);
    } catch (IOException e) {
      throw TraceInputException.inFile(file, "cannot be read: " + e.getMessage());
    }
    return new TextWorkload(p);
  }

  public String file() {
    return file;
  }

  public TextDialect dialect() {
    return dialect;
  }

  /** The number of layer lines read. */
  public int layerCount() {
    return layers.size();
  }

  /** The policy's name as the file writes it. */
  public String policyName() {
    return policy.token();
  }

  /** The number of ranks the header fixes (SimAI's {@code all_gpus}), if it does. */
  public OptionalInt headerRanks() {
    return allGpus;
  }

  Policy policy() {
    return policy;
  }

  OptionalInt modelParallel() {
    return modelParallel;
  }

  int pipelineParallel() {
    return pipelineParallel;
  }

  int expertParallel() {
    return expertParallel;
  }

  TreeSet<Integer> checkpoints() {
    return checkpoints;
  }

  TreeSet<Integer> checkpointInitiates() {
    return checkpointInitiates;
  }

  int dlrmLastBottomLayer() {
    return dlrmLastBottomLayer;
  }

  List<Layer> layers() {
    return layers;
  }

  TraceNotes notes() {
    return notes;
  }

  /** Reads the lines; keeps its state for the workload. */
  private static final class Parser {
    final String file;
    final TextDialect dialect;
    final TraceNotes notes = new TraceNotes();
    Policy policy;
    OptionalInt modelParallel = OptionalInt.empty();
    int pipelineParallel = 1;
    int expertParallel = 1;
    OptionalInt allGpus = OptionalInt.empty();
    TreeSet<Integer> checkpoints = new TreeSet<>();
    TreeSet<Integer> initiates = new TreeSet<>();
    int dlrmLastBottomLayer = -1;
    int virtualStages = 1;
    int accumulation = 1;
    final List<Layer> layers = new ArrayList<>();

    Parser(String file, TextDialect dialect) {
      this.file = file;
      this.dialect = dialect;
    }

    void read(BufferedReader in) throws IOException {
      String header = in.readLine();
      if (header == null) {
        throw TraceInputException.atLine(file, 1, "empty file: a text workload starts with its"
            + " parallelism policy");
      }
      header(tokens(header));
      String count = in.readLine();
      if (count == null) {
        throw TraceInputException.atLine(file, 2, "the number of layers is missing");
      }
      String[] c = tokens(count);
      if (c.length != 1) {
        throw TraceInputException.atLine(file, 2, "want the number of layers alone on the line,"
            + " found \"" + count.strip() + "\"");
      }
      int promised = (int) number(c[0], 2, "the number of layers", Integer.MAX_VALUE);
      int lineNumber = 2;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        String[] t = tokens(line);
        if (t.length == 0) {
          continue;
        }
        if (layers.size() == promised) {
          notes.add("lines after the " + promised + " layers the header promises are ignored (as"
              + " ASTRA-sim and SimAI read only those)", file + ":" + lineNumber);
          continue;
        }
        layers.add(layer(t, lineNumber));
      }
      if (layers.isEmpty()) {
        throw TraceInputException.atLine(file, lineNumber, "no layer line");
      }
      if (layers.size() < promised) {
        notes.add("the header promises " + promised + " layers but the file has "
            + layers.size() + "; the tools read the missing ones as empty (no time, no"
            + " communication), so " + layers.size() + " are replayed", file + ":2");
      }
      for (int l : checkpoints) {
        checkLayerIndex(l, "checkpoints");
      }
      for (int l : initiates) {
        checkLayerIndex(l, "checkpoint_initiates");
        if (checkpoints.floor(l) == null) {
          throw TraceInputException.atLine(file, 1, "layer " + l + " initiates a recomputation"
              + " but no checkpoint layer is at or below it");
        }
      }
      if ((policy == Policy.HYBRID_DLRM || policy == Policy.HYBRID_DLRM_ENHANCED)
          && (dlrmLastBottomLayer < 0 || dlrmLastBottomLayer >= layers.size())) {
        throw TraceInputException.atLine(file, 1, "a DLRM workload names its last bottom layer"
            + " (0.." + (layers.size() - 1) + ") after the policy");
      }
    }

    private void checkLayerIndex(int l, String key) {
      if (l < 0 || l >= layers.size()) {
        throw TraceInputException.atLine(file, 1, key + " names layer " + l + ", not one of the "
            + layers.size() + " layers (0.." + (layers.size() - 1) + ")");
      }
    }

    private static String[] tokens(String line) {
      String s = line.strip();
      return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    private void header(String[] t) {
      if (t.length == 0) {
        throw TraceInputException.atLine(file, 1, "the parallelism policy is missing; valid: "
            + Policy.tokens());
      }
      policy = Policy.byToken(t[0]);
      if (policy == null) {
        throw TraceInputException.atLine(file, 1, "\"" + t[0] + "\" is not a parallelism policy;"
            + " valid: " + Policy.tokens());
      }
      int i = 1;
      if ((policy == Policy.HYBRID_DLRM || policy == Policy.HYBRID_DLRM_ENHANCED)
          && i < t.length && t[i].chars().allMatch(Character::isDigit)) {
        dlrmLastBottomLayer = (int) number(t[i++], 1, "the DLRM last bottom layer", 1 << 20);
      }
      while (i < t.length) {
        String key = t[i++];
        switch (key) {
          case "model_parallel_NPU_group:" -> modelParallel =
              OptionalInt.of(positive(t, i++, key));
          case "ep:" -> expertParallel = positive(t, i++, key);
          case "pp:" -> pipelineParallel = positive(t, i++, key);
          case "all_gpus:" -> allGpus = OptionalInt.of(positive(t, i++, key));
          case "vpp:" -> virtualStages = positive(t, i++, key);
          case "ga:" -> accumulation = positive(t, i++, key);
          case "pp_comm", "pp_comm:" -> {
            long bytes = number(value(t, i++, key), 1, key, Long.MAX_VALUE);
            if (bytes > 0) {
              notes.add("pp_comm " + bytes + " B (pipeline sends between stages) is not replayed",
                  file + ":1");
            }
          }
          case "DLRM_LAST_BOTTOM_LAYER:" -> dlrmLastBottomLayer =
              (int) number(value(t, i++, key), 1, key, 1 << 20);
          case "checkpoints:" -> i = layerList(t, i, key, checkpoints);
          case "checkpoint_initiates:" -> i = layerList(t, i, key, initiates);
          default -> throw TraceInputException.atLine(file, 1, "\"" + key + "\" is not a header"
              + " key; keys: model_parallel_NPU_group:, ep:, pp:, vpp:, ga:, all_gpus:,"
              + " checkpoints:, checkpoint_initiates:, pp_comm, DLRM_LAST_BOTTOM_LAYER:");
        }
      }
      if (accumulation > 1) {
        notes.add("ga " + accumulation + " (gradient accumulation) is not replayed: each rank runs"
            + " the listed layers once per pass", file + ":1");
      }
      if (pipelineParallel > 1 && virtualStages > 1) {
        notes.add("vpp " + virtualStages + " (virtual pipeline stages) is not replayed",
            file + ":1");
      }
      if (pipelineParallel > 1) {
        notes.add("pp " + pipelineParallel + ": pipeline stages are not replayed: every rank runs"
            + " all listed layers (SimAI's analytical mode adds the bubble by formula)",
            file + ":1");
      }
    }

    private int layerList(String[] t, int i, String key, TreeSet<Integer> into) {
      int count = (int) number(value(t, i++, key), 1, key + " count", 1 << 20);
      for (int k = 0; k < count; k++) {
        into.add((int) number(value(t, i++, key), 1, key + " layer", 1 << 20));
      }
      return i;
    }

    private String value(String[] t, int i, String key) {
      if (i >= t.length) {
        throw TraceInputException.atLine(file, 1, key + " needs a value");
      }
      return t[i];
    }

    private int positive(String[] t, int i, String key) {
      long v = number(value(t, i, key), 1, key, Integer.MAX_VALUE);
      if (v < 1) {
        throw TraceInputException.atLine(file, 1, key + " must be >= 1, found " + v);
      }
      return (int) v;
    }

    private long number(String token, int line, String what, long max) {
      long v;
      try {
        v = Long.parseLong(token);
      } catch (NumberFormatException e) {
        throw TraceInputException.atLine(file, line, what + ": \"" + token
            + "\" is not a whole number");
      }
      if (v < 0 || v > max) {
        throw TraceInputException.atLine(file, line, what + ": " + v + " is out of range (0.."
            + max + ")");
      }
      return v;
    }

    private Layer layer(String[] t, int line) {
      int want = policy == Policy.HYBRID_CUSTOMIZED ? 13 : 12;
      if (t.length != want) {
        throw TraceInputException.atLine(file, line, "a layer line has " + want + " fields (name,"
            + " reserved, then compute time, comm type and size for forward, input gradient and"
            + " weight gradient, then update time"
            + (want == 13 ? ", then the layer's policy" : "") + "), found " + t.length);
      }
      Policy own = policy;
      if (policy == Policy.HYBRID_CUSTOMIZED) {
        own = Policy.byToken(t[12]);
        if (own == null || own == Policy.HYBRID_CUSTOMIZED) {
          throw TraceInputException.atLine(file, line, "\"" + t[12] + "\" is not a layer policy;"
              + " valid: DATA, MODEL, HYBRID_DATA_MODEL, HYBRID_MODEL_DATA");
        }
      }
      return new Layer(
          t[0], line,
          number(t[2], line, "forward compute time", Long.MAX_VALUE), comm(t[3], t[4], line),
          number(t[5], line, "input-gradient compute time", Long.MAX_VALUE),
          comm(t[6], t[7], line),
          number(t[8], line, "weight-gradient compute time", Long.MAX_VALUE),
          comm(t[9], t[10], line),
          number(t[11], line, "update time", Long.MAX_VALUE), own);
    }

    private Comm comm(String type, String size, int line) {
      long bytes = number(size, line, type + " size", Long.MAX_VALUE);
      for (Suffix s : List.of(Suffix.DP_EP, Suffix.EP, Suffix.DP)) { // longest first
        if (type.endsWith(s.text)) {
          if (dialect != TextDialect.SIMAI) {
            throw TraceInputException.atLine(file, line, "\"" + type + "\" names a group the"
                + " SimAI way; read the file as " + TextDialect.SIMAI.label());
          }
          return new Comm(base(type.substring(0, type.length() - s.text.length()), type, line),
              s, bytes);
        }
      }
      return new Comm(base(type, type, line), Suffix.DEFAULT, bytes);
    }

    private CommType base(String name, String written, int line) {
      for (CommType c : CommType.values()) {
        if (c.name().equals(name)) {
          return c;
        }
      }
      throw TraceInputException.atLine(file, line, "\"" + written + "\" is not a communication"
          + " type; valid: NONE, ALLREDUCE, ALLGATHER, REDUCESCATTER, ALLTOALL, BROADCAST"
          + (dialect == TextDialect.SIMAI ? " (SimAI: optionally with _EP, _DP_EP or _DP)" : "")
          + (name.toUpperCase(Locale.ROOT).equals("ALLREDUCEALLTOALL")
              ? "; ALLREDUCEALLTOALL is not modelled" : ""));
    }
  }
}
