package org.supernodesim.scenario.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.results.report.OutputException;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.run.ChakraExport;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.chakra.ChakraWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a scenario's workload as Chakra execution traces, one file per chip. */
@Command(
    name = "export-chakra",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the scenario's workload as MLCommons Chakra execution traces, DIR/<name>.<rank>.et,"
          + " one per chip: a training step (every rank's graph), a collectives workload or a"
          + " replayed trace. A scenario with workload: {trace: {format: chakra, path:"
          + " DIR/<name>}} on the same cluster replays them to the same simulated time."
    })
final class ExportChakraCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Parameters(index = "1", paramLabel = "DIR", description = "The folder to write the files to.")
  Path folder;

  @Override
  public Integer call() {
    Scenario s = scenario.load();
    List<OperationGraph> graphs;
    try {
      graphs = ChakraExport.graphs(s);
    } catch (UnsupportedOperationException e) {
      throw new ScenarioException(scenario.file.toString(), "workload", e.getMessage());
    }
    ChakraWriter writer;
    try {
      writer = new ChakraWriter(graphs);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(
          scenario.file.toString(), "workload", "cannot be written as Chakra: " + e.getMessage());
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new OutputException(folder, OutputFiles.reason(e));
    }
    for (int rank = 0; rank < graphs.size(); rank++) {
      Path file = folder.resolve(ChakraWriter.fileName(s.name(), rank));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
        writer.write(rank, out);
      } catch (IOException e) {
        throw new OutputException(file, OutputFiles.reason(e));
      }
    }
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %d files, %s to %s; replay them with workload: {trace: {format: chakra, path:"
                + " %s}}%n",
            graphs.size(),
            folder.resolve(ChakraWriter.fileName(s.name(), 0)),
            ChakraWriter.fileName(s.name(), graphs.size() - 1),
            folder.resolve(s.name()));
    return ExitCode.OK;
  }
}
