package org.supernodesim.scenario.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * Artery TLS as the README's recipe sets it up: one PKCS12 key made with keytool, trusted by every
 * node; a coordinator and a worker (two nodes in this JVM, on 127.0.0.1) run a sweep over TLS 1.3
 * with mutual authentication, and its points equal a local sweep's.
 */
class TlsClusterTest {
  static final String PASSWORD = "test-only-password";

  @Test
  void aSweepRunsOverMutuallyAuthenticatedTls(@TempDir Path tmp) throws Exception {
    // Given a key store and a trust store holding its certificate, as in the README.
    Path key = tmp.resolve("sim.p12");
    Path trust = tmp.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "sim", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=supernode-sim", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", key.toString(), "-storepass", PASSWORD);
    keytool("-exportcert", "-alias", "sim", "-keystore", key.toString(), "-storepass", PASSWORD,
        "-file", tmp.resolve("sim.crt").toString());
    keytool("-importcert", "-noprompt", "-alias", "sim", "-file", tmp.resolve("sim.crt").toString(),
        "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", PASSWORD);
    TlsStores tls = TlsStores.of(key, trust, Map.of(TlsStores.KEY_STORE_PASSWORD, PASSWORD,
        TlsStores.TRUST_STORE_PASSWORD, PASSWORD));
    NodeAddress coordinator = new NodeAddress("127.0.0.1", freePort());
    NodeAddress workerAddress = new NodeAddress("127.0.0.1", freePort());
    Config workerConfig = NodeConfig.of(workerAddress, coordinator, Optional.of(tls), 1);
    assertEquals("tls-tcp", workerConfig.getString("pekko.remote.artery.transport"));
    assertEquals("on", workerConfig.getString(
        "pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication"));

    // When the coordinator (no slots of its own) and one worker sweep 2 points over TLS.
    ScenarioBundle bundle = NodeSecurityTest.bundle();
    ScenarioFile file = bundle.unpack(tmp.resolve("scenario"), TestLoader.LOADER);
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log);
    CompletableFuture<List<SweepPoint>> sweep = CompletableFuture.supplyAsync(
        () -> SweepRunner.run(file, tmp.resolve("cluster"), SweepRunner.Listener.NONE,
            new ClusterSweep(coordinator, Optional.of(tls), 0, bundle, TestLoader.LOADER, out)));
    CompletableFuture<Worker.Exit> exit = new CompletableFuture<>();
    ActorSystem<Void> worker = Node.start(Behaviors.setup(ctx -> {
      ctx.spawn(Worker.create(new Worker.Settings(1, workerAddress.toString(), Node.version(),
          TestLoader.LOADER, tmp.resolve("worker"), line -> {}, exit)), "sweep-worker");
      return Behaviors.empty();
    }), workerConfig, workerAddress);
    List<SweepPoint> points;
    try {
      points = sweep.get(90, TimeUnit.SECONDS);
    } finally {
      Node.stop(worker, 20);
    }

    // Then the worker ran both points, and they equal a local sweep's.
    assertTrue(log.toString().contains("ran on " + workerAddress), log.toString());
    List<SweepPoint> local =
        SweepRunner.run(file, tmp.resolve("local"), 1, SweepRunner.Listener.NONE);
    assertEquals(2, points.size(), "both points");
    for (int i = 0; i < 2; i++) {
      assertEquals(local.get(i).result().simulatedPicos(), points.get(i).result().simulatedPicos(),
          points.get(i).id());
    }
  }

  static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "keytool " + args[0] + ": " + output);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
