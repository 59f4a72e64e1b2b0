package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.supernodesim.scenario.cluster.ClusterSweep;
import org.supernodesim.scenario.cluster.NodeAddress;
import org.supernodesim.scenario.cluster.ScenarioBundle;
import org.supernodesim.scenario.sweep.SweepRunner;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the points of a sweep (or a plan's candidates) run, shared by {@code sweep} and {@code
 * plan}: on threads of this process, or, with {@code --cluster}, on the workers that join it.
 */
final class PointPlacement {
  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Points run at once, >= 1 (default: the machine's cores; with --cluster, points the"
              + " coordinator runs itself, >= 0, default 0).")
  Integer parallel;

  @Option(
      names = "--cluster",
      description =
          "Spread the points over the workers that join this coordinator (see worker --help).")
  boolean cluster;

  @Mixin ClusterOptions node = new ClusterOptions();

  /** Refuses a --parallel below what the mode takes, and cluster options without --cluster. */
  void check(CommandSpec spec) {
    if (!cluster) {
      if (node.bind != null || node.keyStore != null || node.trustStore != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--bind and --tls-* are options of --cluster");
      }
      if (parallel != null) {
        Options.atLeastOne(spec, "--parallel", parallel);
      }
    } else if (parallel != null && parallel < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--parallel must be >= 0 with --cluster, not " + parallel);
    }
  }

  /** The executor the options name; {@code bundle} is only read for a cluster. */
  SweepRunner.PointExecutor executor(Supplier<ScenarioBundle> bundle, PrintWriter out) {
    if (!cluster) {
      return SweepRunner.local(localThreads());
    }
    return new ClusterSweep(
        coordinator(), node.tls(), localThreads(), bundle.get(), ScenarioOptions.loader(), out);
  }

  /** Where the points run, as the line said before a sweep starts puts it. */
  String describe() {
    return cluster
        ? "on the workers that join " + coordinator() + " (" + localThreads() + " at a time here)"
        : localThreads() + " at a time";
  }

  private int localThreads() {
    if (parallel != null) {
      return parallel;
    }
    return cluster ? 0 : Runtime.getRuntime().availableProcessors();
  }

  private NodeAddress coordinator() {
    return node.bindOr(NodeAddress.COORDINATOR_DEFAULT);
  }
}
