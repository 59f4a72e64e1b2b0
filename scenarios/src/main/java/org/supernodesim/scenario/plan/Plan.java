package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.ServingWorkload;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.scenario.file.Workload;
import org.supernodesim.workload.training.StageMemory;
import org.supernodesim.workload.training.StepGenerator;

/**
 * A scenario file with a {@code plan:} block, read for {@code supernode-sim plan}: the scenario
 * (the loader leaves the plan out of it) and the plan's space, constraints and objectives.
 *
 * <p>The search is a sweep: the candidates that survive pruning become the rows of a {@code zip:}
 * block appended to the scenario's text, and that scenario runs as any sweep does, locally or on a
 * cluster, resuming from its folder. Pruning is deterministic, so a resumed plan finds the same
 * candidates, the same point ids and the points already run.
 */
public final class Plan {
  private final Path path;
  private final List<String> sets;
  private final ScenarioLoader loader;
  private final String scenarioText;
  private final ScenarioFile base;
  private final PlanDefinition definition;

  private Plan(
      Path path,
      List<String> sets,
      ScenarioLoader loader,
      String scenarioText,
      ScenarioFile base,
      PlanDefinition definition) {
    this.path = path;
    this.sets = List.copyOf(sets);
    this.loader = loader;
    this.scenarioText = scenarioText;
    this.base = base;
    this.definition = definition;
  }

  /** A candidate pruned before simulating, and why. */
  public record Pruned(List<SweepDefinition.Setting> settings, String reason) {}

  /**
   * The outcome of pruning.
   *
   * @param candidates the size of the space
   * @param kept the candidates to simulate, in the space's order
   * @param pruned the others with their reasons
   */
  public record Pruning(
      int candidates, List<List<SweepDefinition.Setting>> kept, List<Pruned> pruned) {}

  /**
   * The sweep that searches the kept candidates.
   *
   * @param text the scenario's text with the generated sweep block (what workers are sent)
   * @param file that text, read
   */
  public record Search(String text, ScenarioFile file) {}

