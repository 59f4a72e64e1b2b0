package org.supernodesim.scenario.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.cli.Main;

/**
 * A coordinator and two worker JVMs on 127.0.0.1 run a 30-point sweep; one worker is killed with
 * SIGKILL while it holds a point. The sweep still ends with the local sweep's results.csv (less
 * its wallSeconds column), every point exactly once.
 */
class ClusterSweepTest {
  /**
   * 30 training points of 10 to 400 ms (at the stage fidelity): a point is in flight for long
   * enough to be lost.
   */
  static final String SCENARIO =
      """
      name: cluster-test
      seed: 7
      cluster:
        system: cloudmatrix384
        chips: 8
      workload:
        training:
          model: qwen3-32b
          parallelism: { tp: 4, pp: 2, sequenceParallel: true }
          zero: 1
          globalBatch: 240
          recomputation: selective
          fidelity: stage
      report: [json, md, csv]
      sweep:
        cluster.chips: [8, 16, 24, 32, 40]
        workload.training.globalBatch: [240, 360, 480, 600, 720, 840]
      """;

  /** Short failure detection for a test on one machine (cluster.conf's are for real networks). */
  static final List<String> FAST =
      List.of(
          "-Dpekko.cluster.seed-node-timeout=1s",
          "-Dpekko.cluster.retry-unsuccessful-join-after=1s",
          "-Dpekko.cluster.failure-detector.heartbeat-interval=500ms",
          "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=2s",
          "-Dpekko.cluster.split-brain-resolver.stable-after=3s",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xmx512m");

  @Test
  void aWorkerKilledMidSweepLosesNoPointAndRecordsNoneTwice(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("cluster-test.yaml");
    Files.writeString(file, SCENARIO);
    int port = freePort();
    int victimPort = freePort();
    int survivorPort = freePort();
    List<Process> started = new ArrayList<>();
    try {
      // Given a coordinator that runs no point itself, and two workers of one slot each.
      Process coordinator =
          start(tmp, "coordinator", started, "sweep", file.toString(), "--out",
              tmp.resolve("cluster").toString(), "--cluster", "--bind", "127.0.0.1:" + port);
      Process victim =
          start(tmp, "victim", started, "worker", "--join", "127.0.0.1:" + port, "--bind",
              "127.0.0.1:" + victimPort, "--slots", "1");
      start(tmp, "survivor", started, "worker", "--join", "127.0.0.1:" + port, "--bind",
          "127.0.0.1:" + survivorPort, "--slots", "1");

      // When the victim has finished two points and has just started a third, it is killed.
      Path victimLog = tmp.resolve("victim.log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      String inFlight = null;
      while (inFlight == null && victim.isAlive() && System.nanoTime() < deadline) {
        inFlight = pointInFlight(victimLog, 2);
        if (inFlight == null) {
          Thread.sleep(2);
        }
      }
      victim.destroyForcibly(); // SIGKILL: no goodbye to the cluster
      assertTrue(inFlight != null, "the victim never held a point: " + Files.readString(victimLog));
      assertTrue(coordinator.waitFor(90, TimeUnit.SECONDS), "the coordinator finishes");
      String log = Files.readString(tmp.resolve("coordinator.log"));
      assertEquals(0, coordinator.exitValue(), "coordinator exit code; its log:\n" + log);

      // Then the point the victim held was re-queued and run by the survivor,
      assertTrue(log.contains("re-queued 1 point of 127.0.0.1:" + victimPort + ": [" + inFlight),
          "the lost point " + inFlight + " is re-queued:\n" + log);
      assertTrue(log.contains("point " + inFlight + " ran on 127.0.0.1:" + survivorPort),
          "the survivor ran the lost point:\n" + log);

      // and results.csv equals the local sweep's less its wall-clock column, one row per point.
      StringWriter text = new StringWriter();
      assertEquals(0, Main.execute(new String[] {"sweep", file.toString(), "--out",
          tmp.resolve("local").toString(), "--parallel", "2"}, new PrintWriter(text),
          new PrintWriter(text)), text.toString());
      List<String> local = withoutWall(tmp.resolve("local").resolve("results.csv"));
      List<String> cluster = withoutWall(tmp.resolve("cluster").resolve("results.csv"));
      assertEquals(local, cluster, "results.csv byte for byte less wallSeconds");
      assertEquals(31, cluster.size(), "a header and 30 rows");
      assertEquals(30, new HashSet<>(cluster.subList(1, 31)).size(), "every point once");
      assertEquals(Files.readString(tmp.resolve("local").resolve("report.md")),
          Files.readString(tmp.resolve("cluster").resolve("report.md")), "report.md");
    } finally {
      for (Process p : started) {
        p.destroyForcibly();
      }
    }
  }

  /** The point the worker's log says it started last, if it has finished {@code done} before. */
  static String pointInFlight(Path log, int done) throws IOException {
    if (!Files.exists(log)) {
      return null;
    }
    List<String> lines = Files.readAllLines(log);
    long finished = lines.stream().filter(l -> l.startsWith("finished ")).count();
    if (finished < done || lines.isEmpty()) {
      return null;
    }
    String last = lines.get(lines.size() - 1);
    return last.startsWith("running ") ? last.substring("running ".length()) : null;
  }

  static Process start(Path tmp, String name, List<Process> started, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(FAST);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve(name + ".log").toFile())
            .start();
    started.add(p);
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static List<String> withoutWall(Path csv) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      lines.add(line.substring(0, line.lastIndexOf(',')));
    }
    return lines;
  }
}
