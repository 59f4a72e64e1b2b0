package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.file.PublishedTable;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reproduce megatron}: a published table simulated row by row, side by side. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates every row of a published table and prints simulated next to published.",
      "TABLE: megatron (Megatron-LM SC'21 Table 1, scenarios/validation/megatron)."
    })
final class ReproduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TABLE", description = "megatron")
  String table;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "scenarios/validation/megatron",
      description = "The folder with the table and its scenarios. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!table.equals("megatron")) {
      spec.commandLine().getErr().println("\"" + table + "\" is not a table; valid: megatron");
      return CommandLine.ExitCode.USAGE;
    }
    List<PublishedTable.Row> rows = PublishedTable.read(dir);
    out.println("Megatron-LM SC'21 Table 1 (arXiv 2104.04473): TFLOP/s per GPU as the paper counts"
        + " them (eq. 3, recomputation included)");
    out.printf("%-6s %6s %3s %3s %10s %10s %8s %9s %8s %9s%n", "row", "gpus", "tp", "pp",
        "published", "simulated", "error", "step s", "bubble", "mem GB");
    double worst = 0;
    for (PublishedTable.Row row : rows) {
      RunResult r = ScenarioRunner.run(
          ScenarioOptions.loader().load(row.scenario(), List.of()),
          RuntimeChoice.SEQUENTIAL);
      TrainingResult t = (TrainingResult) r.workload(); // each row's scenario is a training step
      double error = t.tflopsPerChip() / row.tflopsPerGpu() - 1;
      worst = Math.max(worst, Math.abs(error));
      out.printf("%-6s %6d %3d %3d %10.1f %10.1f %+7.1f%% %9.2f %8.3f %9.1f%n", row.id(),
          row.gpus(), row.tp(), row.pp(), row.tflopsPerGpu(), t.tflopsPerChip(), 100 * error,
          t.stepSeconds(), t.bubbleFraction(), t.memoryPeakBytes() / 1e9);
      out.flush();
    }
    out.printf("largest error %.1f%% over %d rows%n", 100 * worst, rows.size());
    return CommandLine.ExitCode.OK;
  }
}
