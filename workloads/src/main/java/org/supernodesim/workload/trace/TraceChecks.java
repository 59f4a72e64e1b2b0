package org.supernodesim.workload.trace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The checks every imported trace passes before it runs, whatever its format: each graph is
 * acyclic with no dangling dependency by construction ({@link OperationGraph}, {@link NodeOrder});
 * here the ranks are checked against each other, so that a replay cannot hang on a message or a
 * collective that never comes:
 *
 * <ul>
 *   <li>every peer and group member is a rank of the trace, and a rank is in its own groups;
 *   <li>every send has its receive: as many sends from rank a to rank b with tag t as receives on
 *       b from a with t;
 *   <li>every collective instance (one {@code collectiveId}) has exactly one operation on each
 *       member of its group, all of one kind, size and group.
 * </ul>
 */
public final class TraceChecks {

  /** Builds the error for operation {@code operationId} of {@code rank}, located in its file. */
  @FunctionalInterface
  public interface Origin {
    TraceInputException at(int rank, int operationId, String problem);
  }

  private record Channel(int source, int destination, int tag) {}

  private record Instance(int rank, int operationId, Operation.Collective op) {}

  private TraceChecks() {}

  /** Runs every check; throws the first problem found, in rank then operation order. */
  public static void check(List<OperationGraph> graphs, Origin origin) {
    int ranks = graphs.size();
    // Looked up by key only; problems are found in rank order, so hash order never shows.
    Map<Channel, int[]> sends = new HashMap<>();
    Map<Channel, int[]> receives = new HashMap<>();
    Map<Integer, Instance> first = new HashMap<>();
    Map<Integer, int[]> seen = new HashMap<>();
    for (OperationGraph g : graphs) {
      int r = g.rank();
      for (Operation op : g.operations()) {
        if (op instanceof Operation.Send s) {
          checkPeer(ranks, r, s.id(), s.peer(), origin);
          count(sends, new Channel(r, s.peer(), s.tag()), r, s.id());
        } else if (op instanceof Operation.Recv v) {
          checkPeer(ranks, r, v.id(), v.peer(), origin);
          count(receives, new Channel(v.peer(), r, v.tag()), r, v.id());
        } else if (op instanceof Operation.Collective c) {
          checkGroup(ranks, r, c, origin);
          Instance earlier = first.putIfAbsent(c.collectiveId(), new Instance(r, c.id(), c));
          int[] members = seen.computeIfAbsent(c.collectiveId(), k -> new int[1]);
          members[0]++;
          if (earlier != null && !sameInstance(earlier.op(), c)) {
            throw origin.at(r, c.id(), describe(c) + " does not match rank " + earlier.rank()
                + "'s part in the same collective, " + describe(earlier.op()));
          }
        }
      }
    }
    matchChannels(sends, receives, origin, "send", "receive");
    matchChannels(receives, sends, origin, "receive", "send");
    for (OperationGraph g : graphs) {
      for (Operation op : g.operations()) {
        if (op instanceof Operation.Collective c
            && seen.get(c.collectiveId())[0] != c.group().size()) {
          throw origin.at(g.rank(), c.id(), describe(c) + " is met by "
              + seen.get(c.collectiveId())[0] + " of its " + c.group().size()
              + " members: a member's trace lacks it or has it twice");
        }
      }
    }
  }

  private static void checkPeer(int ranks, int rank, int id, int peer, Origin origin) {
    if (peer < 0 || peer >= ranks || peer == rank) {
      throw origin.at(rank, id, "peer " + peer + " is not another rank of the trace (0.."
          + (ranks - 1) + ")");
    }
  }

  private static void checkGroup(int ranks, int rank, Operation.Collective c, Origin origin) {
    boolean member = false;
    for (int m : c.group()) {
      if (m < 0 || m >= ranks) {
        throw origin.at(rank, c.id(), "group member " + m + " is not a rank of the trace (0.."
            + (ranks - 1) + ")");
      }
      member |= m == rank;
    }
    if (!member) {
      throw origin.at(rank, c.id(), "rank " + rank + " is not in its own group " + c.group());
    }
    if (c.group().stream().distinct().count() != c.group().size()) {
      throw origin.at(rank, c.id(), "group " + c.group() + " lists a rank twice");
    }
  }

  private static void count(Map<Channel, int[]> counts, Channel ch, int rank, int id) {
    // [count, rank, operation] of the first one, to name it if it stays unmatched.
    counts.computeIfAbsent(ch, k -> new int[] {0, rank, id})[0]++;
  }

  private static void matchChannels(
      Map<Channel, int[]> mine, Map<Channel, int[]> theirs, Origin origin, String what,
      String other) {
    Channel worst = null;
    for (Map.Entry<Channel, int[]> e : mine.entrySet()) {
      int[] match = theirs.get(e.getKey());
      if ((match == null ? 0 : match[0]) < e.getValue()[0]
          && (worst == null || order(e.getKey(), mine) < order(worst, mine))) {
        worst = e.getKey(); // the first unmatched in rank, operation order: deterministic
      }
    }
    if (worst != null) {
      int[] m = mine.get(worst);
      int[] t = theirs.get(worst);
      throw origin.at(m[1], m[2], m[0] + " " + what + "(s) from rank " + worst.source()
          + " to rank " + worst.destination() + " with tag " + worst.tag() + " but "
          + (t == null ? 0 : t[0]) + " " + other + "(s): a " + what + " without its " + other);
    }
  }

  private static long order(Channel ch, Map<Channel, int[]> counts) {
    int[] c = counts.get(ch);
    return ((long) c[1] << 32) | c[2];
  }

  private static boolean sameInstance(Operation.Collective a, Operation.Collective b) {
    return a.kind() == b.kind() && a.bytes() == b.bytes() && a.group().equals(b.group())
        && a.sourceBytes().equals(b.sourceBytes());
  }

  private static String describe(Operation.Collective c) {
    return c.kind().label() + " of " + c.bytes() + " B over " + c.group().size() + " ranks";
  }
}
