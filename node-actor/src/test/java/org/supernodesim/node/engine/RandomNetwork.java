package org.supernodesim.node.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random network for property tests: 2..40 processes, each of which, on each event, logs (time,
 * payload), sends 0..3 messages to random processes with random delays of at least L, and
 * sometimes schedules itself (delay 0 included). Randomness comes only from the seed, split per
 * process, so a process's choices depend only on the events it saw, in their order.
 */
public final class RandomNetwork {
  /** Small, so that equal times (ties broken by sender and sequence) are common. */
  static final long LOOKAHEAD_PICOS = 1_000;

  private RandomNetwork() {}

  /** What a process saw: the time and the payload, in the order it saw them. */
  public record Entry(long timePicos, Message message) {}

  /** A payload: who sent it and a random tag drawn from the sender's stream. */
  public record Message(int fromId, long tag) {}

  /** A fresh network for {@code seed}: the same seed gives the same network. */
  public static Simulation create(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = random.nextInt(2, 41);
    // Bound the run: each process stops sending after this many events, so at most
    // n·(initial + 4·budget) events happen in all.
    int eventBudget = random.nextInt(5, 60);
    List<Node> nodes = new ArrayList<>();
    for (int id = 0; id < n; id++) {
      nodes.add(new Node(n, eventBudget, random.split()));
    }
    return new Simulation(nodes, LOOKAHEAD_PICOS);
  }

  /** Every process's log, in id order. */
  public static List<List<Entry>> logs(Simulation simulation) {
    List<List<Entry>> logs = new ArrayList<>();
    for (var process : simulation.processes()) {
      logs.add(List.copyOf(((Node) process).log));
    }
    return logs;
  }

  static final class Node implements LogicalProcess<Message> {
    private final int n;
    private final int eventBudget;
    private final SplittableRandom random;
    private final List<Entry> log = new ArrayList<>();

    Node(int n, int eventBudget, SplittableRandom random) {
      this.n = n;
      this.eventBudget = eventBudget;
      this.random = random;
    }

    @Override
    public void start(Context context) {
      int initial = random.nextInt(0, 3);
      for (int i = 0; i < initial; i++) {
        context.send(random.nextInt(n), delayPicos(), message(context));
      }
      if (random.nextInt(4) == 0) {
        context.schedule(0, message(context));
      }
    }

    @Override
    public void handle(Message event, Context context) {
      log.add(new Entry(context.nowPicos(), event));
      if (log.size() >= eventBudget) {
        return;
      }
      int sends = random.nextInt(0, 4);
      for (int i = 0; i < sends; i++) {
        context.send(random.nextInt(n), delayPicos(), message(context));
      }
      if (random.nextInt(3) == 0) {
        // 0, L/2 or 3L/2: same instant, inside the window, or beyond it.
        context.schedule(random.nextInt(3) * LOOKAHEAD_PICOS / 2 * (random.nextBoolean() ? 1 : 3),
            message(context));
      }
    }

    private long delayPicos() {
      // Mostly whole multiples of L (many ties), sometimes a few picoseconds more.
      long whole = LOOKAHEAD_PICOS * random.nextInt(1, 4);
      return random.nextInt(4) == 0 ? whole + random.nextInt(1, 7) : whole;
    }

    private Message message(Context context) {
      return new Message(context.selfId(), random.nextLong());
    }
  }
}
