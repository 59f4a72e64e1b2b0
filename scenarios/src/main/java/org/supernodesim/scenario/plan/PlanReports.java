package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.supernodesim.results.report.CsvTable;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.report.html.PlanPage;
import org.supernodesim.results.report.html.SvgCharts;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.SweepDefinition;

/**
 * The files of a plan, beside the sweep's own in its folder: {@code plan.csv} (every simulated
 * candidate, ranked), {@code pruned.csv} (the candidates dropped before simulating, with why),
 * {@code plan.html} (the Pareto front and the ranked table) and {@code <name>-best.yaml} (the best
 * layout as a scenario file that runs on its own). Each is written to a temporary file and renamed.
 */
public final class PlanReports {
  private PlanReports() {}

  /** What was written, for the command's summary. */
  public record Written(Path ranked, Path pruned, Path page, Path best) {}

  /** Writes {@code pruned.csv}: the candidates not simulated, each with its reason. */
  public static Path writePruned(Path dir, Plan plan, Plan.Pruning pruning) {
    List<String> keys = keys(plan);
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(keys);
    header.add("reason");
    csv.append(CsvTable.line(header));
    for (Plan.Pruned p : pruning.pruned()) {
      List<String> row = new ArrayList<>();
      p.settings().forEach(s -> row.add(s.text()));
      row.add(p.reason());
      csv.append(CsvTable.line(row));
    }
    return write(dir.resolve("pruned.csv"), csv.toString());
  }

