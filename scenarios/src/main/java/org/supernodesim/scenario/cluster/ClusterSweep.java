package org.supernodesim.scenario.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * Runs a sweep's points on a Pekko Cluster: this node is the coordinator (the cluster's seed);
 * workers join it and pull points. The sweep folder is written by {@link SweepRunner} exactly as
 * for a local sweep, so a coordinator that crashes is resumed by starting it again on the same
 * folder, and workers rejoin it by themselves.
 *
 * @param bind the coordinator's address, which workers {@code --join}
 * @param tls Artery TLS, or none
 * @param localSlots points this node runs itself (0: only workers run points)
 * @param bundle the scenario as it travels to workers
 * @param loader reads the bundle on this node's own worker
 * @param out where the coordinator's log lines go
 */
public record ClusterSweep(
    NodeAddress bind, Optional<TlsStores> tls, int localSlots, ScenarioBundle bundle,
    ScenarioLoader loader, PrintWriter out)
    implements SweepRunner.PointExecutor {

  @Override
  public void runAll(
      ScenarioFile file, Path dir, List<SweepDefinition.Point> missing,
      SweepRunner.PointSink sink)
      throws InterruptedException {
    if (missing.isEmpty()) {
      return;
    }
    refuseTimelines(file, missing);
    CompletableFuture<Void> done = new CompletableFuture<>();
    Consumer<String> log = Node.lines(out);
    Path scratch = Scratch.create("supernode-sim-coordinator-");
    String version = Node.version();
    Behavior<Void> guardian =
        Behaviors.setup(
            ctx -> {
              String self = Node.self(ctx.getSystem());
              ctx.spawn(
                  Coordinator.create(
                      new Coordinator.Settings(bundle, version, self, missing, sink, done, log)),
                  "sweep-coordinator");
              if (localSlots > 0) {
                ctx.spawn(
                    Worker.create(
                        new Worker.Settings(localSlots, self + " (coordinator)", version, loader,
                            scratch, log, new CompletableFuture<>())),
                    "sweep-worker");
              }
              return Behaviors.empty();
            });
    ActorSystem<Void> system =
        Node.start(guardian, NodeConfig.of(bind, bind, tls, localSlots), bind);
    system.getWhenTerminated().thenRun(() -> done.completeExceptionally(
        new IllegalStateException("the coordinator's node stopped before every point was kept")));
    try {
      done.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      Node.stop(system, 20);
      Scratch.delete(scratch);
    }
  }

  /**
   * A timeline is written where the point runs, and timelines are too large to send back; a
   * cluster sweep refuses them rather than drop them silently.
   */
  private static void refuseTimelines(ScenarioFile file, List<SweepDefinition.Point> missing) {
    for (SweepDefinition.Point p : missing) {
      Scenario s;
      try {
        s = file.point(p);
      } catch (ScenarioException | MissingFigureException e) {
        continue; // this point fails with its error wherever it runs
      }
      if (s.accounting().writes(ReportOutput.TIMELINE)) {
        throw new ScenarioException(file.where("report"), "report",
            "timeline is not written by a cluster sweep (each point's timeline stays on the"
                + " machine that ran it); drop it from report:, or run the sweep without"
                + " --cluster");
      }
      return;
    }
  }

}
