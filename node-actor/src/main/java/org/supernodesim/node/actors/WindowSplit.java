package org.supernodesim.node.actors;

/**
 * Whether a window's actors are spread over every dispatcher thread ("wide") or all run on the
 * thread that merged the last window ("narrow"), chosen by measuring both on the run itself.
 *
 * <p>Why measure: on the project's 2-core machine (a virtual machine on a shared host) the same
 * run of the 384-chip ring, actor-per-chip on 2 threads, read 1.6-2.1 M events/s in some minutes
 * and 3.5-4.6 M in others, while on one thread it read 2.4-2.8 M throughout (bench engine,
 * alternating, 2026-12-04): whether two threads beat one depends on how the host runs the two
 * cores at the time, which the program cannot know in advance. So the windows alternate: {@link
 * #PROBE_WINDOWS} windows wide, as many narrow, then {@link #KEEP_WINDOWS} windows the faster way
 * (events handled per nanosecond of wall time, merge included), then probe again. A run keeps
 * within a probe's cost of the better of the two, whichever the host gives.
 *
 * <p>Which thread runs which actor never reaches a result (see {@link Windows}); only the time
 * taken depends on it. Touched only by the merging thread of each window (see {@link Windows}).
 */
final class WindowSplit {
  /** Windows run each way per probe: enough to average out a window's noise (~0.1 ms each). */
  static final int PROBE_WINDOWS = 32;

  /** Windows run the chosen way between probes: probing costs at most 1/8 of the run. */
  static final int KEEP_WINDOWS = 15 * 2 * PROBE_WINDOWS;

  private enum Phase {
    PROBE_WIDE,
    PROBE_NARROW,
    KEEP
  }

  private final boolean canSplit;
  private Phase phase = Phase.PROBE_WIDE;
  private int windowsLeft = PROBE_WINDOWS;
  private boolean wideNow = true; // the way the window in flight runs
  private boolean keepWide = true;
  private long wideEvents;
  private long wideNanos;
  private long narrowEvents;
  private long narrowNanos;
  private long openedAtNanos = -1;
  private long wideWindows;
  private long narrowWindows;

  /** A split over {@code threads} dispatcher threads; with one there is nothing to choose. */
  WindowSplit(int threads) {
    this.canSplit = threads > 1;
  }

  /**
   * Called as the merger opens a window, at {@code nowNanos}, with the events the window before
   * it handled: whether the window opening now runs wide.
   */
  boolean openWide(long eventsOfLastWindow, long nowNanos) {
    if (!canSplit) {
      narrowWindows++;
      return false;
    }
    if (openedAtNanos >= 0) {
      record(wideNow, eventsOfLastWindow, nowNanos - openedAtNanos);
    }
    openedAtNanos = nowNanos;
    if (--windowsLeft < 0) {
      switch (phase) {
        case PROBE_WIDE -> next(Phase.PROBE_NARROW, PROBE_WINDOWS);
        case PROBE_NARROW -> {
          // Compare events per nanosecond without dividing: a / b >= c / d as a * d >= c * b.
          keepWide = wideEvents * narrowNanos >= narrowEvents * wideNanos;
          next(Phase.KEEP, KEEP_WINDOWS);
        }
        case KEEP -> {
          wideEvents = wideNanos = narrowEvents = narrowNanos = 0;
          next(Phase.PROBE_WIDE, PROBE_WINDOWS);
        }
      }
    }
    wideNow = switch (phase) {
      case PROBE_WIDE -> true;
      case PROBE_NARROW -> false;
      case KEEP -> keepWide;
    };
    if (wideNow) {
      wideWindows++;
    } else {
      narrowWindows++;
    }
    return wideNow;
  }

  private void next(Phase p, int windows) {
    phase = p;
    windowsLeft = windows - 1;
  }

  private void record(boolean wide, long events, long nanos) {
    if (wide) {
      wideEvents += events;
      wideNanos += nanos;
    } else {
      narrowEvents += events;
      narrowNanos += nanos;
    }
  }

  /** Windows run wide so far. */
  long wideWindows() {
    return wideWindows;
  }

  /** Windows run narrow so far. */
  long narrowWindows() {
    return narrowWindows;
  }
}
