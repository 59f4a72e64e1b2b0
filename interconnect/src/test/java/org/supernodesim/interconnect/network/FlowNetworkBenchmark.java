package org.supernodesim.interconnect.network;

import java.util.Locale;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Fabrics;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.units.Units;

/**
 * Cost of the max-min solver: a flow-level all-to-all of n chips on CloudMatrix384's UB Clos
 * ({@link Fabrics#cloudMatrixUb()}), each chip sending 1 GiB cut into n chunks (n-1 sent, as
 * nccl-tests counts all-to-all), all started at time 0. Prints wall time, flow events (starts
 * plus drains) per second and solves. Not a unit test: run it by hand on a quiet machine,
 *
 * <pre>java -cp interconnect/target/classes:interconnect/target/test-classes:\
 * cluster-model/target/classes org.supernodesim.interconnect.network.FlowNetworkBenchmark 64 384</pre>
 */
public final class FlowNetworkBenchmark {
  private FlowNetworkBenchmark() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {64, 128, 256, 384} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i]);
    }
    // The first, small run warms the JIT and is not reported.
    allToAll(32, Units.BYTES_PER_GIB);
    System.out.println(
        "chips  flows    solves  events    wall_s  events/s   simulated_ms  busiest_link_util");
    for (int n : sizes) {
      long started = System.nanoTime();
      FlowNetwork net = allToAll(n, Units.BYTES_PER_GIB);
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      LinkUsage busiest = net.busiestLinks(1).get(0);
      System.out.printf(
          Locale.ROOT,
          "%5d  %7d  %6d  %7d  %7.3f  %9.0f  %12.3f  %.3f (%s)%n",
          n,
          (long) n * (n - 1),
          net.solves(),
          net.flowEvents(),
          wallSeconds,
          net.flowEvents() / wallSeconds,
          net.nowPicos() / 1e9,
          busiest.utilisation(),
          busiest.link().tier());
    }
  }

  static FlowNetwork allToAll(int chips, long bytesPerChip) {
    FlowNetwork net = new FlowNetwork(new Router(Topology.buildForNetwork(Fabrics.cloudMatrixUb(), chips)));
    long chunk = bytesPerChip / chips;
    long id = 0;
    for (int a = 0; a < chips; a++) {
      for (int b = 0; b < chips; b++) {
        if (a != b) {
          net.start(new Transfer(id++, a, b, chunk), 0);
        }
      }
    }
    while (net.inFlight() > 0) {
      net.advanceTo(net.nextCompletionPicos());
    }
    return net;
  }
}
