package org.supernodesim.node.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic load shaped like a ring all-reduce: {@code n} processes in a ring, each step every
 * process passes a token to its successor with a delay of exactly the lookahead L. It has the
 * engine's worst case for messages (every event crosses to another process, every window holds n
 * events at one instant), so it is the engine benchmark's workload.
 *
 * <p>With n processes and s steps: n·s events, the last at s·L. For n = 384 and s = 2(n − 1) = 766
 * (the step count of a ring all-reduce) that is 294,144 events ending at 766·L.
 */
public final class RingWorkload {
  private RingWorkload() {}

  /** A fresh ring (processes hold state, so build one per run). */
  public static Simulation create(int processes, int steps, long lookaheadPicos) {
    if (processes < 1 || steps < 0) {
      throw new IllegalArgumentException(
          "a ring needs >= 1 process and >= 0 steps: " + processes + ", " + steps);
    }
    List<RingProcess> ring = new ArrayList<>(processes);
    for (int id = 0; id < processes; id++) {
      ring.add(new RingProcess(processes, steps, lookaheadPicos));
    }
    return new Simulation(ring, lookaheadPicos);
  }

  /** Events a ring of {@code processes} handles in {@code steps} steps. */
  public static long expectedEvents(int processes, int steps) {
    return (long) processes * steps;
  }

  /** Time of the last event: step s arrives at s·L. */
  public static long expectedEndPicos(int steps, long lookaheadPicos) {
    return steps * lookaheadPicos;
  }

  /** The token passed round the ring; {@code step} counts from 1. */
  public record Token(int step) {}

  /** One member of the ring; {@link #received()} is its result. */
  public static final class RingProcess implements LogicalProcess<Token> {
    private final int processes;
    private final int steps;
    private final long delayPicos;
    private int received;

    RingProcess(int processes, int steps, long delayPicos) {
      this.processes = processes;
      this.steps = steps;
      this.delayPicos = delayPicos;
    }

    public int received() {
      return received;
    }

    @Override
    public void start(Context context) {
      if (steps > 0) {
        context.send(successor(context), delayPicos, new Token(1));
      }
    }

    @Override
    public void handle(Token token, Context context) {
      received++;
      if (token.step() < steps) {
        context.send(successor(context), delayPicos, new Token(token.step() + 1));
      }
    }

    private int successor(Context context) {
      return (context.selfId() + 1) % processes;
    }
  }
}
