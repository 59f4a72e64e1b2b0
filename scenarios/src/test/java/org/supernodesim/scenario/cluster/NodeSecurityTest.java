package org.supernodesim.scenario.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.sweep.SweepRunner;
import scala.util.Try;

/**
 * What a node accepts: loopback unless told otherwise, only the listed message types, and only
 * workers of its own version that ran its own scenario. One node on 127.0.0.1 (any free port)
 * serves every test; it joins itself, so nothing leaves the machine.
 */
class NodeSecurityTest {
  /** Not a ClusterMessage: a type a peer might try to make this node read. */
  record Unlisted(String text) {}

  static ActorTestKit kit;

  @BeforeAll
  static void startNode() {
    Config config =
        NodeConfig.of(NodeAddress.WORKER_DEFAULT, NodeAddress.COORDINATOR_DEFAULT,
                Optional.empty(), 1)
            .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of()));
    kit = ActorTestKit.create(NodeConfig.SYSTEM_NAME, config);
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
  }

  @AfterAll
  static void stopNode() {
    kit.shutdownTestKit();
  }

  @Test
  void withoutBindANodeListensOnLoopbackOnly() {
    // Given the defaults of --bind: the worker's, and the coordinator's.
    for (NodeAddress d : List.of(NodeAddress.WORKER_DEFAULT, NodeAddress.COORDINATOR_DEFAULT)) {
      Config c = NodeConfig.of(d, NodeAddress.COORDINATOR_DEFAULT, Optional.empty(), 1);
      // Then Artery's canonical address is 127.0.0.1 and it binds that address, not 0.0.0.0.
      assertEquals("127.0.0.1", c.getString("pekko.remote.artery.canonical.hostname"),
          d.toString());
      assertEquals("", c.getString("pekko.remote.artery.bind.hostname"),
          "bind.hostname empty: Artery binds the canonical address");
      assertTrue(d.loopback(), d + " is loopback");
    }
    // And the node started with them says so in its own address.
    var self = Cluster.get(kit.system()).selfMember().address();
    assertEquals("127.0.0.1", self.host().get(), "the running node's address");
    // And the wildcard address is refused: other machines must be told one address.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NodeAddress.parse("0.0.0.0:25520"));
    assertTrue(e.getMessage().contains("every interface"), e.getMessage());
  }

  @Test
  void onlyListedMessageTypesAreSerializedOrRead() {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    // Given a listed message: it goes through Pekko's Jackson CBOR serializer and back.
    ClusterMessage.Refused listed = new ClusterMessage.Refused("why", "127.0.0.1:1");
    Serializer cbor = serialization.findSerializerFor(listed);
    assertEquals("org.apache.pekko.serialization.jackson.JacksonCborSerializer",
        cbor.getClass().getName(), "the listed type's serializer");
    byte[] bytes = serialization.serialize(listed).get();
    String manifest = org.apache.pekko.serialization.Serializers.manifestFor(cbor, listed);
    assertEquals(listed, serialization.deserialize(bytes, cbor.identifier(), manifest).get(),
        "round trip");

    // When a type outside the list is to be sent, there is no serializer (Java's is off).
    Try<byte[]> sent = serialization.serialize(new Unlisted("x"));
    assertTrue(sent.isFailure(), "an unlisted type cannot be sent");

    // When bytes arrive that claim to be an unlisted type (or a JDK class), they are refused.
    for (String claimed : List.of(Unlisted.class.getName(), "java.util.HashMap")) {
      Try<Object> read = serialization.deserialize(bytes, cbor.identifier(), claimed);
      assertTrue(read.isFailure(), claimed + " is refused");
      assertTrue(read.failed().get().getMessage().contains("not allowed")
              || read.failed().get().getMessage().contains("serialization-bindings"),
          claimed + ": " + read.failed().get().getMessage());
    }
  }

  @Test
  void aWorkerOfAnotherVersionOrAnotherScenarioIsRefused() throws Exception {
    // Given a coordinator of one point, and a probe in the place of a worker.
    ScenarioBundle bundle = bundle();
    SweepDefinition.Point point = bundle.unpack(tmp(), TestLoader.LOADER).points().get(0);
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<SweepPoint> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
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
    ActorRef<Coordinator.Command> coordinator =
        kit.spawn(Coordinator.create(new Coordinator.Settings(bundle, "v1", "test", List.of(point),
            sink, done, line -> {})));
    TestProbe<Worker.Command> probe = kit.createTestProbe();

    // When a worker of version v0 asks for work, it is refused, naming both versions.
    coordinator.tell(new ClusterMessage.RequestWork(probe.getRef(), "w", "v0", 1));
    ClusterMessage.Refused byVersion = (ClusterMessage.Refused) probe.receiveMessage();
    assertTrue(byVersion.reason().contains("v0") && byVersion.reason().contains("v1"),
        byVersion.reason());

    // When one of the same version gets the point but answers for another scenario's hash,
    ActorRef<Coordinator.Command> c = coordinator;
    c.tell(new ClusterMessage.RequestWork(probe.getRef(), "w", "v1", 1));
    ClusterMessage.RunPoint run = assertInstanceOf(ClusterMessage.RunPoint.class,
        probe.receiveMessage());
    assertEquals(bundle.hash(), run.scenarioHash(), "the point names its scenario's hash");
    SweepPoint fake = new SweepPoint(point.id(), point.parameters(), 0, null, "fake");
    c.tell(new ClusterMessage.PointDone(probe.getRef(), "w", point.id(), "0badc0ffee00",
        org.supernodesim.scenario.sweep.PointStore.toJson(fake)));
    // Then it is refused, and its result is not kept.
    ClusterMessage.Refused byHash = (ClusterMessage.Refused) probe.receiveMessage();
    assertTrue(byHash.reason().contains("0badc0ffee00"), byHash.reason());
    assertEquals(List.of(), kept, "nothing kept from another scenario");
    assertTrue(!done.isDone(), "the point is still to run");
  }

  static Path tmp() throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory("node-security-test");
  }

  static ScenarioBundle bundle() {
    String text =
        """
        name: bundle-test
        cluster: { system: hgx-h100-8, nodes: 1 }
        workload:
          collectives: [{ kind: all-gather, size: 4 MiB }]
        sweep:
          workload.collectives[0].size: [4 MiB, 8 MiB]
        """;
    return new ScenarioBundle("bundle-test.yaml", text, List.of(), false, "", Map.of());
  }
}
