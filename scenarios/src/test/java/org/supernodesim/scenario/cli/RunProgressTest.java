package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RunProgressTest {
  @Test
  void aLineSaysTheWallTimeAndWhereTheWorkloadKnowsItTheShareDoneAndTimeLeft() {
    RunProgress p = new RunProgress("serve", new PrintWriter(new StringWriter()), false);
    // 12 s for 40 % of the requests: 18 s for the other 60 % at that pace.
    assertEquals("serve: simulating, 12 s, 40.0 % done, about 18 s left", p.line(12, 0.4));
    assertEquals("serve: simulating, 12 s", p.line(12, Double.NaN), "a kind that cannot tell");
    assertEquals("serve: simulating, 12 s", p.line(12, 0), "no pace before the first request");
  }

  @Test
  void aShortRunPrintsNothing() {
    // A run ending before the quiet 3 s leaves stderr empty: nothing of it reaches a file.
    StringWriter err = new StringWriter();
    RunProgress p = new RunProgress("quick", new PrintWriter(err), false);
    p.started(() -> 0.5);
    p.ended();
    assertTrue(err.toString().isEmpty(), err.toString());
  }
}