  /**
   * Reads {@code path} (YAML) with the {@code --set} edits in {@code sets}: the scenario as the
   * loader reads any (its limits, its located errors) and the plan block bound beside it.
   */
  public static Plan read(Path path, List<String> sets, ScenarioLoader loader) {
    String name = path.getFileName().toString();
    if (name.endsWith(".json")) {
      throw new ScenarioException(
          name,
          PlanDefinition.KEY,
          "plan: is read from YAML scenario files; write this one as .yaml");
    }
    ScenarioFile file = loader.read(path, sets);
    if (file.sweep().present()) {
      throw new ScenarioException(
          file.where("sweep"),
          "sweep",
          "a plan searches its own space; drop sweep: (or run the sweep with supernode-sim sweep)");
    }
    PlanDefinition.Section section =
        file.plan(PlanDefinition.Section.class)
            .orElseThrow(
                () ->
                    new ScenarioException(
                        path.toString(),
                        PlanDefinition.KEY,
                        "missing; plan searches the space a plan: block names (see README,"
                            + " Plans)"));
    PlanDefinition definition = PlanDefinition.of(section, file::where);
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(path.toString(), "", "cannot be read");
    }
    return new Plan(path, sets, loader, text, file, definition);
  }

  public Path path() {
    return path;
  }

  public List<String> sets() {
    return sets;
  }

  /** The scenario file the plan searches around (its --set edits applied, no plan block). */
  ScenarioFile file() {
    return base;
  }

  public PlanDefinition definition() {
    return definition;
  }

  /** The scenario's text, plan included: what the best layout's file is written from. */
  String scenarioText() {
    return scenarioText;
  }

  /** The scenario's name (the plan's reports are titled with it). */
  public String name() {
    return base.base().name();
  }

  /**
   * Expands the space and drops what cannot be run or cannot win, at no simulation's cost: a layout
   * the scenario's validation refuses (divisibility: tp of the heads, pp of the layers, tp·pp·cp of
   * the chips, dp·microBatch of the global batch...), more chips than {@code maxChips}, and with
   * {@code fits} a training step whose peak memory (the memory model of every stage) exceeds the
   * chip's HBM.
   */
  public Pruning prune() {
    List<List<SweepDefinition.Setting>> all = product(definition.space());
    List<List<SweepDefinition.Setting>> kept = new ArrayList<>();
    List<Pruned> pruned = new ArrayList<>();
    Constraints c = definition.constraints();
    for (List<SweepDefinition.Setting> candidate : all) {
      Scenario s;
      try {
        s = base.point(new SweepDefinition.Point("candidate", candidate));
      } catch (ScenarioException e) {
        // The loader names the candidate's settings; pruned.csv has them in its columns already.
        pruned.add(
            new Pruned(
                candidate,
                "invalid: "
                    + e.problem().replaceFirst(" \\(in sweep point candidate: .*\\)$", "")));
        continue;
      } catch (MissingFigureException e) {
        pruned.add(new Pruned(candidate, "invalid: " + e.getMessage()));
        continue;
      }
      if (c.maxChips() != null && s.chips() > c.maxChips()) {
        pruned.add(new Pruned(candidate, s.chips() + " chips, over maxChips " + c.maxChips()));
        continue;
      }
      if (c.fits()) {
        OptionalDouble peak = peakMemoryBytes(s);
        double capacity =
            peak.isPresent() ? s.chip().require(ChipFigure.HBM_CAPACITY) : Double.MAX_VALUE;
        if (peak.isPresent() && peak.getAsDouble() > capacity) {
          pruned.add(
              new Pruned(
                  candidate,
                  String.format(
                      Locale.ROOT,
                      "does not fit: %.1f GB per chip of %.1f GB (memory model)",
                      peak.getAsDouble() / 1e9,
                      capacity / 1e9)));
          continue;
        }
      }
      kept.add(candidate);
    }
    return new Pruning(all.size(), kept, pruned);
  }

  /** The busiest pipeline stage's memory of a training step (memory model); empty otherwise. */
  private static OptionalDouble peakMemoryBytes(Scenario s) {
    return s.workload()
        .match(
            new Workload.Cases<OptionalDouble>() {
              @Override
              public OptionalDouble collectives(CollectiveWorkload w) {
                return OptionalDouble.empty();
              }

              @Override
              public OptionalDouble training(TrainingWorkload w) {
                return StepGenerator.generate(w.job(), w::algorithm)
                    .memory()
                    .stream()
                    .mapToDouble(StageMemory::totalBytes)
                    .max();
              }

              @Override
              public OptionalDouble serving(ServingWorkload w) {
                return OptionalDouble.empty();
              }

              @Override
              public OptionalDouble trace(TraceWorkload w) {
                return OptionalDouble.empty();
              }
            });
  }

  /** The sweep over {@code kept}: the scenario's text with a generated {@code zip:} block. */
  public Search search(List<List<SweepDefinition.Setting>> kept) {
    if (kept.isEmpty()) {
      throw new ScenarioException(
          path.toString(),
          PlanDefinition.KEY + ".space",
          "no candidate is left to simulate: every one is invalid or does not fit"
              + " (the reasons are in pruned.csv)");
    }
    StringBuilder text = new StringBuilder(scenarioText);
    if (!scenarioText.endsWith("\n")) {
      text.append('\n');
    }
    text.append("# generated by supernode-sim plan: the candidates left after pruning\n");
    text.append("sweep:\n  zip:\n");
    for (int axis = 0; axis < kept.get(0).size(); axis++) {
      text.append("    ").append(flow(kept.get(0).get(axis).keyPath())).append(": [");
      for (int i = 0; i < kept.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(flow(kept.get(i).get(axis).value()));
      }
      text.append("]\n");
    }
    String generated = text.toString();
    return new Search(
        generated,
        loader.parse(path.getFileName().toString(), generated, sets, false, folder(path)));
  }

  /** The product of the axes, the last varying fastest (as a sweep's product). */
  static List<List<SweepDefinition.Setting>> product(List<List<SweepDefinition.Setting>> axes) {
    List<List<SweepDefinition.Setting>> combos = new ArrayList<>();
    combos.add(List.of());
    for (List<SweepDefinition.Setting> axis : axes) {
      List<List<SweepDefinition.Setting>> next = new ArrayList<>();
      for (List<SweepDefinition.Setting> prefix : combos) {
        for (SweepDefinition.Setting s : axis) {
          List<SweepDefinition.Setting> c = new ArrayList<>(prefix);
          c.add(s);
          next.add(c);
        }
      }
      combos = next;
    }
    return combos;
  }

  /** A value in YAML flow style that reads back as the same node (JSON quoting for text). */
  static String flow(Object value) {
    if (value instanceof String s) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
    JsonNode n = (JsonNode) value;
    if (n.isTextual()) {
      return n.toString();
    }
    if (n.isValueNode()) {
      return n.asText();
    }
    StringBuilder b = new StringBuilder();
    if (n.isArray()) {
      b.append('[');
      for (int i = 0; i < n.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(flow(n.get(i)));
      }
      return b.append(']').toString();
    }
    b.append('{');
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.append(first ? "" : ", ").append(flow(e.getKey())).append(": ").append(flow(e.getValue()));
      first = false;
    }
    return b.append('}').toString();
  }

  static Path folder(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    return folder == null ? Path.of("") : folder;
  }
}
