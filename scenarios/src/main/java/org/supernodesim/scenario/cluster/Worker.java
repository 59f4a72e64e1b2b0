package org.supernodesim.scenario.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.sweep.PointStore;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * A worker of a cluster sweep: finds the coordinator through the cluster's receptionist, asks for
 * as many points as it has free slots, runs each on the point dispatcher (never on Pekko's own
 * threads, so heartbeats keep flowing while it computes) and sends each result back.
 *
 * <p>A point runs exactly as in a local sweep ({@link SweepRunner#runPoint}): the scenario and its
 * files come with the point and are unpacked once per scenario into the worker's scratch folder.
 */
final class Worker extends AbstractBehavior<Worker.Command> {

  sealed interface Command
      permits ClusterMessage.RunPoint, ClusterMessage.Refused, ClusterMessage.SweepComplete,
          CoordinatorsListed, PointRan, Tick {}

  private record CoordinatorsListed(Receptionist.Listing listing) implements Command {}

  private record PointRan(String pointId, String scenarioHash, String pointJson)
      implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  /** Why a worker's node stops. */
  enum Exit {
    /** The coordinator refused this worker: a mistake to fix, exit 2. */
    REFUSED,
    /** The sweep ended or the coordinator is gone: start afresh and wait for the next one. */
    REJOIN
  }

  /**
   * @param slots points run at once
   * @param node this node's address, for the logs and the coordinator's
   * @param version this build's version
   * @param loader reads the scenarios that arrive
   * @param scratch where scenarios are unpacked
   * @param log one line per event worth a user's attention
   * @param exit completed when this worker's part is over
   */
  record Settings(
      int slots, String node, String version, ScenarioLoader loader, Path scratch,
      Consumer<String> log, CompletableFuture<Exit> exit) {}

  /** Asked again for work when idle this long, in case a request or a point was lost. */
  private static final Duration IDLE_ASK = Duration.ofSeconds(1);

  private final Settings s;
  private final Executor points;
  private final Unpacked unpacked;
  private Optional<ActorRef<Coordinator.Command>> coordinator = Optional.empty();
  private int running;
  private long lastWorkNanos;

  static Behavior<Command> create(Settings settings) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, IDLE_ASK);
                  return new Worker(ctx, settings);
                }));
  }

  private Worker(ActorContext<Command> ctx, Settings s) {
    super(ctx);
    this.s = s;
    this.points =
        ctx.getSystem()
            .dispatchers()
            .lookup(DispatcherSelector.fromConfig(NodeConfig.POINT_DISPATCHER));
    this.unpacked = new Unpacked(s.scratch(), s.loader());
    ctx.getSystem().receptionist().tell(
        Receptionist.subscribe(
            Coordinator.KEY,
            ctx.messageAdapter(Receptionist.Listing.class, CoordinatorsListed::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CoordinatorsListed.class, this::onListing)
        .onMessage(ClusterMessage.RunPoint.class, this::onRunPoint)
        .onMessage(PointRan.class, this::onPointRan)
        .onMessage(Tick.class, t -> onTick())
        .onMessage(ClusterMessage.Refused.class, this::onRefused)
        .onMessage(ClusterMessage.SweepComplete.class, this::onSweepComplete)
        .build();
  }

  private Behavior<Command> onListing(CoordinatorsListed m) {
    Set<ActorRef<Coordinator.Command>> found = m.listing().getServiceInstances(Coordinator.KEY);
    Optional<ActorRef<Coordinator.Command>> next = found.stream().findFirst();
    if (!next.equals(coordinator)) {
      coordinator = next;
      next.ifPresent(
          c -> {
            s.log().accept("worker " + s.node() + " (" + s.slots() + " slot"
                + (s.slots() == 1 ? "" : "s") + ") joined the sweep of " + c.path().address());
            askForWork();
          });
    }
    return this;
  }

  private Behavior<Command> onRunPoint(ClusterMessage.RunPoint m) {
    running++;
    lastWorkNanos = System.nanoTime();
    s.log().accept("running " + m.pointId());
    CompletableFuture<PointRan> ran =
        CompletableFuture.supplyAsync(() -> run(m), points);
    getContext().pipeToSelf(ran, (r, failure) -> r != null ? r
        : new PointRan(m.pointId(), m.scenario().hash(), PointStore.toJson(failed(m, failure))));
    return this;
  }

  private Behavior<Command> onPointRan(PointRan m) {
    running--;
    lastWorkNanos = System.nanoTime();
    s.log().accept("finished " + m.pointId());
    coordinator.ifPresent(
        c -> c.tell(new ClusterMessage.PointDone(
            getContext().getSelf(), s.node(), m.pointId(), m.scenarioHash(), m.pointJson())));
    askForWork();
    return this;
  }

  private Behavior<Command> onTick() {
    if (System.nanoTime() - lastWorkNanos > IDLE_ASK.toNanos()) {
      askForWork();
    }
    return this;
  }

  private Behavior<Command> onRefused(ClusterMessage.Refused m) {
    s.log().accept("refused by the coordinator " + m.coordinator() + ": " + m.reason());
    s.exit().complete(Exit.REFUSED);
    return Behaviors.stopped();
  }

  private Behavior<Command> onSweepComplete(ClusterMessage.SweepComplete m) {
    s.log().accept("the sweep of " + m.coordinator() + " is complete (" + m.points() + " points)");
    coordinator = Optional.empty();
    s.exit().complete(Exit.REJOIN);
    return this;
  }

  private void askForWork() {
    int freeSlots = Math.max(0, s.slots() - running);
    if (freeSlots > 0) {
      coordinator.ifPresent(
          c -> c.tell(new ClusterMessage.RequestWork(
              getContext().getSelf(), s.node(), s.version(), freeSlots)));
    }
  }

  /** Runs on the point dispatcher. */
  private PointRan run(ClusterMessage.RunPoint m) {
    String hash = m.scenario().hash();
    ScenarioFile file = unpacked.file(m.scenario(), hash);
    SweepPoint result =
        file.points().stream()
            .filter(p -> p.id().equals(m.pointId()))
            .findFirst()
            .map(p -> SweepRunner.runPoint(file, p, unpacked.folder(hash)))
            .orElseGet(() -> new SweepPoint(m.pointId(), Map.of(), 0, null,
                "the scenario sent to " + s.node() + " has no point " + m.pointId()));
    return new PointRan(m.pointId(), hash, PointStore.toJson(result));
  }

  private SweepPoint failed(ClusterMessage.RunPoint m, Throwable failure) {
    return new SweepPoint(m.pointId(), Map.of(), 0, null,
        "worker " + s.node() + " could not run the point: " + failure);
  }

  /** The scenario last unpacked, kept while its points keep coming. */
  private static final class Unpacked {
    private final Path scratch;
    private final ScenarioLoader loader;
    private String hash;
    private ScenarioFile file;

    Unpacked(Path scratch, ScenarioLoader loader) {
      this.scratch = scratch;
      this.loader = loader;
    }

    synchronized ScenarioFile file(ScenarioBundle bundle, String bundleHash) {
      if (!bundleHash.equals(hash)) {
        file = bundle.unpack(folder(bundleHash), loader);
        hash = bundleHash;
      }
      return file;
    }

    Path folder(String bundleHash) {
      return scratch.resolve(Coordinator.shortHash(bundleHash));
    }
  }
}
