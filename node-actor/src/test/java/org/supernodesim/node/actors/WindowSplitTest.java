package org.supernodesim.node.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowSplitTest {
  private static final int PROBE = WindowSplit.PROBE_WINDOWS;
  private static final int KEEP = WindowSplit.KEEP_WINDOWS;

  /** Drives {@code split} through {@code windows} windows of 100 events each. */
  private static final class Clock {
    final WindowSplit split;
    final long wideNanos;
    final long narrowNanos;
    long now;
    boolean lastWide;

    Clock(WindowSplit split, long wideNanos, long narrowNanos) {
      this.split = split;
      this.wideNanos = wideNanos;
      this.narrowNanos = narrowNanos;
    }

    /** Opens {@code windows} windows; returns how many of them ran wide. */
    int run(int windows) {
      int wide = 0;
      for (int i = 0; i < windows; i++) {
        lastWide = split.openWide(100, now);
        now += lastWide ? wideNanos : narrowNanos;
        wide += lastWide ? 1 : 0;
      }
      return wide;
    }
  }

  @Test
  void probesBothWaysThenKeepsTheFasterUntilTheNextProbe() {
    // Given windows that take 50 us wide and 80 us narrow.
    Clock c = new Clock(new WindowSplit(2), 50_000, 80_000);

    // Then the first PROBE windows run wide, the next PROBE narrow.
    assertEquals(PROBE, c.run(PROBE), "the wide probe");
    assertEquals(0, c.run(PROBE), "the narrow probe");
    // And the faster, wide, for KEEP windows; then the probes again.
    assertEquals(KEEP, c.run(KEEP), "kept wide");
    assertEquals(PROBE, c.run(PROBE));
    assertEquals(0, c.run(PROBE));
    assertEquals(KEEP, c.run(KEEP));
    assertEquals(c.split.wideWindows(), 2 * (PROBE + KEEP));
    assertEquals(c.split.narrowWindows(), 2 * PROBE);
  }

  @Test
  void keepsNarrowWhenOneThreadIsFaster() {
    Clock c = new Clock(new WindowSplit(2), 80_000, 50_000);

    assertEquals(PROBE, c.run(2 * PROBE), "one probe each way");
    assertEquals(0, c.run(KEEP), "kept narrow");
    assertEquals(PROBE, c.run(PROBE), "probed wide again");
  }

  @Test
  void booksEachWindowsTimeToTheWayItRan() {
    // Given wide windows of 60 us but the last wide one, of 10 ms, and narrow ones of 50 us.
    WindowSplit split = new WindowSplit(2);
    long now = 0;
    for (int i = 0; i < 2 * PROBE; i++) {
      boolean wide = split.openWide(100, now);
      assertEquals(i < PROBE, wide, "window " + i);
      now += i == PROBE - 1 ? 10_000_000 : wide ? 60_000 : 50_000;
    }

    // Then narrow is kept. A window's time booked to the way of the window after it would put the
    // slow window in the narrow probe, and wide would be kept.
    assertFalse(split.openWide(100, now), "narrow kept");
  }

  @Test
  void neverRunsWideOnOneThread() {
    Clock c = new Clock(new WindowSplit(1), 10, 1_000_000);

    assertEquals(0, c.run(3 * (KEEP + 2 * PROBE)));
    assertTrue(c.split.narrowWindows() > 0);
  }
}
