package org.supernodesim.scenario.cli;

import java.util.concurrent.Callable;
import org.supernodesim.interconnect.network.FlowBenchmark;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.units.Units;
import org.supernodesim.scenario.file.SystemPresets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bench network}: the flow-level max-min solver on a system preset's all-to-all. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = {
      "The flow-level network alone (no chips, no engine): an all-to-all of n chips on a system"
          + " preset's scale-up fabric, --bytes per chip cut into n blocks, all started at once"
          + " and run to the last completion, on one thread.",
      "Prints, per chip count, the max-min solves, flow events (starts and drains) per second,"
          + " wall time, and how the cost grows from the first to the last count."
    })
final class NetworkBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--system", defaultValue = "cloudmatrix384",
      description = "The system preset whose scale-up fabric carries it. Default: ${DEFAULT-VALUE}.")
  String system;

  @Option(names = "--chips", split = ",", defaultValue = "64,128,192,256,384",
      description = "Chip counts, comma-separated. Default: ${DEFAULT-VALUE}.")
  int[] chips;

  @Option(names = "--bytes-gib", defaultValue = "1",
      description = "GiB each chip sends in all. Default: ${DEFAULT-VALUE}.")
  double gibibytes;

  @Override
  public Integer call() {
    FabricSpec fabric = SystemPresets.standard().get(system).preset().scaleUp();
    var out = spec.commandLine().getOut();
    out.printf("network benchmark: flow-level all-to-all on %s (%s), %.3g GiB per chip%n",
        system, fabric.kind(), gibibytes);
    out.flush();
    out.print(FlowBenchmark.format(
        FlowBenchmark.run(fabric, chips, Math.round(gibibytes * Units.BYTES_PER_GIB))));
    out.flush();
    return 0;
  }
}
