package org.supernodesim.scenario.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * The {@code worker} command: a node that joins the coordinator at {@code join} and runs points
 * until it is stopped. When a sweep ends, or the coordinator is lost (crashed, or cut off long
 * enough for the split-brain resolver to down this side), the node starts afresh and keeps trying
 * to join the same address, so a restarted coordinator finds its workers again.
 *
 * @param join the coordinator's address
 * @param bind this worker's address (port 0: any free port)
 * @param tls Artery TLS, or none
 * @param slots points run at once
 */
public record WorkerNode(NodeAddress join, NodeAddress bind, Optional<TlsStores> tls, int slots) {
  public WorkerNode {
    if (slots < 1) {
      throw new IllegalArgumentException("--slots must be >= 1: " + slots);
    }
  }

  /** Serves until the JVM is stopped (exit 0) or the coordinator refuses this worker (exit 2). */
  public int serve(ScenarioLoader loader, PrintWriter out) {
    Consumer<String> log = Node.lines(out);
    String version = Node.version();
    while (true) {
      CompletableFuture<Worker.Exit> exit = new CompletableFuture<>();
      Path scratch = Scratch.create("supernode-sim-worker-");
      Behavior<Void> guardian =
          Behaviors.setup(
              ctx -> {
                String self = Node.self(ctx.getSystem());
                log.accept("worker " + self + " (" + slots + " slot" + (slots == 1 ? "" : "s")
                    + ") joining " + join);
                ctx.spawn(
                    Worker.create(
                        new Worker.Settings(slots, self, version, loader, scratch, log, exit)),
                    "sweep-worker");
                return Behaviors.empty();
              });
      ActorSystem<Void> system = Node.start(guardian, NodeConfig.of(bind, join, tls, slots), bind);
      system.getWhenTerminated().thenRun(() -> exit.complete(Worker.Exit.REJOIN));
      Worker.Exit why = exit.join();
      Node.stop(system, 20);
      Scratch.delete(scratch);
      if (why == Worker.Exit.REFUSED) {
        return 2;
      }
      if (stopping()) {
        return 0;
      }
      log.accept("waiting for the next sweep at " + join);
      try {
        Thread.sleep(1000); // let the port go before binding it again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  /** True once the JVM is shutting down (SIGTERM, Ctrl-C): then the node is not restarted. */
  private static boolean stopping() {
    try {
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

}
