package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActivityLogTest {
  @Test
  void communicationOnlyIsTheUnionOfCommunicationLessItsOverlapWithCompute() {
    // Given compute on [0, 10) and [20, 30), communication on [5, 25) and, on a second
    // communication stream, [24, 40).
    ActivityLog log = new ActivityLog();
    log.started(0, 0);
    log.started(1, 5);
    log.finished(ActivityLog.COMPUTE, 10, 0);
    log.started(2, 20);
    log.started(3, 24);
    log.finished(ActivityLog.COMMUNICATION, 25, 1);
    log.finished(ActivityLog.COMPUTE, 30, 2);
    log.finished(2, 40, 3); // operation 3 ran on communication stream 2
    // Then compute ran 20; communication's union is [5, 40) = 35, of which [5, 10) and [20, 30)
    // overlap compute (15): 20 communication-only.
    assertEquals(20, log.computeBusyPicos(), "10 + 10 ps of compute");
    assertEquals(20, log.communicationOnlyPicos(), "35 ps of communication less 15 ps overlapped");
    assertEquals(4, log.size(), "one span per operation");
    assertEquals(5, log.startPicos(1), "the communication span opened at 5 ps");

    // And busy totals, told each operation's stream as it starts, integrate the same.
    BusyTotals totals = new BusyTotals();
    totals.started(ActivityLog.COMPUTE, 0, 0);
    totals.started(ActivityLog.COMMUNICATION, 1, 5);
    totals.finished(ActivityLog.COMPUTE, 10, 0);
    totals.started(ActivityLog.COMPUTE, 2, 20);
    totals.started(2, 3, 24);
    totals.finished(ActivityLog.COMMUNICATION, 25, 1);
    totals.finished(ActivityLog.COMPUTE, 30, 2);
    totals.finished(2, 40, 3);
    assertEquals(log.computeBusyPicos(), totals.computeBusyPicos());
    assertEquals(log.communicationOnlyPicos(), totals.communicationOnlyPicos());
    assertEquals(log.communicationBusyPicos(), totals.communicationBusyPicos());
  }
}
