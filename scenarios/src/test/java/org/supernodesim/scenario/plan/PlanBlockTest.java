package org.supernodesim.scenario.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.scenario.file.ScenarioException;

/**
 * The plan: block is bound as strictly as the scenario's sections: each mistake is one located line
 * with what would be valid (a key's line and column; a list element's own), enums by the loader's
 * one message, and --set edits it. The scenario fills lines 1 to 11, plan: is line 12.
 */
class PlanBlockTest {
  @TempDir Path tmp;

  private Plan read(String block, String... sets) throws Exception {
    Path file = tmp.resolve("p.yaml");
    Files.writeString(file, PlanTest.SCENARIO + "plan:\n" + block);
    return Plan.read(file, List.of(sets), PlanTest.LOADER);
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "  space: {tp: [2]}\n  objectives: [fastest]\n",
            "p.yaml:14:16: plan.objectives[0]: \"fastest\" is not valid here; valid: stepTime,"
                + " tokensPerSecondPerChip, costPerMillionTokens, chips, memoryPerChip, ttftP99,"
                + " tpotP99"),
        Arguments.of(
            "  space: {tp: [2]}\n  constraints: {slo: p95}\n",
            "p.yaml:14:17: plan.constraints.slo: \"p95\" is not valid here; valid: p50, p90, p99"),
        Arguments.of(
            "  space: {tp: [2]}\n  constraints: {maxChips: 0}\n",
            "p.yaml:14:17: plan.constraints.maxChips: 0; a whole number >= 1"),
        Arguments.of(
            "  space: {tp: [2]}\n  constraints: {maxChips: '64'}\n",
            "p.yaml:14:17: plan.constraints.maxChips: expected a whole number; found \"64\""),
        Arguments.of(
            "  space: {tp: [2]}\n  constraints: {fit: true}\n",
            "p.yaml:14:17: plan.constraints.fit: unknown key; keys here: fits, maxChips,"
                + " maxCostPerMillionTokens, slo"),
        Arguments.of(
            "  space: {tp: [2, 2]}\n",
            "p.yaml:13:19: plan.space.tp[1]: 2 is listed twice; give each value once"),
        Arguments.of(
            "  space: {tq: [2]}\n",
            "p.yaml:13:11: plan.space.tq: \"tq\" is neither a short name (chips, cp, dp, ep,"
                + " fidelity, instances, maxBatch, microBatch, nodes, pp, precision, recomputation,"
                + " sequenceParallel, system, tokenBudget, tp, virtualStages, zero) nor a key path"
                + " such as workload.training.zero"),
        Arguments.of(
            "  objectives: [stepTime]\n",
            "p.yaml:12:1: plan.space: missing; this key is required"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void aMistakeIsOneLocatedLine(String block, String message) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> read(block));
    assertEquals(message, e.getMessage());
  }

  @Test
  void setEditsThePlanAndItsMistakesPointAtTheSet() throws Exception {
    String block = "  space: {tp: [2, 4]}\n  objectives: memoryPerChip\n";
    Plan plan = read(block, "plan.constraints.maxChips=32");
    assertEquals(32, plan.definition().constraints().maxChips(), "the --set value");
    assertEquals(
        List.of(Objective.MEMORY_PER_CHIP),
        plan.definition().objectives(),
        "one objective may be written without a list");
    assertEquals(true, plan.definition().constraints().fits(), "fits defaults to true");
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> read(block, "plan.constraints.maxChips=0"));
    assertEquals(
        "--set plan.constraints.maxChips=0: plan.constraints.maxChips: 0; a whole number" + " >= 1",
        e.getMessage());
  }
}
