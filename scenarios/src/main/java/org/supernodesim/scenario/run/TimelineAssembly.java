package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.supernodesim.node.chip.ActivityLog;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.results.report.perfetto.Timeline.Arg;
import org.supernodesim.results.report.perfetto.TimelineBuilder;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The timeline of a run: each simulated chip a process (pid = rank + 1), each of its streams a
 * track of the operations it ran with their FLOPs, bytes and groups, and each noted transfer a send
 * slice (from its send to its arrival), a receive slice and a flow between them. A collective's
 * step transfer is received at its arrival (a zero-length slice); a pipeline send is received from
 * its arrival until the stage began to use it (the first operation after the matching receive
 * started), which shows data waiting for a busy stage.
 */
final class TimelineAssembly {
  /** Transfers of each chip drawn as flows in a collectives timeline: the first ones it sent. */
  static final int TRANSFERS_PER_CHIP = 64;

  /** A group listed in full up to this many chips, else by its ends and size. */
  private static final int GROUP_LISTED = 16;

  private final List<ChipProcess> chips;
  private final Map<Integer, Stage> byRank = new HashMap<>(); // looked up only, never iterated

  private TimelineAssembly(List<ChipProcess> chips) {
    this.chips = chips;
    for (ChipProcess c : chips) {
      byRank.put(c.rank(), new Stage(c));
    }
  }

  /** The timeline of a run's chip processes and the transfers noted among them. */
  static Timeline of(List<ChipProcess> chips, Optional<TransferLog> transfers) {
    return new TimelineAssembly(chips).build(transfers);
  }

  private Timeline build(Optional<TransferLog> transfers) {
    TimelineBuilder b = new TimelineBuilder();
    int streams = 2;
    for (ChipProcess chip : chips) {
      ActivityLog log = chip.activity();
      for (int i = 0; i < log.size(); i++) {
        streams = Math.max(streams, log.stream(i) + 1);
      }
    }
    for (ChipProcess chip : chips) {
      int pid = pid(chip.rank());
      b.process(pid, "chip " + chip.rank());
      for (int s = 0; s < streams; s++) {
        // A training rank has one stream per communicator after the default one.
        b.track(pid, s, s == 0 ? "compute" : s == 1 ? "communication" : "communicator " + (s - 1));
      }
      ActivityLog log = chip.activity();
      for (int i = 0; i < log.size(); i++) {
        Operation op = chip.graph().get(log.operationId(i));
        b.slice(
            pid,
            log.stream(i),
            new Timeline.Slice(
                op.name(),
                log.stream(i) == ActivityLog.COMPUTE
                    ? Timeline.Category.COMPUTE
                    : Timeline.Category.COMMUNICATION,
                log.startPicos(i),
                log.endPicos(i),
                args(op)));
      }
    }
    transfers.ifPresent(log -> log.entries().forEach(e -> transfer(b, e)));
    return b.build();
  }

  private void transfer(TimelineBuilder b, TransferLog.Entry e) {
    Stage from = byRank.get(e.source());
    Stage to = byRank.get(e.destination());
    if (from == null || to == null) {
      return; // a chip the timeline does not draw (timeline.chips): its flows go with it
    }
    String size = ReportFormat.bytes(e.bytes());
    String sentName = size + " to chip " + e.destination();
    String receivedName = size + " from chip " + e.source();
    long usedAt = e.arrivedAtPicos();
    List<Arg> sentArgs =
        new ArrayList<>(
            List.of(new Arg.Whole("bytes", e.bytes()), new Arg.Whole("to chip", e.destination())));
    List<Arg> receivedArgs =
        new ArrayList<>(
            List.of(new Arg.Whole("bytes", e.bytes()), new Arg.Whole("from chip", e.source())));
    // A collective's steps share one send and one receive track per chip; a pipeline stage's
    // sends get a track per peer (its two neighbours), so activations and gradients read apart.
    String sendTrack = "send";
    String receiveTrack = "receive";
    if (e.arrival() instanceof ChipProcess.MessageArrived m) {
      sendTrack = "send to chip " + e.destination();
      receiveTrack = "receive from chip " + e.source();
      Operation.Send send = from.send(e.destination(), m.tag());
      Operation.Recv receive = to.receive(e.source(), m.tag());
      sentName = send == null ? sentName : send.name() + " to chip " + e.destination();
      if (receive != null) {
        receivedName = receive.name() + " from chip " + e.source();
        usedAt = Math.max(usedAt, to.firstUse(receive.id(), e.arrivedAtPicos()));
      }
    } else if (e.arrival() instanceof ChipProcess.ChunkArrived c) {
      sentArgs.add(new Arg.Whole("step", c.step()));
      receivedArgs.add(new Arg.Whole("step", c.step()));
    }
    b.transfer(
        pid(e.source()),
        sendTrack,
        new Timeline.Slice(
            sentName, Timeline.Category.TRANSFER, e.sentAtPicos(), e.arrivedAtPicos(), sentArgs),
        pid(e.destination()),
        receiveTrack,
        new Timeline.Slice(
            receivedName, Timeline.Category.TRANSFER, e.arrivedAtPicos(), usedAt, receivedArgs));
  }

