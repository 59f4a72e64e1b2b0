package org.supernodesim.results.report.perfetto;

import java.util.List;

/**
 * What the chips did, as a timeline draws it: processes (one per chip, pid from 1), each with
 * tracks (threads) of slices, and flows from a slice on one track to a slice on another. Built by
 * {@link TimelineBuilder}, written by {@link ChromeTrace}.
 *
 * @param processes in pid order
 * @param flows in id order
 */
public record Timeline(List<Process> processes, List<Flow> flows) {
  public Timeline {
    processes = List.copyOf(processes);
    flows = List.copyOf(flows);
  }

  /**
   * A slice's kind, its {@code cat} in the trace: a viewer filters by it, and a flow binds only to
   * slices of its own category.
   */
  public enum Category {
    COMPUTE("compute"),
    COMMUNICATION("communication"),
    /** One transfer's send and receive slices, and the flow between them. */
    TRANSFER("transfer");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * A process: one chip, pid = rank + 1, or one serving instance, pid = its first chip + 1 (a pid
   * of 0 is reserved by the viewers); its counters are drawn as value tracks under it.
   */
  public record Process(int pid, String name, List<Track> tracks, List<Counter> counters) {
    public Process {
      if (pid < 1) {
        throw new IllegalArgumentException(name + ": pid must be >= 1: " + pid);
      }
      tracks = List.copyOf(tracks);
      counters = List.copyOf(counters);
    }

    /** A process without counters. */
    public Process(int pid, String name, List<Track> tracks) {
      this(pid, name, tracks, List.of());
    }
  }

  /**
   * A value over time, e.g. a serving instance's running batch: each point holds until the next.
   * Written on thread {@code tid} (named by its track), so every event has a named thread.
   */
  public record Counter(String name, int tid, List<CounterPoint> points) {
    public Counter {
      points = List.copyOf(points);
    }
  }

  /** A counter's value from {@code atPicos} on. */
  public record CounterPoint(long atPicos, double value) {}

  /** One thread of a process: its slices never overlap (a viewer nests slices by time). */
  public record Track(int tid, String name, List<Slice> slices) {
    public Track {
      slices = List.copyOf(slices);
    }
  }

  /** One operation on a track, from its start to its end. */
  public record Slice(
      String name, Category category, long startPicos, long endPicos, List<Arg> args) {
    public Slice {
      if (endPicos < startPicos) {
        throw new IllegalArgumentException(
            name + ": ends at " + endPicos + " ps before it starts" + " at " + startPicos + " ps");
      }
      args = List.copyOf(args);
    }
  }

  /** A value shown with a slice when it is selected: bytes, FLOPs, a group, a peer. */
  public sealed interface Arg {
    String key();

    /** A whole number: bytes, a chip, a step. */
    record Whole(String key, long value) implements Arg {}

    /** A real number: FLOPs of a pass. */
    record Amount(String key, double value) implements Arg {}

    /** Text: a group of chips, a collective's kind and algorithm. */
    record Text(String key, String value) implements Arg {}
  }

  /**
   * An arrow from a point inside one slice to a point inside another, both slices of the flow's
   * category; each point is its slice's start, so that it lies inside the slice exactly.
   */
  public record Flow(long id, String name, Category category, Point from, Point to) {}

  /** A time on one track of one process. */
  public record Point(int pid, int tid, long atPicos) {}
}
