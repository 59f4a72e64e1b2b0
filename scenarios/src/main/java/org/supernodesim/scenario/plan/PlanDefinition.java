package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.supernodesim.scenario.file.InvalidInput;
import org.supernodesim.scenario.file.ScenarioLoader;
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
    List<List<SweepDefinition.Setting>> space,
    Constraints constraints,
    List<Objective> objectives) {
  static final String KEY = ScenarioLoader.PLAN_KEY;

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
          Map.entry("fidelity", "workload.training.fidelity"),
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

  /**
   * The block as the file writes it, bound by {@link
   * org.supernodesim.scenario.file.ScenarioFile#plan} as strictly as the scenario's sections: an
   * unknown key, a value of the wrong type or an objective or percentile that does not exist is
   * refused with the loader's one message for each; the checks below say what would be valid.
   *
   * @param space key (a short name or a key path) to the values it takes, in the order written
   * @param constraints default: {@link Constraints#DEFAULT}
   * @param objectives one or a list; default {@code [stepTime]}
   */
  record Section(
      @JsonProperty(required = true) Map<String, List<JsonNode>> space,
      Constraints constraints,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<Objective> objectives) {
    Section {
      if (space.isEmpty()) {
        throw new InvalidInput(
            "space", "a mapping of keys to lists of values, e.g. {tp: [1, 2, 4, 8]}");
      }
      Set<String> varied = new HashSet<>();
      for (Map.Entry<String, List<JsonNode>> e : space.entrySet()) {
        String here = "space." + e.getKey();
        String keyPath = keyPath(e.getKey());
        if (!keyPath.contains(".") && !keyPath.equals("seed")) {
          throw new InvalidInput(
              here,
              "\""
                  + e.getKey()
                  + "\" is neither a short name ("
                  + String.join(", ", new TreeSet<>(ALIASES.keySet()))
                  + ") nor a key path such as workload.training.zero");
        }
        if (!varied.add(keyPath)) {
          throw new InvalidInput(
              here, "names " + keyPath + ", which the space already varies; give each key once");
        }
        List<JsonNode> values = e.getValue();
        if (values.isEmpty()) {
          throw new InvalidInput(here, "expected a non-empty list of values, e.g. [1, 2, 4]");
        }
        for (int i = 0; i < values.size(); i++) {
          if (values.subList(0, i).contains(values.get(i))) {
            throw new InvalidInput(
                here + "[" + i + "]", values.get(i) + " is listed twice; give each value once");
          }
        }
      }
      space = new LinkedHashMap<>(space);
      constraints = constraints == null ? Constraints.DEFAULT : constraints;
      objectives = objectives == null ? List.of(Objective.STEP_TIME) : List.copyOf(objectives);
      if (objectives.isEmpty()) {
        throw new InvalidInput(
            "objectives", "a list of objectives, e.g. [stepTime, costPerMillionTokens]");
      }
      for (int i = 0; i < objectives.size(); i++) {
        if (objectives.subList(0, i).contains(objectives.get(i))) {
          throw new InvalidInput(
              "objectives[" + i + "]", objectives.get(i).label() + " is listed twice");
        }
      }
    }
  }

  /**
   * The plan of a bound block; {@code where} gives the {@code file:line:column} of a key path,
   * which each setting keeps so that a candidate's mistake points at the value that made it.
   */
  static PlanDefinition of(Section section, UnaryOperator<String> where) {
    List<List<SweepDefinition.Setting>> axes = new ArrayList<>();
    section
        .space()
        .forEach(
            (key, values) -> {
              List<SweepDefinition.Setting> axis = new ArrayList<>();
              for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                axis.add(
                    new SweepDefinition.Setting(
                        keyPath(key),
                        v,
                        v.isValueNode() ? v.asText() : v.toString(),
                        where.apply(KEY + ".space." + key + "[" + i + "]")));
              }
              axes.add(axis);
            });
    return new PlanDefinition(axes, section.constraints(), section.objectives());
  }

  private static String keyPath(String key) {
    return ALIASES.getOrDefault(key, key);
  }
}