  /** A chip's pid: its rank + 1, as a pid of 0 is taken by the viewers for their own tracks. */
  static int pid(int rank) {
    return rank + 1;
  }

  /** What a slice shows when selected: its work and, for a collective, its group. */
  private static List<Arg> args(Operation op) {
    if (op instanceof Operation.Kernels k) {
      double flops = 0;
      double bytes = 0;
      for (Kernel kernel : k.kernels()) {
        flops += kernel.flops();
        bytes += kernel.bytes();
      }
      return List.of(
          new Arg.Amount("flops", flops),
          new Arg.Amount("hbm bytes", bytes),
          new Arg.Whole("kernels", k.kernels().size()));
    }
    if (op instanceof Operation.Compute c) {
      return List.of(
          new Arg.Amount("flops", c.flops()),
          new Arg.Amount("hbm bytes", c.bytes()),
          new Arg.Text("precision", c.precision().label()));
    }
    if (op instanceof Operation.Collective c) {
      return List.of(
          new Arg.Text("kind", c.kind().label()),
          new Arg.Whole("bytes", c.bytes()),
          new Arg.Text("algorithm", c.algorithm().label()),
          new Arg.Whole("group size", c.group().size()),
          new Arg.Text("group", group(c.group())));
    }
    return List.of();
  }

  /** {@code 0,1,2,3}, or for a large group {@code 0,8,16,...,376 (48 chips)}. */
  private static String group(List<Integer> ranks) {
    if (ranks.size() <= GROUP_LISTED) {
      return String.join(",", ranks.stream().map(String::valueOf).toList());
    }
    return ranks.get(0)
        + ","
        + ranks.get(1)
        + ","
        + ranks.get(2)
        + ",...,"
        + ranks.get(ranks.size() - 1)
        + " ("
        + ranks.size()
        + " chips)";
  }

  /** A chip's point-to-point operations, found by peer and tag, and when each receive was used. */
  private static final class Stage {
    private final ChipProcess chip;
    private Map<Long, Operation.Send> sends;
    private Map<Long, Operation.Recv> receives;
    private long[] firstUseOfReceive;

    Stage(ChipProcess chip) {
      this.chip = chip;
    }

    Operation.Send send(int peer, int tag) {
      index();
      return sends.get(key(peer, tag));
    }

    Operation.Recv receive(int peer, int tag) {
      index();
      return receives.get(key(peer, tag));
    }

    /** When the first operation waiting on receive {@code id} started, else {@code otherwise}. */
    long firstUse(int id, long otherwise) {
      index();
      return firstUseOfReceive[id] == Long.MAX_VALUE ? otherwise : firstUseOfReceive[id];
    }

    private void index() {
      if (sends != null) {
        return;
      }
      OperationGraph graph = chip.graph();
      sends = new HashMap<>();
      receives = new HashMap<>();
      long[] started = new long[graph.size()];
      Arrays.fill(started, Long.MAX_VALUE);
      ActivityLog log = chip.activity();
      for (int i = 0; i < log.size(); i++) {
        started[log.operationId(i)] = log.startPicos(i);
      }
      firstUseOfReceive = new long[graph.size()];
      Arrays.fill(firstUseOfReceive, Long.MAX_VALUE);
      for (int id = 0; id < graph.size(); id++) {
        Operation op = graph.get(id);
        if (op instanceof Operation.Send s) {
          sends.put(key(s.peer(), s.tag()), s);
        } else if (op instanceof Operation.Recv r) {
          receives.put(key(r.peer(), r.tag()), r);
        }
        for (int dependency : op.dependencies()) {
          if (graph.get(dependency) instanceof Operation.Recv) {
            firstUseOfReceive[dependency] = Math.min(firstUseOfReceive[dependency], started[id]);
          }
        }
      }
    }

    private static long key(int peer, int tag) {
      return ((long) peer << 32) | (tag & 0xffffffffL);
    }
  }
}
