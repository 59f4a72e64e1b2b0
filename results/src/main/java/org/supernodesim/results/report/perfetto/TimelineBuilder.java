package org.supernodesim.results.report.perfetto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles a {@link Timeline}: processes with fixed tracks (a chip's streams, where slices never
 * overlap by construction) and transfers, each drawn as a send slice, a receive slice and a flow
 * between their starts. Transfers of one kind may overlap in time (a chip sends to two peers at
 * once), so they go on lanes: a transfer takes the first lane of its kind that is free by its start
 * (lanes are numbered in order, slices taken by start time), which keeps every track's slices apart
 * without dropping any. Each flow's points are its two slices' starts: a point then lies inside its
 * own slice exactly (no float sum of start and duration decides it).
 */
public final class TimelineBuilder {
  private final Map<Integer, ProcessDraft> processes = new TreeMap<>();
  private final List<TransferDraft> transfers = new ArrayList<>();

  /** Adds process {@code pid} (>= 1) named {@code name}; tracks come from the calls below. */
  public void process(int pid, String name) {
    if (processes.putIfAbsent(pid, new ProcessDraft(pid, name)) != null) {
      throw new IllegalArgumentException("process " + pid + " added twice");
    }
  }

  /** Adds a fixed track {@code tid} of {@code pid}, whose slices the caller keeps apart. */
  public void track(int pid, int tid, String name) {
    draft(pid).fixed.put(tid, new ArrayList<>());
    draft(pid).names.put(tid, name);
  }

  /** Adds {@code slice} to fixed track {@code tid} of {@code pid}. */
  public void slice(int pid, int tid, Timeline.Slice slice) {
    List<Timeline.Slice> track = draft(pid).fixed.get(tid);
    if (track == null) {
      throw new IllegalArgumentException("process " + pid + " has no track " + tid);
    }
    track.add(slice);
  }

  /** Adds a counter to process {@code pid}, written on its thread {@code tid}. */
  public void counter(int pid, Timeline.Counter counter) {
    draft(pid).counters.add(counter);
  }

  /**
   * Adds a transfer: {@code sent} on a lane of {@code sendTrack} of {@code fromPid}, {@code
   * received} on a lane of {@code receiveTrack} of {@code toPid}, and a flow from the start of the
   * first to the start of the second, all of the category {@link Timeline.Category#TRANSFER}.
   */
  public void transfer(
      int fromPid,
      String sendTrack,
      Timeline.Slice sent,
      int toPid,
      String receiveTrack,
      Timeline.Slice received) {
    if (sent.category() != Timeline.Category.TRANSFER
        || received.category() != Timeline.Category.TRANSFER) {
      throw new IllegalArgumentException("a transfer's slices are of category transfer");
    }
    LaneSlice from = draft(fromPid).lane(sendTrack, sent);
    LaneSlice to = draft(toPid).lane(receiveTrack, received);
    transfers.add(new TransferDraft(sent.name(), from, to));
  }

  /** The timeline: lanes numbered after each process's fixed tracks, flows numbered from 1. */
  public Timeline build() {
    List<Timeline.Process> out = new ArrayList<>();
    for (ProcessDraft p : processes.values()) {
      out.add(p.build());
    }
    List<Timeline.Flow> flows = new ArrayList<>(transfers.size());
    long id = 1;
    for (TransferDraft t : transfers) {
      flows.add(
          new Timeline.Flow(
              id++,
              t.name,
              Timeline.Category.TRANSFER,
              new Timeline.Point(t.from.pid, t.from.tid, t.from.slice.startPicos()),
              new Timeline.Point(t.to.pid, t.to.tid, t.to.slice.startPicos())));
    }
    return new Timeline(out, flows);
  }

  private ProcessDraft draft(int pid) {
    ProcessDraft p = processes.get(pid);
    if (p == null) {
      throw new IllegalArgumentException("no process " + pid);
    }
    return p;
  }

  /** A transfer slice waiting for its lane; its tid is set by {@link ProcessDraft#build}. */
  private static final class LaneSlice {
    final int pid;
    final Timeline.Slice slice;
    final int order;
    int tid = -1;

    LaneSlice(int pid, Timeline.Slice slice, int order) {
      this.pid = pid;
      this.slice = slice;
      this.order = order;
    }
  }

  private record TransferDraft(String name, LaneSlice from, LaneSlice to) {}

  private static final class ProcessDraft {
    final int pid;
    final String name;
    final Map<Integer, List<Timeline.Slice>> fixed = new TreeMap<>();
    final Map<Integer, String> names = new TreeMap<>();
    final Map<String, List<LaneSlice>> laneGroups = new LinkedHashMap<>(); // first seen first
    final List<Timeline.Counter> counters = new ArrayList<>();

    ProcessDraft(int pid, String name) {
      this.pid = pid;
      this.name = name;
    }

    LaneSlice lane(String group, Timeline.Slice slice) {
      List<LaneSlice> members = laneGroups.computeIfAbsent(group, g -> new ArrayList<>());
      LaneSlice s = new LaneSlice(pid, slice, members.size());
      members.add(s);
      return s;
    }

    Timeline.Process build() {
      List<Timeline.Track> tracks = new ArrayList<>();
      fixed.forEach(
          (tid, slices) -> {
            List<Timeline.Slice> sorted = new ArrayList<>(slices);
            sorted.sort(Comparator.comparingLong(Timeline.Slice::startPicos));
            tracks.add(new Timeline.Track(tid, names.get(tid), sorted));
          });
      int nextTid = fixed.isEmpty() ? 0 : ((TreeMap<Integer, ?>) fixed).lastKey() + 1;
      for (Map.Entry<String, List<LaneSlice>> group : laneGroups.entrySet()) {
        List<LaneSlice> byStart = new ArrayList<>(group.getValue());
        byStart.sort(
            Comparator.<LaneSlice>comparingLong(s -> s.slice.startPicos())
                .thenComparingInt(s -> s.order));
        List<Long> laneEnds = new ArrayList<>();
        List<List<Timeline.Slice>> lanes = new ArrayList<>();
        for (LaneSlice s : byStart) {
          int lane = 0;
          // A lane is free once its last slice has ended by this one's start. (A flow at a start
          // equal to the previous slice's end touches both: the same place on the same track.)
          while (lane < laneEnds.size() && laneEnds.get(lane) > s.slice.startPicos()) {
            lane++;
          }
          if (lane == laneEnds.size()) {
            laneEnds.add(0L);
            lanes.add(new ArrayList<>());
          }
          laneEnds.set(lane, s.slice.endPicos());
          lanes.get(lane).add(s.slice);
          s.tid = nextTid + lane;
        }
        for (int lane = 0; lane < lanes.size(); lane++) {
          tracks.add(
              new Timeline.Track(
                  nextTid + lane,
                  lanes.size() == 1 ? group.getKey() : group.getKey() + " (" + (lane + 1) + ")",
                  lanes.get(lane)));
        }
        nextTid += lanes.size();
      }
      return new Timeline.Process(pid, name, tracks, counters);
    }
  }
}
