package org.supernodesim.node.engine;

import java.util.ArrayList;
import java.util.List;

/** Small simulations for tests. */
public final class Ring {
  private Ring() {}

  /**
   * {@code n} idle processes of which {@code senderId}, at start-up, sends one message to {@code
   * targetId} with {@code delayPicos}.
   */
  public static Simulation withOneSend(
      int n, int senderId, int targetId, long delayPicos, long lookaheadPicos) {
    List<LogicalProcess<Object>> processes = new ArrayList<>();
    for (int id = 0; id < n; id++) {
      boolean sends = id == senderId;
      processes.add(
          new LogicalProcess<>() {
            @Override
            public void start(Context context) {
              // Work first so that, on the actor runtime, the failure comes mid-run.
              context.schedule(5 * lookaheadPicos, "tick");
            }

            @Override
            public void handle(Object event, Context context) {
              if (sends) {
                context.send(targetId, delayPicos, "too soon");
              }
            }
          });
    }
    return new Simulation(processes, lookaheadPicos);
  }
}
