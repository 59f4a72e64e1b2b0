package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.report.CsvTable;
import org.supernodesim.results.report.Decision;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.report.html.PlanPage;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.SweepDefinition;

/**
 * The files of a plan, beside the sweep's own in its folder: {@code plan.csv} (every simulated
 * candidate, ranked), {@code pruned.csv} (the candidates dropped before simulating, with why),
 * {@code plan.html} (the Pareto front and the ranked table) and {@code <name>-best.yaml} (the best
 * layout as a scenario file that runs on its own). Each is written to a temporary file and renamed.
 */
public final class PlanReports {
  private PlanReports() {}

  /** What was written, for the command's summary; the best layout's file when one is acceptable. */
  public record Written(Path ranked, Path pruned, Path page, Optional<Path> best) {}

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

  /**
   * Writes pruned.csv, plan.csv, plan.html and, when a candidate is acceptable, the best scenario.
   */
  public static Written write(Path dir, Plan plan, Plan.Pruning pruning, Ranking ranking) {
    Path pruned = writePruned(dir, plan, pruning);
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
    Optional<Path> best = ranking.best().map(b -> writeBest(dir, plan, b));
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of("candidates in the space", Integer.toString(pruning.candidates())));
    facts.add(List.of("pruned before simulating", Integer.toString(pruning.pruned().size())));
    facts.add(List.of("simulated", Integer.toString(ranking.ranked().size())));
    facts.add(
        List.of(
            "meeting the constraints",
            Long.toString(ranking.ranked().stream().filter(r -> r.rank() > 0).count())));
    facts.add(
        List.of(
            "objectives", String.join(", ", objectives.stream().map(Objective::label).toList())));
    ranking
        .best()
        .ifPresent(
            b -> facts.add(List.of("best", b.point().id() + " (" + describe(b.point()) + ")")));
    Path page =
        write(
            dir.resolve("plan.html"),
            PlanPage.of(plan.name() + ": plan", decision(objectives, pruning, ranking), facts,
                chart(ranking, objectives), header, rows));
    return new Written(ranked, pruned, page, best);
  }

  /** The plan's question and its answer: the best layout and its figure on each objective. */
  private static Decision decision(
      List<Objective> objectives, Plan.Pruning pruning, Ranking ranking) {
    List<List<String>> answers = new ArrayList<>();
    ranking.best().ifPresentOrElse(b -> {
      answers.add(List.of("best layout", b.point().id() + " (" + describe(b.point()) + ")"));
      for (int i = 0; i < objectives.size(); i++) {
        Objective o = objectives.get(i);
        answers.add(List.of(o.label(), ReportFormat.number(b.objectives()[i])
            + (o.unit().isEmpty() ? "" : " " + o.unit())));
      }
    }, () -> answers.add(List.of("best layout", "none meets the constraints")));
    answers.add(List.of("searched", pruning.candidates() + " candidates: "
        + pruning.pruned().size() + " pruned, " + ranking.ranked().size() + " simulated, "
        + ranking.ranked().stream().filter(r -> r.rank() > 0).count() + " acceptable"));
    return new Decision("Which layout is best by "
        + String.join(", then ", objectives.stream().map(Objective::label).toList())
        + ", within the plan's constraints?", answers);
  }

  /** The first two objectives against each other (or the first against the rank). */
  private static Optional<PlanPage.FrontChart> chart(Ranking ranking, List<Objective> objectives) {
    List<PlanPage.Layout> others = new ArrayList<>();
    List<PlanPage.Layout> front = new ArrayList<>();
    boolean two = objectives.size() >= 2;
    for (Ranking.Ranked r : ranking.ranked()) {
      if (r.rank() == 0) {
        continue;
      }
      double x = two ? r.objectives()[0] : r.rank();
      double y = two ? r.objectives()[1] : r.objectives()[0];
      (r.pareto() ? front : others).add(new PlanPage.Layout(x, y, r.point().id()));
    }
    if (others.isEmpty() && front.isEmpty()) {
      return Optional.empty();
    }
    Objective first = objectives.get(0);
    Objective yo = two ? objectives.get(1) : first;
    return Optional.of(
        new PlanPage.FrontChart(
            two
                ? "Pareto front: " + first.label() + " against " + yo.label()
                : first.label() + " by rank",
            two ? first.label() : "rank",
            two ? first.unit() : "",
            yo.label(),
            yo.unit(),
            others,
            front));
  }

  /**
   * The best layout as a scenario file: the plan's scenario without its plan, with the --set edits
   * and the layout's settings written in, and file paths made relative to {@code dir}.
   */
  static Path writeBest(Path dir, Plan plan, Ranking.Ranked best) {
    YAMLMapper yaml =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    ObjectNode tree = plan.file().effectiveTree(settingsOf(plan, best.point()));
    Path folder = Plan.folder(plan.path());
    Path from = dir.toAbsolutePath().normalize();
    for (String at : ScenarioFile.filePointers(tree)) {
      JsonPointer pointer = JsonPointer.compile(at);
      if (tree.at(pointer).isTextual()) {
        Path target = folder.resolve(tree.at(pointer).asText()).normalize();
        ((ObjectNode) tree.at(pointer.head()))
            .put(
                pointer.last().getMatchingProperty(),
                from.relativize(target).toString().replace('\\', '/'));
      }
    }
    String header =
        String.format(
            Locale.ROOT,
            "# The best layout supernode-sim plan found for %s (%s): %s; %s%n"
                + "# Run it: supernode-sim run %s-best.yaml%n",
            plan.path().getFileName(),
            plan.definition().objectives().get(0).label(),
            describe(best.point()),
            objectiveText(plan, best),
            plan.name());
    try {
      return write(dir.resolve(plan.name() + "-best.yaml"), header + yaml.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the best layout's scenario as YAML", e);
    }
  }

  private static String objectiveText(Plan plan, Ranking.Ranked best) {
    StringBuilder b = new StringBuilder();
    List<Objective> objectives = plan.definition().objectives();
    for (int i = 0; i < objectives.size(); i++) {
      b.append(i == 0 ? "" : ", ")
          .append(objectives.get(i).label())
          .append(' ')
          .append(ReportFormat.number(best.objectives()[i]))
          .append(' ')
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
    return p.ok() && p.result().workload() instanceof TrainingResult t ? t.layout() : "";
  }

  private static Path write(Path file, String text) {
    OutputFiles.write(file, text);
    return file;
  }
}
