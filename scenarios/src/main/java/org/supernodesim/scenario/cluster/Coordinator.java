package org.supernodesim.scenario.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.sweep.PointStore;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * The coordinator of a cluster sweep: holds the points still to run, hands them to workers as they
 * ask (work pulling), keeps each result through the sweep's {@link SweepRunner.PointSink}, and
 * re-queues the points of a worker that becomes unreachable or leaves.
 *
 * <p>No point is kept twice: a point re-queued while its first worker was only slow may finish
 * twice, and the sink keeps the first result and drops the second (both are the same numbers: a
 * point's result depends on its scenario alone). A point lost with {@value #MAX_LOSSES} workers in
 * turn is kept as failed, so one point that kills the JVMs running it cannot stall the sweep.
 */
final class Coordinator extends AbstractBehavior<Coordinator.Command> {
  static final int MAX_LOSSES = 3;

  /** Workers find the coordinator under this key in the cluster's receptionist. */
  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "supernode-sim-sweep");

  sealed interface Command
      permits ClusterMessage.RequestWork, ClusterMessage.PointDone, MemberChanged,
          ReachabilityChanged {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  /**
   * @param bundle the scenario every point is read from
   * @param version this node's version; workers of another are refused
   * @param self this node's address, for the logs
   * @param missing the points to run, in sweep order
   * @param sink keeps finished points
   * @param done completed once every point is kept (exceptionally if keeping one failed)
   * @param log one line per event worth a user's attention
   */
  record Settings(
      ScenarioBundle bundle, String version, String self, List<SweepDefinition.Point> missing,
      SweepRunner.PointSink sink, CompletableFuture<Void> done, Consumer<String> log) {}

  private final Settings s;
  private final String hash;
  private final Map<String, Integer> order = new HashMap<>();
  private final Map<String, SweepDefinition.Point> byId = new HashMap<>();
  private final Deque<SweepDefinition.Point> queue;
  private final Set<String> remaining = new HashSet<>();
  private final Set<String> started = new HashSet<>();
  private final Map<String, Integer> losses = new HashMap<>();
  private final Map<ActorRef<Worker.Command>, Integer> free = new LinkedHashMap<>();
  private final Map<ActorRef<Worker.Command>, Set<String>> running = new LinkedHashMap<>();
  private final Set<Address> unreachable = new HashSet<>();
  private final Set<Address> up = new HashSet<>();

  static Behavior<Command> create(Settings settings) {
    return Behaviors.setup(ctx -> new Coordinator(ctx, settings));
  }

  private Coordinator(ActorContext<Command> ctx, Settings s) {
    super(ctx);
    this.s = s;
    this.hash = s.bundle().hash();
    this.queue = new ArrayDeque<>(s.missing());
    for (SweepDefinition.Point p : s.missing()) {
      order.put(p.id(), order.size());
      byId.put(p.id(), p);
      remaining.add(p.id());
    }
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    Cluster cluster = Cluster.get(ctx.getSystem());
    cluster.subscriptions().tell(
        Subscribe.create(
            ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new),
            ClusterEvent.MemberEvent.class));
    cluster.subscriptions().tell(
        Subscribe.create(
            ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
            ClusterEvent.ReachabilityEvent.class));
    s.log().accept("coordinator " + s.self() + ": " + s.missing().size() + " points to run;"
        + " workers join with: supernode-sim worker --join " + s.self());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ClusterMessage.RequestWork.class, m -> guarded(() -> onRequestWork(m)))
        .onMessage(ClusterMessage.PointDone.class, m -> guarded(() -> onPointDone(m)))
        .onMessage(MemberChanged.class, m -> guarded(() -> onMemberChanged(m.event())))
        .onMessage(ReachabilityChanged.class, m -> guarded(() -> onReachability(m.event())))
        .build();
  }

  /** A failure to keep a point (a full disk) ends the sweep with that failure, not a hang. */
  private Behavior<Command> guarded(Runnable handler) {
    try {
      handler.run();
      return this;
    } catch (RuntimeException e) {
      s.done().completeExceptionally(e);
      return Behaviors.stopped();
    }
  }

  private void onRequestWork(ClusterMessage.RequestWork m) {
    if (!m.version().equals(s.version())) {
      s.log().accept("refused worker " + m.node() + ": it runs " + m.version() + ", this"
          + " coordinator " + s.version());
      m.worker().tell(new ClusterMessage.Refused(
          "its version is " + m.version() + ", the coordinator's " + s.version()
              + "; run the same build on every machine", s.self()));
      return;
    }
    if (!free.containsKey(m.worker())) {
      s.log().accept("worker " + m.node() + " offers " + m.freeSlots() + " slot"
          + (m.freeSlots() == 1 ? "" : "s"));
    }
    free.put(m.worker(), m.freeSlots());
    dispatch();
  }

  private void onPointDone(ClusterMessage.PointDone m) {
    Set<String> mine = running.get(m.worker());
    if (mine != null) {
      mine.remove(m.pointId());
    }
    if (!m.scenarioHash().equals(hash)) {
      s.log().accept("refused a result of " + m.pointId() + " from " + m.node() + ": it ran"
          + " scenario " + shortHash(m.scenarioHash()) + ", this sweep is " + shortHash(hash));
      m.worker().tell(new ClusterMessage.Refused(
          "it ran scenario " + shortHash(m.scenarioHash()) + " but the sweep's is "
              + shortHash(hash), s.self()));
      free.remove(m.worker());
      requeue(List.of(m.pointId()), m.node());
      return;
    }
    if (!remaining.contains(m.pointId())) {
      s.log().accept("dropped a second result of " + m.pointId() + " from " + m.node());
      return;
    }
    SweepPoint point = PointStore.fromJson(m.pointJson());
    if (!point.id().equals(m.pointId())) {
      throw new IllegalStateException(
          m.node() + " sent point " + point.id() + " as the result of " + m.pointId());
    }
    keep(point, "ran on " + m.node());
  }

  private void keep(SweepPoint point, String how) {
    remaining.remove(point.id());
    queue.removeIf(p -> p.id().equals(point.id()));
    if (s.sink().finished(point)) {
      s.log().accept("point " + point.id() + " " + how);
    }
    if (remaining.isEmpty()) {
      s.log().accept("all " + s.missing().size() + " points kept");
      for (ActorRef<Worker.Command> w : free.keySet()) {
        w.tell(new ClusterMessage.SweepComplete(s.missing().size(), s.self()));
      }
      s.done().complete(null);
    }
  }

  private void onMemberChanged(ClusterEvent.MemberEvent event) {
    Address a = event.member().address();
    if (event instanceof ClusterEvent.MemberUp) {
      up.add(a);
      s.log().accept("node " + hostPort(a) + " is up (" + up.size() + " up)");
    } else if (event instanceof ClusterEvent.MemberRemoved
        || event instanceof ClusterEvent.MemberDowned
        || event instanceof ClusterEvent.MemberExited) {
      if (up.remove(a)) {
        s.log().accept("node " + hostPort(a) + " left (" + up.size() + " up)");
      }
      lost(a);
    }
  }

  private void onReachability(ClusterEvent.ReachabilityEvent event) {
    Address a = event.member().address();
    if (event instanceof ClusterEvent.UnreachableMember) {
      unreachable.add(a);
      s.log().accept("node " + hostPort(a) + " is unreachable");
      lost(a);
    } else if (event instanceof ClusterEvent.ReachableMember) {
      unreachable.remove(a);
      s.log().accept("node " + hostPort(a) + " is reachable again");
    }
  }

  /** The points running on the node at {@code a} go back to the queue, at its front. */
  private void lost(Address a) {
    List<String> lost = new ArrayList<>();
    for (Iterator<Map.Entry<ActorRef<Worker.Command>, Set<String>>> it =
            running.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<ActorRef<Worker.Command>, Set<String>> e = it.next();
      if (e.getKey().path().address().equals(a)) {
        lost.addAll(e.getValue());
        it.remove();
      }
    }
    free.keySet().removeIf(w -> w.path().address().equals(a));
    if (!lost.isEmpty()) {
      s.log().accept("re-queued " + lost.size() + " point" + (lost.size() == 1 ? "" : "s")
          + " of " + hostPort(a) + ": " + lost);
    }
    requeue(lost, hostPort(a));
  }

  private void requeue(List<String> ids, String node) {
    TreeSet<String> back = new TreeSet<>(Comparator.comparing(order::get));
    for (String id : ids) {
      boolean elsewhere = running.values().stream().anyMatch(r -> r.contains(id));
      if (!remaining.contains(id) || elsewhere || queue.stream().anyMatch(p -> p.id().equals(id))) {
        continue;
      }
      int n = losses.merge(id, 1, Integer::sum);
      if (n >= MAX_LOSSES) {
        SweepDefinition.Point p = byId.get(id);
        keep(new SweepPoint(id, p.parameters(), 0, null,
            "lost " + n + " times: the workers running it stopped (last " + node + ")"),
            "failed: lost " + n + " times");
      } else {
        back.add(id);
      }
    }
    for (String id : back.descendingSet()) {
      queue.addFirst(byId.get(id));
    }
    dispatch();
  }

  /** Hands queued points to the free slots, one per worker in turn. */
  private void dispatch() {
    boolean gave = true;
    while (!queue.isEmpty() && gave) {
      gave = false;
      for (Map.Entry<ActorRef<Worker.Command>, Integer> e : free.entrySet()) {
        if (queue.isEmpty()) {
          break;
        }
        if (e.getValue() <= 0 || unreachable.contains(e.getKey().path().address())) {
          continue;
        }
        SweepDefinition.Point p = queue.pollFirst();
        e.setValue(e.getValue() - 1);
        running.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(p.id());
        if (started.add(p.id())) {
          s.sink().started(p);
        }
        e.getKey().tell(new ClusterMessage.RunPoint(p.id(), hash, s.bundle()));
        gave = true;
      }
    }
  }

  private static String hostPort(Address a) {
    return a.host().isDefined() ? a.host().get() + ":" + a.port().get() : "this node";
  }

  static String shortHash(String hash) {
    return hash.substring(0, Math.min(12, hash.length()));
  }
}
