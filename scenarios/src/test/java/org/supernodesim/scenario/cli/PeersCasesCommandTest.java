package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bench's table: seconds to two decimals, a dash where nothing was timed. */
class PeersCasesCommandTest {
  @Test
  void aCellWithoutTimeIsADashNotNaN() {
    assertEquals("-", PeersCasesCommand.cell(Double.NaN), "--no-whole-runs, or a failed run");
    assertEquals("0.46s", PeersCasesCommand.cell(0.456));
    assertEquals("59.50s", PeersCasesCommand.cell(59.5));
  }
}
