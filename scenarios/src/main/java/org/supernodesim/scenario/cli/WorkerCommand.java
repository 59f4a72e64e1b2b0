package org.supernodesim.scenario.cli;

import java.util.concurrent.Callable;
import org.supernodesim.scenario.cluster.NodeAddress;
import org.supernodesim.scenario.cluster.WorkerNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A worker of cluster sweeps: joins a coordinator and runs the points it hands out. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Joins the coordinator of a cluster sweep (sweep SCENARIO --cluster) and runs its points,"
          + " --slots at a time. The scenario and the files it names arrive with each point: no"
          + " shared disk is needed.",
      "When the sweep ends, or the coordinator is lost, the worker waits for the next"
          + " coordinator at the same address; stop it with Ctrl-C or kill. Exit 2 if the"
          + " coordinator refuses it (another version of supernode-sim)."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--join",
      required = true,
      paramLabel = "HOST:PORT",
      converter = ClusterOptions.AddressConverter.class,
      description = "The coordinator's address, exactly as its --bind names it.")
  NodeAddress join;

  @Option(
      names = "--slots",
      paramLabel = "N",
      description = "Points run at once (default: the machine's cores).")
  Integer slots;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Override
  public Integer call() {
    int n = slots != null ? slots : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--slots must be >= 1");
    }
    WorkerNode node =
        new WorkerNode(join, cluster.bindOr(NodeAddress.WORKER_DEFAULT), cluster.tls(), n);
    return node.serve(ScenarioOptions.loader(), spec.commandLine().getOut());
  }
}
