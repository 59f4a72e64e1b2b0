package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.supernodesim.model.catalog.CatalogEntry;
import org.supernodesim.model.catalog.CatalogFigure;
import org.supernodesim.model.catalog.Fabric;
import org.supernodesim.model.catalog.ModelFile;
import org.supernodesim.model.catalog.ModelReference;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.catalog.Source;
import org.supernodesim.model.catalog.Variant;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.scenario.catalog.Catalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code catalog list} and {@code catalog show NAME}: the presets, their figures and sources. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Lists the chip, system and model presets, or shows one with its sources.",
    subcommands = {
      CatalogCommand.ListCommand.class,
      CatalogCommand.ShowCommand.class,
      CatalogModelsCommand.class
    })
final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE; // a subcommand is required
  }

  /** Tables of chips (key figures), systems and models. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Tables of the chips (key figures with their trust), systems and models.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Catalog catalog = Catalog.standard();
      PrintWriter out = spec.commandLine().getOut();
      out.println("Chips: dense peaks; scale-up per direction per chip; (r) reported,"
          + " (e) estimated, n/s not supported, no mark = published.");
      List<List<String>> chips = new ArrayList<>();
      chips.add(List.of("id", "name", "BF16 TFLOPS", "FP8 TFLOPS", "HBM GB", "HBM TB/s",
          "scale-up GB/s/dir", "TDP W"));
      for (CatalogEntry entry : catalog.chips()) {
        ChipSpec chip = catalog.chip(entry.id());
        chips.add(List.of(chip.id(), chip.name(),
            cell(entry, chip, ChipFigure.BF16_DENSE_FLOPS, 1e12),
            cell(entry, chip, ChipFigure.FP8_DENSE_FLOPS, 1e12),
            cell(entry, chip, ChipFigure.HBM_CAPACITY, 1e9),
            cell(entry, chip, ChipFigure.HBM_BANDWIDTH, 1e12),
            cell(entry, chip, ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION, 1e9),
            cell(entry, chip, ChipFigure.TDP, 1)));
      }
      CatalogText.table(chips).forEach(out::println);
      out.println("Readings of conflicting reports (cluster.chip: PRESET@READING; catalog show"
          + " NAME): " + String.join(", ", catalog.readingNames()));

      out.println();
      out.println("Systems:");
      List<List<String>> systems = new ArrayList<>();
      systems.add(List.of("id", "chip", "chips", "aliases", "name"));
      for (CatalogEntry system : catalog.systems()) {
        String count = system.figure("acceleratorCount").map(CatalogText::human).orElse("?");
        systems.add(List.of(system.id(), system.chip(), count,
            String.join(", ", system.aliases()), system.name()));
      }
      CatalogText.table(systems).forEach(out::println);

      out.println();
      out.println("Models: parameters as published (total / active for MoE).");
      List<List<String>> models = new ArrayList<>();
      models.add(List.of("id", "kind", "layers", "hidden", "parameters", "name"));
      for (ModelShape model : catalog.models()) {
        models.add(List.of(model.id(), model.kind(), text(model.layers()),
            text(model.hiddenSize()), parameters(model), model.name()));
      }
      CatalogText.table(models).forEach(out::println);
      out.flush();
      return CommandLine.ExitCode.OK;
    }

    /**
     * A chip figure in {@code unit}. "Not supported" keeps the file's own trust mark, which
     * {@link Figure.NotSupported} does not carry (910B: FP8 not supported is an estimate).
     */
    private static String cell(CatalogEntry entry, ChipSpec chip, ChipFigure key, double unit) {
      Figure figure = chip.figures().get(key);
      String text = CatalogText.cell(figure, unit);
      if (figure instanceof Figure.NotSupported) {
        text += entry.figure(key.key())
            .map(f -> CatalogText.mark(f.confidence()))
            .orElse("");
      }
      return text;
    }

    private static String parameters(ModelShape model) {
      ModelShape.Parameters p = model.parameters();
      if (p == null) {
        return "?";
      }
      String total = p.totalAsPublished() != null ? p.totalAsPublished() : text(p.total());
      return p.activeAsPublished() == null ? total : total + " / " + p.activeAsPublished();
    }
  }

  /** Every figure of one preset with its value, trust and source; then the sources. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Every figure of a chip, system or model: value, confidence, source, notes.")
  static final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A chip, system or model id or alias.")
    String name;

    @Override
    public Integer call() {
      Catalog catalog = Catalog.standard();
      PrintWriter out = spec.commandLine().getOut();
      try {
        if (catalog.isModel(name)) {
          showModel(out, catalog.model(name), catalog.modelFile(name));
        } else {
          // PRESET@READING shows the preset's file with the reading's figures as models see them.
          int at = name.indexOf('@');
          CatalogEntry entry = catalog.entry(at > 0 ? name.substring(0, at) : name);
          showEntry(out, entry, CatalogEntry.CHIP.equals(entry.kind()) ? catalog.chip(name) : null);
        }
      } catch (IllegalArgumentException e) {
        // A name the user typed: the message lists the valid ones; no stack trace (STYLE §6).
        spec.commandLine().getErr().println(e.getMessage());
        return CommandLine.ExitCode.USAGE;
      }
      out.flush();
      return CommandLine.ExitCode.OK;
    }

    private static void showEntry(PrintWriter out, CatalogEntry e, ChipSpec spec) {
      out.println(e.id() + ": " + e.name() + " (" + e.kind() + ", " + e.vendor() + ")");
      if (!e.aliases().isEmpty()) {
        out.println("aliases: " + String.join(", ", e.aliases()));
      }
      if (e.chip() != null) {
        out.println("chip: " + e.chip());
      }
      if (e.summary() != null) {
        out.println(e.summary().strip());
      }
      figures(out, e, "figures", e.figures());
      figures(out, e, "measured (achieved, for calibration)", e.measured());
      if (e.perDie() != null) {
        figures(out, e, "per die" + (e.perDie().note() == null ? "" : ": " + e.perDie().note()),
            e.perDie().figures());
      }
      for (Fabric fabric : e.fabrics()) {
        out.println();
        out.println("fabric " + fabric.id() + " (" + fabric.role()
            + (Boolean.TRUE.equals(fabric.typical()) ? ", typical build" : "") + "): "
            + fabric.technology());
        if (fabric.topology() != null) {
          out.println("  topology: " + fabric.topology().strip());
        }
        figures(out, e, null, fabric.figures());
      }
      figures(out, e, "latencies", e.latencies());
      figures(out, e, "deployment", e.deployment());
      for (Variant variant : e.variants()) {
        figures(out, e, "variant " + variant.id() + ": " + variant.label()
            + (variant.note() == null ? "" : " (" + variant.note() + ")"), variant.figures());
      }
      if (spec != null) {
        out.println();
        out.println("as the models see it (SI units):");
        for (ChipFigure f : ChipFigure.values()) {
          out.println("  " + f.key() + "  " + chipFigure(spec.figures().get(f), f.siUnit()));
        }
      }
      lines(out, "notes", e.notes());
      lines(out, "deployment notes", e.deploymentNotes());
      lines(out, "unverified claims (not used)", e.unverifiedClaims());
      e.conflictingReports().forEach(r -> lines(out,
          "conflicting report (" + r.confidence().text() + ", " + r.date() + ")",
          List.of(r.claim(), "source: " + r.source(), "note: " + r.note())));
      lines(out, "open questions", e.openQuestions());
      out.println();
      out.println("sources:");
      for (Source s : e.sources()) {
        out.println("  [" + s.id() + "] " + s.title() + " (" + s.publisher() + ", "
            + (s.date() == null ? "undated" : s.date()) + ", " + s.type() + ")");
        out.println("      " + (s.url() == null ? "no URL (cited by title)" : s.url()));
      }
    }

    private static String chipFigure(Figure figure, String siUnit) {
      if (figure instanceof Figure.Known k) {
        return CatalogText.scientific(k.value()) + " " + siUnit + ", "
            + k.confidence().text() + ": " + k.source();
      }
      if (figure instanceof Figure.NotSupported n) {
        return "not supported: " + n.source();
      }
      return "unknown: " + ((Figure.Unknown) figure).needed();
    }

    private static void figures(
        PrintWriter out, CatalogEntry e, String title, Map<String, CatalogFigure> figures) {
      if (figures.isEmpty()) {
        return;
      }
      if (title != null) {
        out.println();
        out.println(title + ":");
      }
      figures.forEach((key, f) -> {
        StringBuilder head = new StringBuilder("  " + key + "  " + CatalogText.human(f) + "  "
            + f.confidence().text());
        for (String qualifier : new String[] {f.direction(), f.sparsity()}) {
          if (qualifier != null) {
            head.append(", ").append(qualifier);
          }
        }
        out.println(head);
        if (f.source() != null) {
          out.println("      source: " + e.cite(f));
        }
        detail(out, "path", f.path());
        detail(out, "as quoted", f.asQuoted());
        detail(out, "derivation", f.derivation());
        detail(out, "note", f.note());
        detail(out, "needed", f.needed());
      });
    }

    private static void showModel(PrintWriter out, ModelShape m, ModelFile file) {
      out.println(m.id() + ": " + m.name() + " (model, " + m.organization() + ", " + m.released()
          + ", weights " + m.weights() + ")");
      if (!m.aliases().isEmpty()) {
        out.println("aliases: " + String.join(", ", m.aliases()));
      }
      out.println("kind " + m.kind() + ", layers " + text(m.layers()) + ", hidden "
          + text(m.hiddenSize()) + ", vocab " + text(m.vocabSize()) + ", tied embeddings "
          + text(m.tiedEmbeddings()) + ", " + text(m.positionEmbedding()) + ", "
          + text(m.norm()));
      out.println("attention: " + text(m.attention()));
      out.println("ffn: " + text(m.ffn()));
      out.println("moe: " + text(m.moe()));
      if (m.mtp() != null) {
        out.println("mtp: " + m.mtp());
      }
      out.println("sequence: " + text(m.sequence()));
      out.println("training: " + text(m.training()));
      out.println("parameters: " + text(m.parameters()));
      if (m.publishedRun() != null) {
        out.println("published run: " + m.publishedRun());
      }
      out.println();
      out.println("parameter check:");
      m.paramsCheck().forEach((k, v) -> out.println("  " + k + "  " + v));
      m.uncertain().forEach(u -> detail(out, "uncertain " + u.field(), u.note()));
      lines(out, "unknown", m.unknown());
      out.println();
      out.println("sources:");
      file.sourcesOf(m).forEach((k, v) -> out.println("  " + k + "  " + v));
      out.println();
      out.println("references:");
      for (Map.Entry<String, ModelReference> r : file.references().entrySet()) {
        out.println("  [" + r.getKey() + "] " + r.getValue().title());
        out.println("      " + (r.getValue().url() == null ? "no URL" : r.getValue().url()));
      }
    }

    private static void detail(PrintWriter out, String label, String text) {
      if (text != null) {
        out.println("      " + label + ": " + text.strip());
      }
    }

    private static void lines(PrintWriter out, String title, List<String> lines) {
      if (!lines.isEmpty()) {
        out.println();
        out.println(title + ":");
        lines.forEach(line -> out.println("  - " + line));
      }
    }
  }

  private static String text(Object value) {
    return value == null ? "?" : value.toString();
  }
}
