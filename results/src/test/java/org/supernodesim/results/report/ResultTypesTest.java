package org.supernodesim.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.EnergyResult;

/** The types a result can reach, whose shapes result.json's writer must know. */
class ResultTypesTest {
  @Test
  void reachesEveryKindAndWhatItHoldsEachOnce() throws Exception {
    List<Type> types = ResultTypes.reachableFrom(RunResult.class);

    assertEquals(RunResult.class, types.get(0), "the root first");
    // Through @JsonValue (the file's record), a sealed interface's kinds, list elements and
    // nested records.
    assertTrue(types.contains(Class.forName("org.supernodesim.results.RunResultJson")), types::toString);
    for (Class<?> c : List.of(CollectiveResult.class, TrainingResult.class,
        TrainingResult.RankTime.class, ServingResult.class, ServingResult.PerChip.class,
        ReplayResult.class, ReplayResult.Trace.class, NetworkResult.class, EnergyResult.class,
        CostResult.class, NetworkModel.class)) {
      assertTrue(types.contains(c), c + " in " + types);
    }
    assertEquals(types.size(), new HashSet<>(types).size(), "each once");
    assertTrue(types.stream().allMatch(t -> t.getTypeName().startsWith("org.supernodesim.")),
        "only the project's types: " + types);
  }
}
