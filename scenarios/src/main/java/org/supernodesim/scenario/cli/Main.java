package org.supernodesim.scenario.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.results.report.OutputException;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.run.TooLargeForHeap;
import org.supernodesim.scenario.run.RuntimeKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code supernode-sim} command. A user's mistake (a bad scenario, a missing figure, a bad
 * option) prints one message and exits with 2; an output that cannot be written, 4; running out
 * of heap, 3; anything else is our bug and prints its stack trace, exit 1 ({@link ExitCode}).
 */
@Command(
    name = "supernode-sim",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Simulates accelerator clusters (supernodes) running training and inference.",
    subcommands = {
      RunCommand.class,
      SweepCommand.class,
      WorkerCommand.class,
      PlanCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      ValidateCommand.class,
      CatalogCommand.class,
      BenchCommand.class,
      ExportChakraCommand.class,
      ReproduceCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.registerConverter(RuntimeKind.class, Main::runtime);
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          // One line, as for a bad scenario; the command's help is a command away.
          CommandLine at = e.getCommandLine();
          at.getErr().println(e.getMessage() + " (see: supernode-sim "
              + (at.getParent() == null ? "--help" : "help " + at.getCommandName()) + ")");
          return ExitCode.INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ScenarioException || e instanceof MissingFigureException) {
            commandLine.getErr().println(e.getMessage());
            return ExitCode.INPUT;
          }
          if (e instanceof TooLargeForHeap) {
            commandLine.getErr().println(e.getMessage());
            return ExitCode.OUT_OF_MEMORY;
          }
          if (e instanceof OutputException) {
            commandLine.getErr().println(e.getMessage());
            return ExitCode.OUTPUT;
          }
          throw e;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("supernode-sim: out of memory with a heap of "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; give Java more, e.g."
          + " SUPERNODE_SIM_JAVA_OPTS=-Xmx16g, or simulate fewer chips");
      err.flush();
      return ExitCode.OUT_OF_MEMORY;
    }
  }

  private static RuntimeKind runtime(String label) {
    for (RuntimeKind k : RuntimeKind.values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new CommandLine.TypeConversionException("\"" + label + "\" is not a runtime; valid: "
        + String.join(", ", java.util.Arrays.stream(RuntimeKind.values())
            .map(RuntimeKind::label).toList()));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version Maven built, from a filtered resource. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "supernode-sim " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
