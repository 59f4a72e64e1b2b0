package org.supernodesim.scenario.cluster;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.typed.Cluster;
import org.supernodesim.scenario.file.ScenarioException;

/** Starting and stopping one node (an actor system in the cluster), and what nodes compare. */
final class Node {
  private Node() {}

  /**
   * Starts a node under {@code guardian}.
   *
   * @throws ScenarioException naming {@code --bind} when the address cannot be listened on
   */
  static ActorSystem<Void> start(Behavior<Void> guardian, Config config, NodeAddress bind) {
    // Bind SLF4J first, so Pekko's first log lines are not queued and replayed with a warning.
    org.slf4j.LoggerFactory.getILoggerFactory();
    try {
      return ActorSystem.create(guardian, NodeConfig.SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new ScenarioException("--bind " + bind, "",
          "cannot listen there (" + root.getMessage() + "); name a free port of an address of"
              + " this machine");
    }
  }

  /** Prints each line whole and at once, from any thread. */
  static Consumer<String> lines(PrintWriter out) {
    return line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }

  /** This node's own address as the others see it, {@code host:port} (the port once bound). */
  static String self(ActorSystem<?> system) {
    var a = Cluster.get(system).selfMember().address();
    return a.host().get() + ":" + a.port().get();
  }

  /** Stops the node and waits for it, at most {@code seconds}. */
  static void stop(ActorSystem<?> system, int seconds) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      // the JVM exits anyway; nothing of the sweep is lost (every point is on disk)
    }
  }

  /**
   * The version nodes must share: the build's version and the protocol's. A worker of another is
   * refused, since it might compute another answer for the same point.
   */
  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        Node.class.getResourceAsStream("/org/supernodesim/scenario/cli/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build's version", e);
    }
    return "supernode-sim " + p.getProperty("version", "unknown") + " (cluster protocol "
        + PROTOCOL + ")";
  }

  /** Raised when the messages between nodes change incompatibly. */
  static final int PROTOCOL = 1;
}
