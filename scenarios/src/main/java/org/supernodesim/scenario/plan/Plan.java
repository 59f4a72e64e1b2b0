package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.scenario.file.KeyLocations;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.SweepDefinition;
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
      Path path, List<String> sets, ScenarioLoader loader, String scenarioText, ScenarioFile base,
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

  /** Reads {@code path} (YAML) with the {@code --set} edits in {@code sets}. */
  public static Plan read(Path path, List<String> sets, ScenarioLoader loader) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(path.toString(), "", "no such file");
    } catch (IOException e) {
      throw new ScenarioException(path.toString(), "", "cannot be read: " + e.getMessage());
    }
    String name = path.getFileName().toString();
    if (name.endsWith(".json")) {
      throw new ScenarioException(name, PlanDefinition.KEY,
          "plan: is read from YAML scenario files; write this one as .yaml");
    }
    YAMLFactory yaml = new YAMLFactory();
    JsonNode tree;
    KeyLocations at;
    try {
      at = KeyLocations.index(yaml, name, text);
      tree = new YAMLMapper(yaml).readTree(text);
    } catch (IOException e) {
      // Not well-formed: the loader reports it, located, as for any scenario.
      loader.parse(name, text, sets, false, folder(path));
      throw new ScenarioException(name, "", "cannot be parsed: " + e.getMessage());
    }
    JsonNode planNode = tree == null ? null : tree.get(PlanDefinition.KEY);
    if (planNode == null) {
      throw new ScenarioException(name, PlanDefinition.KEY,
          "missing; plan searches the space a plan: block names (see README, Plans)");
    }
    if (tree.has("sweep")) {
      throw new ScenarioException(at.where("sweep"), "sweep",
          "a plan searches its own space; drop sweep: (or run the sweep with supernode-sim sweep)");
    }
    PlanDefinition definition = PlanDefinition.parse(planNode, at);
    // The loader leaves plan: out, as it leaves sweep: out of the scenario it binds.
    ScenarioFile base = loader.parse(name, text, sets, false, folder(path));
    return new Plan(path, sets, loader, text, base, definition);
  }

  public Path path() {
    return path;
  }

  public List<String> sets() {
    return sets;
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
   * Expands the space and drops what cannot be run or cannot win, at no simulation's cost: a
   * layout the scenario's validation refuses (divisibility: tp of the heads, pp of the layers,
   * tp·pp·cp of the chips, dp·microBatch of the global batch...), more chips than {@code
   * maxChips}, and with {@code fits} a training step whose peak memory (the memory model of every
   * stage) exceeds the chip's HBM.
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
        pruned.add(new Pruned(candidate,
            "invalid: " + e.problem().replaceFirst(" \\(in sweep point candidate: .*\\)$", "")));
        continue;
      } catch (MissingFigureException e) {
        pruned.add(new Pruned(candidate, "invalid: " + e.getMessage()));
        continue;
      }
      if (c.maxChips() != null && s.chips() > c.maxChips()) {
        pruned.add(new Pruned(candidate, s.chips() + " chips, over maxChips " + c.maxChips()));
        continue;
      }
      if (c.fits() && s.training() != null) {
        double peak = 0;
        for (StageMemory m :
            StepGenerator.generate(s.training(), kind -> CollectiveAlgorithm.AUTO).memory()) {
          peak = Math.max(peak, m.totalBytes());
        }
        double capacity = s.chip().require(ChipFigure.HBM_CAPACITY);
        if (peak > capacity) {
          pruned.add(new Pruned(candidate, String.format(java.util.Locale.ROOT,
              "does not fit: %.1f GB per chip of %.1f GB (memory model)", peak / 1e9,
              capacity / 1e9)));
          continue;
        }
      }
      kept.add(candidate);
    }
    return new Pruning(all.size(), kept, pruned);
  }

  /** The sweep over {@code kept}: the scenario's text with a generated {@code zip:} block. */
  public Search search(List<List<SweepDefinition.Setting>> kept) {
    if (kept.isEmpty()) {
      throw new ScenarioException(path.toString(), PlanDefinition.KEY + ".space",
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
    return new Search(generated,
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
