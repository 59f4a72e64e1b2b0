package org.supernodesim.scenario.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.results.report.OutputException;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.run.TooLargeForHeap;
import org.supernodesim.scenario.run.RuntimeKind;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code supernode-sim} command. A user's mistake (a bad scenario, a missing figure, a bad
 * option) prints one message and exits with 2; an output that cannot be written, 4; running out
 * of heap, 3; anything else is our bug and prints its stack trace, exit 1 ({@link ExitCode}).
 *
 * <p>This command and the two that short runs use, {@code run} and {@code validate}, are built
 * with picocli's programmatic API, not read from annotations: picocli reads a command's annotations
 * by reflection, through a proxy class spun per annotation type, and for these three, with the
 * standard help options' own annotated mixin, that was about 40 ms of CPU on the main thread of a
 * 0.5 s run, before anything else. Their help and errors are the same, byte for byte.
 */
public final class Main implements Runnable {
  private static final String NAME = "supernode-sim";

  static {
    // Picocli looks for Groovy (groovy.lang.Closure) when it first builds a command: a lookup that
    // misses every jar of the class path, and so opens and indexes each (the 21,000-entry runnable
    // jar on the main thread, before the command line is parsed). We have no Groovy closures.
    System.setProperty("picocli.disable.closures", "true");
  }

  /**
   * The subcommands by name, in the order help lists them. Picocli reads a command's annotations
   * (by reflection, through proxies) when it is added, which for all of them was a fifth of a
   * short run's start-up; so a command line adds only the subcommand its first word names, and
   * all of them when it names none (help, a listing, an unknown word and its suggestions).
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  /** Commands that load a scenario, and with it the catalog's prices. */
  private static final Set<String> SCENARIO_COMMANDS = Set.of("run", "validate", "sweep", "plan");

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("run", RunCommand::spec);
    m.put("sweep", SweepCommand::new);
    m.put("worker", WorkerCommand::new);
    m.put("plan", PlanCommand::new);
    m.put("report", ReportCommand::new);
    m.put("compare", CompareCommand::new);
    m.put("validate", ValidateCommand::spec);
    m.put("catalog", CatalogCommand::new);
    m.put("bench", BenchCommand::new);
    m.put("export-chakra", ExportChakraCommand::new);
    m.put("reproduce", ReproduceCommand::new);
    // A lambda, not HelpCommand::new: see OldInterfaces.
    m.put("help", () -> new CommandLine.HelpCommand());
    return m;
  }

  /** The command line for {@code args}: with only the subcommand they name, if they name one. */
  static CommandLine commandLine(String[] args) {
    Main main = new Main();
    main.spec =
        Options.command(
                main,
                NAME,
                "Simulates accelerator clusters (supernodes) running training and inference.")
            .versionProvider(new Version());
    CommandLine cli = new CommandLine(main.spec);
    String first = args.length > 0 ? args[0] : "";
    boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
    if (versionOnly) {
      return cli;
    }
    Supplier<Object> named = first.equals("help") ? null : SUBCOMMANDS.get(first);
    if (named != null) {
      cli.addSubcommand(first, named.get());
    } else {
      SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    return cli;
  }

  private CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 1 && SCENARIO_COMMANDS.contains(args[0])) {
      prefetchCatalog();
    }
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Starts building the YAML parser and reading the catalog's prices on a thread of their own,
   * for a command that loads a scenario, beside the command line's set-up: every scenario takes
   * its cost defaults from the prices (read from their JSON twin without databind, about 15 ms).
   * A scenario that {@code DirectTrees} and {@code DirectBinder} read needs no databind mapper at
   * all (its date format and the sections' readers cost about 100 ms of CPU, cold); one they
   * leave to databind builds it then. A failure here is left for the scenario's own read to
   * report.
   */
  private static void prefetchCatalog() {
    Thread t = new Thread(() -> {
      try {
        ScenarioLoader.prepare();
        Catalog.standard().prepare();
      } catch (RuntimeException | LinkageError e) {
        // the scenario's own read reports it
      }
    }, "catalog-prefetch");
    t.setDaemon(true);
    t.start();
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    cli.registerConverter(RuntimeKind.class, new RuntimeConverter());
    cli.setParameterExceptionHandler(new ParameterErrors());
    cli.setExecutionExceptionHandler(new ExecutionErrors());
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

  /*
   * OldInterfaces: picocli's classes are built for Java 5. The class-data archive keeps such a
   * class only if nothing linked it while the archive was dumped, and a lambda or method reference
   * whose target is one of its interfaces or classes (a converter, a handler, HelpCommand::new) is
   * spun, and so links it, when dumped: it then loaded and was verified from the jar on every run,
   * with the 29 built-in converters that implement the same interface. So the handlers below are
   * classes of their own.
   */

  /** Reads {@code --runtime}. */
  private static final class RuntimeConverter implements CommandLine.ITypeConverter<RuntimeKind> {
    @Override
    public RuntimeKind convert(String label) {
      for (RuntimeKind k : RuntimeKind.values()) {
        if (k.label().equals(label)) {
          return k;
        }
      }
      throw new CommandLine.TypeConversionException("\"" + label + "\" is not a runtime; valid: "
          + String.join(", ", java.util.Arrays.stream(RuntimeKind.values())
              .map(RuntimeKind::label).toList()));
    }
  }

  /** A bad option: one line, as for a bad scenario; the command's help is a command away. */
  private static final class ParameterErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      CommandLine at = e.getCommandLine();
      at.getErr().println(e.getMessage() + " (see: supernode-sim "
          + (at.getParent() == null ? "--help" : "help " + at.getCommandName()) + ")");
      return ExitCode.INPUT;
    }
  }

  /** A user's mistake prints its message and exits 2 (3, 4 for heap and output); ours throws. */
  private static final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
        throws Exception {
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
    }
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
