package org.supernodesim.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventOrderTest {

  @Test
  void eventsAreOrderedByTimeThenSenderThenSequence() {
    // Given events shuffled, tied on time and on sender.
    Event late = new Event(20, 0, 0, 5, "late");
    Event lowSender = new Event(10, 1, 7, 5, "low sender");
    Event highSender = new Event(10, 2, 0, 5, "high sender");
    Event firstOfSender = new Event(10, 1, 3, 5, "first of sender");
    List<Event> events = new ArrayList<>(List.of(late, highSender, lowSender, firstOfSender));

    // When sorted by the engine's one order.
    events.sort(Event.ORDER);

    // Then time wins, then the sender id, then the sender's own sequence number.
    assertEquals(List.of(firstOfSender, lowSender, highSender, late), events);
  }

  @Test
  void theHeapPollsInTheComparatorsOrder() {
    // Given 1000 events with many ties in time, added in a scrambled order.
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      events.add(new Event((i * 7919L) % 13, (i * 31) % 5, i, 0, i));
    }
    EventHeap heap = new EventHeap();
    events.forEach(heap::add);

    // When drained, then it yields exactly the sorted list.
    List<Event> polled = new ArrayList<>();
    while (!heap.isEmpty()) {
      polled.add(heap.poll());
    }
    events.sort(Event.ORDER);
    assertEquals(events, polled);
  }

  @Test
  void simultaneousEventsReachAProcessBySenderAndSequenceAtTheirTime() {
    // Given process 0 that records what it gets, and processes 2 and 1 that each send it two
    // messages with the same delay L = 100 ps, from start-up (time 0).
    long lookaheadPicos = 100;
    List<String> log = new ArrayList<>();
    LogicalProcess<String> recorder =
        new LogicalProcess<>() {
          @Override
          public void start(Context context) {}

          @Override
          public void handle(String event, Context context) {
            log.add(context.nowPicos() + ":" + event);
          }
        };
    Simulation simulation =
        new Simulation(
            List.of(recorder, sender("1a", "1b"), sender("2a", "2b")), lookaheadPicos);

    // When run sequentially.
    RunStatistics stats = new SequentialRuntime().run(simulation);

    // Then all four arrive at t = 100 with nowPicos() == 100: sender 1 first, each in send order.
    assertEquals(List.of("100:1a", "100:1b", "100:2a", "100:2b"), log);
    assertEquals(new RunStatistics(100, 4, 0), stats);
  }

  @Test
  void aSendBelowTheLookaheadIsRefusedNamingBothProcesses() {
    // Given process 3 that sends to process 7 with 99 ps when the lookahead is 100 ps.
    Simulation simulation = Ring.withOneSend(10, 3, 7, 99, 100);

    // When run, then the refusal names the sender, the target, the delay and the lookahead.
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new SequentialRuntime().run(simulation));
    assertTrue(e.getMessage().contains("process 3"), e.getMessage());
    assertTrue(e.getMessage().contains("process 7"), e.getMessage());
    assertTrue(e.getMessage().contains("99 ps"), e.getMessage());
    assertTrue(e.getMessage().contains("lookahead of 100 ps"), e.getMessage());
  }

  @Test
  void aNegativeScheduleIsRefused() {
    LogicalProcess<Object> backwards =
        new LogicalProcess<>() {
          @Override
          public void start(Context context) {
            context.schedule(-1, "yesterday");
          }

          @Override
          public void handle(Object event, Context context) {}
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new SequentialRuntime().run(new Simulation(List.of(backwards), 10)));
    assertTrue(e.getMessage().contains("process 0"), e.getMessage());
    assertTrue(e.getMessage().contains("-1 ps"), e.getMessage());
  }

  @Test
  void aZeroDelayScheduleRunsAtTheSameTimeAfterTheCurrentEvent() {
    // Given a process that, at start, schedules "a" at 0 and, on "a", schedules "b" with delay 0.
    List<String> log = new ArrayList<>();
    LogicalProcess<String> chain =
        new LogicalProcess<>() {
          @Override
          public void start(Context context) {
            context.schedule(0, "a");
          }

          @Override
          public void handle(String event, Context context) {
            log.add(context.nowPicos() + ":" + event);
            if (event.equals("a")) {
              context.schedule(0, "b");
            }
          }
        };

    // When run, then both are handled at t = 0, in causal order, and the run ends at 0.
    RunStatistics stats = new SequentialRuntime().run(new Simulation(List.of(chain), 10));
    assertEquals(List.of("0:a", "0:b"), log);
    assertEquals(new RunStatistics(0, 2, 0), stats);
  }

  private static LogicalProcess<String> sender(String first, String second) {
    return new LogicalProcess<>() {
      @Override
      public void start(Context context) {
        context.send(0, 100, first);
        context.send(0, 100, second);
      }

      @Override
      public void handle(String event, Context context) {}
    };
  }
}