  /** Writes plan.csv, plan.html and, when a candidate is acceptable, the best scenario. */
  public static Written write(Path dir, Plan plan, Plan.Pruning pruning, Ranking ranking) {
    List<String> keys = keys(plan);
    List<Objective> objectives = plan.definition().objectives();
    List<String> header = new ArrayList<>(List.of("rank", "id"));
    header.addAll(keys);
    header.add("layout");
    header.add("chips");
    objectives.forEach(o -> header.add(o.column()));
    header.addAll(List.of("pareto", "reason"));
    StringBuilder csv = new StringBuilder(CsvTable.line(header));
    List<List<String>> rows = new ArrayList<>();
    for (Ranking.Ranked r : ranking.ranked()) {
      List<String> row = new ArrayList<>();
      row.add(r.rank() > 0 ? Integer.toString(r.rank()) : "");
      row.add(r.point().id());
      keys.forEach(k -> row.add(r.point().parameters().getOrDefault(k, "")));
      row.add(layout(r.point()));
      row.add(r.point().chips() > 0 ? Integer.toString(r.point().chips()) : "");
      for (double v : r.objectives()) {
        row.add(Double.isNaN(v) ? "" : Double.toString(v));
      }
      row.add(Boolean.toString(r.pareto()));
      row.add(r.reason().orElse(""));
      csv.append(CsvTable.line(row));
      rows.add(row);
    }
    Path ranked = write(dir.resolve("plan.csv"), csv.toString());
    Path best = null;
    if (ranking.best().isPresent()) {
      best = writeBest(dir, plan, ranking.best().get());
    }
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of("candidates in the space", Integer.toString(pruning.candidates())));
    facts.add(List.of("pruned before simulating", Integer.toString(pruning.pruned().size())));
    facts.add(List.of("simulated", Integer.toString(ranking.ranked().size())));
    facts.add(List.of("meeting the constraints",
        Long.toString(ranking.ranked().stream().filter(r -> r.rank() > 0).count())));
    facts.add(List.of("objectives", String.join(", ",
        objectives.stream().map(Objective::label).toList())));
    ranking.best().ifPresent(b -> facts.add(List.of("best", b.point().id() + " ("
        + describe(b.point()) + ")")));
    List<String> charts = new ArrayList<>();
    chart(ranking, objectives).ifPresent(charts::add);
    Path page = write(dir.resolve("plan.html"),
        PlanPage.of(plan.name() + ": plan", facts, charts, header, rows));
    return new Written(ranked, dir.resolve("pruned.csv"), page, best);
  }

  /** The first two objectives against each other (or the first against the rank). */
  private static java.util.Optional<String> chart(Ranking ranking, List<Objective> objectives) {
    List<SvgCharts.LabelledPoint> all = new ArrayList<>();
    List<SvgCharts.LabelledPoint> front = new ArrayList<>();
    boolean two = objectives.size() >= 2;
    for (Ranking.Ranked r : ranking.ranked()) {
      if (r.rank() == 0) {
        continue;
      }
      double x = two ? r.objectives()[0] : r.rank();
      double y = two ? r.objectives()[1] : r.objectives()[0];
      SvgCharts.LabelledPoint p = new SvgCharts.LabelledPoint(x, y, r.point().id());
      (r.pareto() ? front : all).add(p);
    }
    if (all.isEmpty() && front.isEmpty()) {
      return java.util.Optional.empty();
    }
    Objective first = objectives.get(0);
    SvgCharts.Axis x = two ? new SvgCharts.Axis(first.label(), first.unit())
        : new SvgCharts.Axis("rank", "");
    Objective yo = two ? objectives.get(1) : first;
    SvgCharts.Axis y = new SvgCharts.Axis(yo.label(), yo.unit());
    return java.util.Optional.of(SvgCharts.scatterChart(
        two ? "Pareto front: " + first.label() + " against " + yo.label()
            : first.label() + " by rank",
        x, y, List.of(new SvgCharts.Series("other layouts", all, false),
            new SvgCharts.Series("Pareto front", front, true))));
  }

  /**
   * The best layout as a scenario file: the plan's scenario without its plan, with the --set
   * edits and the layout's settings written in, and file paths made relative to {@code dir}.
   */
  static Path writeBest(Path dir, Plan plan, Ranking.Ranked best) {
    YAMLMapper yaml =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    try {
      ObjectNode tree = (ObjectNode) yaml.readTree(plan.scenarioText());
      tree.remove(ScenarioLoader.PLAN_KEY);
      for (String set : plan.sets()) {
        int eq = set.indexOf('=');
        ScenarioLoader.put(tree, set.substring(0, eq).trim(),
            yaml.readTree(set.substring(eq + 1)), "--set " + set);
      }
      List<SweepDefinition.Setting> settings = settingsOf(plan, best.point());
      for (SweepDefinition.Setting s : settings) {
        ScenarioLoader.put(tree, s.keyPath(), s.value(), s.where());
      }
      Path folder = Plan.folder(plan.path());
      for (String key : ScenarioFile.fileKeys()) {
        JsonNode n = tree.at("/" + key.replace('.', '/'));
        if (n.isTextual()) {
          Path target = folder.resolve(n.asText()).normalize();
          Path from = dir.toAbsolutePath().normalize();
          ScenarioLoader.put(tree, key, tree.textNode(
              from.relativize(target).toString().replace('\\', '/')), key);
        }
      }
      String header = String.format(Locale.ROOT,
          "# The best layout supernode-sim plan found for %s (%s): %s; %s%n"
              + "# Run it: supernode-sim run %s-best.yaml%n",
          plan.path().getFileName(), plan.definition().objectives().get(0).label(),
          describe(best.point()), objectiveText(plan, best), plan.name());
      return write(dir.resolve(plan.name() + "-best.yaml"), header + yaml.writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the best layout's scenario", e);
    }
  }

  private static String objectiveText(Plan plan, Ranking.Ranked best) {
    StringBuilder b = new StringBuilder();
    List<Objective> objectives = plan.definition().objectives();
    for (int i = 0; i < objectives.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(objectives.get(i).label()).append(' ')
          .append(ReportFormat.number(best.objectives()[i])).append(' ')
          .append(objectives.get(i).unit());
    }
    return b.toString().trim();
  }

  /** The plan's settings of a simulated point, read back from its parameters. */
  private static List<SweepDefinition.Setting> settingsOf(Plan plan, SweepPoint p) {
    List<SweepDefinition.Setting> settings = new ArrayList<>();
    for (List<SweepDefinition.Setting> axis : plan.definition().space()) {
      String text = p.parameters().get(axis.get(0).keyPath());
      axis.stream().filter(s -> s.text().equals(text)).findFirst().ifPresent(settings::add);
    }
    return settings;
  }

  private static List<String> keys(Plan plan) {
    return plan.definition().space().stream().map(a -> a.get(0).keyPath()).toList();
  }

  /** The training layout, or the point's settings for other workloads. */
  private static String describe(SweepPoint p) {
    String layout = layout(p);
    return layout.isEmpty() ? p.parameters().toString() : layout;
  }

  private static String layout(SweepPoint p) {
    return p.ok() && p.result().training() != null ? p.result().training().layout() : "";
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
