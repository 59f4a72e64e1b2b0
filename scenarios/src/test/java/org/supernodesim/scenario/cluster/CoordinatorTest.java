package org.supernodesim.scenario.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.sweep.PointStore;
import org.supernodesim.scenario.sweep.SweepRunner;

/** Work pulling as the coordinator does it, with a probe in the place of a worker. */
class CoordinatorTest {

  @Test
  void pointsGoToFreeSlotsInSweepOrderAndASecondResultIsDropped() throws Exception {
    var config = NodeConfig.of(NodeAddress.WORKER_DEFAULT, NodeAddress.COORDINATOR_DEFAULT,
            Optional.empty(), 1)
        .withValue("pekko.cluster.seed-nodes",
            com.typesafe.config.ConfigValueFactory.fromIterable(List.of()));
    ActorTestKit kit = ActorTestKit.create(NodeConfig.SYSTEM_NAME, config);
    try {
      Cluster cluster = Cluster.get(kit.system());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      // Given a sweep of 2 points and a sink that counts what it keeps.
      ScenarioBundle bundle = NodeSecurityTest.bundle();
      ScenarioFile file =
          bundle.unpack(Files.createTempDirectory("coordinator-test"), TestLoader.LOADER);
      List<SweepDefinition.Point> points = file.points();
      List<SweepPoint> kept = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      SweepRunner.PointSink sink =
          new SweepRunner.PointSink() {
            @Override
            public void started(SweepDefinition.Point p) {}

            @Override
            public boolean finished(SweepPoint p) {
              kept.add(p);
              return true;
            }
          };
      ActorRef<Coordinator.Command> coordinator = kit.spawn(Coordinator.create(
          new Coordinator.Settings(bundle, "v", "test", points, sink, done, line -> {})));
      TestProbe<Worker.Command> worker = kit.createTestProbe();

      // When a worker offers 1 slot, it gets the first point only; offering 1 more, the second.
      coordinator.tell(new ClusterMessage.RequestWork(worker.getRef(), "w", "v", 1));
      ClusterMessage.RunPoint first =
          assertInstanceOf(ClusterMessage.RunPoint.class, worker.receiveMessage());
      assertEquals(points.get(0).id(), first.pointId(), "sweep order");
      worker.expectNoMessage(java.time.Duration.ofMillis(200));
      coordinator.tell(new ClusterMessage.RequestWork(worker.getRef(), "w", "v", 1));
      ClusterMessage.RunPoint second =
          assertInstanceOf(ClusterMessage.RunPoint.class, worker.receiveMessage());
      assertEquals(points.get(1).id(), second.pointId());

      // And the first point's result arrives twice (a re-queued point finished by two workers).
      String json = PointStore.toJson(SweepRunner.runPoint(file, points.get(0),
          Files.createTempDirectory("coordinator-test-point")));
      for (int i = 0; i < 2; i++) {
        coordinator.tell(new ClusterMessage.PointDone(worker.getRef(), "w", first.pointId(),
            bundle.hash(), json));
      }
      coordinator.tell(new ClusterMessage.PointDone(worker.getRef(), "w", second.pointId(),
          bundle.hash(), PointStore.toJson(SweepRunner.runPoint(file, points.get(1),
              Files.createTempDirectory("coordinator-test-point")))));

      // Then each point is kept once, and the sweep is complete.
      done.get(10, TimeUnit.SECONDS);
      assertEquals(List.of(points.get(0).id(), points.get(1).id()),
          kept.stream().map(SweepPoint::id).toList(), "each point kept once, in arrival order");
      assertTrue(worker.receiveMessage() instanceof ClusterMessage.SweepComplete,
          "the worker is told the sweep is complete");
    } finally {
      kit.shutdownTestKit();
    }
  }
}
