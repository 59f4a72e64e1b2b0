package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.supernodesim.scenario.file.KeyLocations;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.SweepDefinition;

/**
 * A scenario's {@code plan:} block: the space to search, the constraints, the objectives.
 *
 * <pre>
 * plan:
 *   space:                                 # the product of these lists is searched
 *     tp: [1, 2, 4, 8]                     # short names for the usual keys (see ALIASES) ...
 *     pp: [1, 2, 4, 8]
 *     microBatch: [1, 2, 4]
 *     recomputation: [none, selective, full]
 *     workload.training.zero: [0, 1]       # ... or any key path, as sweep: writes it
 *   constraints: { fits: true, maxChips: 64, maxCostPerMillionTokens: 2.5, slo: p99 }
 *   objectives: [stepTime, memoryPerChip]  # the first ranks; all draw the Pareto front
 * </pre>
 *
 * @param space one list of settings per axis, in the order written
 * @param constraints what a layout must satisfy
 * @param objectives what is optimised, the first ranking
 */
public record PlanDefinition(
    List<List<SweepDefinition.Setting>> space, Constraints constraints,
    List<Objective> objectives) {
  static final String KEY = org.supernodesim.scenario.file.ScenarioLoader.PLAN_KEY;

  /** Short names for the keys a layout search varies, to their key paths. */
  static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("tp", "workload.training.parallelism.tp"),
          Map.entry("pp", "workload.training.parallelism.pp"),
          Map.entry("dp", "workload.training.parallelism.dp"),
          Map.entry("cp", "workload.training.parallelism.cp"),
          Map.entry("ep", "workload.training.parallelism.ep"),
          Map.entry("virtualStages", "workload.training.parallelism.virtualStages"),
          Map.entry("sequenceParallel", "workload.training.parallelism.sequenceParallel"),
          Map.entry("microBatch", "workload.training.microBatch"),
          Map.entry("recomputation", "workload.training.recomputation"),
          Map.entry("zero", "workload.training.zero"),
          Map.entry("precision", "workload.training.precision"),
          Map.entry("chips", "cluster.chips"),
          Map.entry("nodes", "cluster.nodes"),
          Map.entry("system", "cluster.system"),
          Map.entry("instances", "workload.serving.instances"),
          Map.entry("maxBatch", "workload.serving.scheduler.maxBatch"),
          Map.entry("tokenBudget", "workload.serving.scheduler.tokenBudget"));

  public PlanDefinition {
    space = List.copyOf(space);
    objectives = List.copyOf(objectives);
  }

  /** Reads the block; each mistake names its place in the file and what would be valid. */
  static PlanDefinition parse(JsonNode plan, KeyLocations at) {
    if (!plan.isObject()) {
      throw new ScenarioException(at.where(KEY), KEY,
          "a plan is a mapping with keys space, constraints, objectives");
    }
    List<List<SweepDefinition.Setting>> space = null;
    Constraints constraints = Constraints.DEFAULT;
    List<Objective> objectives = List.of(Objective.STEP_TIME);
    for (Iterator<Map.Entry<String, JsonNode>> it = plan.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = KEY + "." + e.getKey();
      switch (e.getKey()) {
        case "space" -> space = space(e.getValue(), path, at);
        case "constraints" -> constraints = constraints(e.getValue(), path, at);
        case "objectives" -> objectives = objectives(e.getValue(), path, at);
        default -> throw new ScenarioException(at.where(path), path,
            "unknown key; keys here: constraints, objectives, space");
      }
    }
    if (space == null) {
      throw new ScenarioException(at.where(KEY), KEY + ".space",
          "missing; say what to search, e.g. space: {tp: [1, 2, 4, 8], pp: [1, 2, 4]}");
    }
    return new PlanDefinition(space, constraints, objectives);
  }

  private static List<List<SweepDefinition.Setting>> space(
      JsonNode node, String path, KeyLocations at) {
    if (!node.isObject() || node.isEmpty()) {
      throw new ScenarioException(at.where(path), path,
          "a mapping of keys to lists of values, e.g. {tp: [1, 2, 4, 8]}");
    }
    List<List<SweepDefinition.Setting>> axes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String here = path + "." + e.getKey();
      String keyPath = ALIASES.getOrDefault(e.getKey(), e.getKey());
      for (List<SweepDefinition.Setting> before : axes) {
        if (before.get(0).keyPath().equals(keyPath)) {
          throw new ScenarioException(at.where(here), here,
              "names " + keyPath + ", which the space already varies; give each key once");
        }
      }
      if (!keyPath.contains(".") && !keyPath.equals("seed")) {
        throw new ScenarioException(at.where(here), here, "\"" + e.getKey() + "\" is neither a"
            + " short name (" + String.join(", ", new java.util.TreeSet<>(ALIASES.keySet()))
            + ") nor a key path such as workload.training.zero");
      }
      JsonNode list = e.getValue();
      if (!list.isArray() || list.isEmpty()) {
        throw new ScenarioException(at.where(here), here,
            "expected a non-empty list of values, e.g. [1, 2, 4]; found " + list);
      }
      List<SweepDefinition.Setting> axis = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode v = list.get(i);
        for (SweepDefinition.Setting before : axis) {
          if (before.value().equals(v)) {
            throw new ScenarioException(at.where(here + "[" + i + "]"), here,
                v + " is listed twice; give each value once");
          }
        }
        axis.add(new SweepDefinition.Setting(keyPath, v, v.isValueNode() ? v.asText()
            : v.toString(), at.where(here + "[" + i + "]")));
      }
      axes.add(axis);
    }
    return axes;
  }

  private static Constraints constraints(JsonNode node, String path, KeyLocations at) {
    if (!node.isObject()) {
      throw new ScenarioException(at.where(path), path,
          "a mapping such as {fits: true, maxChips: 64, maxCostPerMillionTokens: 2.5, slo: p99}");
    }
    boolean fits = true;
    Integer maxChips = null;
    Double maxCost = null;
    Constraints.Percentile slo = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String here = path + "." + e.getKey();
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "fits" -> {
          require(v.isBoolean(), here, at, v + "; true or false");
          fits = v.asBoolean();
        }
        case "maxChips" -> {
          require(v.isIntegralNumber() && v.asInt() >= 1, here, at, v + "; a whole number >= 1");
          maxChips = v.asInt();
        }
        case "maxCostPerMillionTokens" -> {
          require(v.isNumber() && v.asDouble() > 0, here, at,
              v + "; a price > 0, in the currency of the scenario's first price");
          maxCost = v.asDouble();
        }
        case "slo" -> {
          String p = v.asText().toUpperCase(Locale.ROOT);
          require(v.isTextual() && (p.equals("P50") || p.equals("P90") || p.equals("P99")), here,
              at, v + "; the percentile held to workload.serving.slo: p50, p90 or p99");
          slo = Constraints.Percentile.valueOf(p);
        }
        default -> throw new ScenarioException(at.where(here), here,
            "unknown key; keys here: fits, maxChips, maxCostPerMillionTokens, slo");
      }
    }
    return new Constraints(fits, maxChips, maxCost, slo);
  }

  private static List<Objective> objectives(JsonNode node, String path, KeyLocations at) {
    JsonNode list = node.isTextual()
        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(node) : node;
    require(list.isArray() && !list.isEmpty(), path, at,
        "a list of objectives, e.g. [stepTime, costPerMillionTokens]; valid: "
            + Objective.labels());
    List<Objective> objectives = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String here = path + (node.isTextual() ? "" : "[" + i + "]");
      try {
        Objective o = Objective.byLabel(list.get(i).asText());
        require(!objectives.contains(o), here, at, o.label() + " is listed twice");
        objectives.add(o);
      } catch (IllegalArgumentException e) {
        throw new ScenarioException(at.where(here), here, e.getMessage());
      }
    }
    return objectives;
  }

  private static void require(boolean ok, String path, KeyLocations at, String problem) {
    if (!ok) {
      throw new ScenarioException(at.where(path), path, problem);
    }
  }
}
