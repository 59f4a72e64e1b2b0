package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.inference.ChipMemory;

/** {@code experts.sharedReplicas}: CloudMatrix-Infer's EP320 layout, and layouts refused. */
class SharedExpertReplicasScenarioTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path EP320 =
      Path.of("examples/serving-deepseek-r1-cloudmatrix384-ep320.yaml");

  @TempDir Path dir;

  @Test
  void theEp320DecodeInstanceHoldsTwoExpertSlotsPerNpu() {
    // 160 NPUs of two dies, 320 slots: 144 NPUs hold the 288 routed slots (256 + 32 redundant),
    // 16 the 32 shared-expert replicas. Each NPU holds 2 experts of 3 x 7168 x 2048 INT8 weights
    // in each of the 58 MoE layers, and no shared expert beside them.
    ServingWorkload serving = Kinds.serving(LOADER.load(EP320, List.of()));
    ServingWorkload.InstancePlan decode = serving.instances().get(1);
    ChipMemory m = decode.costs().memory();
    assertEquals(2 * 58 * 3 * 7168.0 * 2048, m.routedExpertBytes(), 0.5);
    assertEquals(0, m.sharedExpertBytes(), 0.0);
    assertEquals(160, decode.layout().chips());
  }

  @Test
  void replicasThatDoNotFillWholeRanksAreRefusedAtTheirKey() throws IOException {
    // 256 + 32 + 30 = 318 slots do not fill 160 NPUs evenly.
    Path file = dir.resolve("ep320.yaml");
    Files.writeString(file, Files.readString(EP320)
        .replace("traces/", EP320.toAbsolutePath().getParent() + "/traces/")
        .replace("sharedReplicas: 32", "sharedReplicas: 30"));
    ScenarioException e = assertThrows(ScenarioException.class, () -> LOADER.load(file,
        List.of()));
    assertEquals("workload.serving.instances[1].experts.sharedReplicas", e.keyPath());
    assertTrue(e.where().endsWith("ep320.yaml:32:47"), e.where());
    assertEquals("256 routed experts, 32 redundant and 30 shared-expert replicas make 318 slots,"
        + " which do not fill 160 EP ranks evenly", e.problem());
  }

  @Test
  void replicasNeedAModelWithASharedExpertAndDirectAllToAll() {
    ScenarioException direct = assertThrows(ScenarioException.class, () -> LOADER.load(EP320,
        List.of("workload.serving.instances[1].epAllToAll=deepep-normal")));
    assertEquals("workload.serving.instances[1].experts.sharedReplicas", direct.keyPath());
    assertTrue(direct.problem().contains("epAllToAll: direct"), direct.problem());
    ScenarioException ep = assertThrows(ScenarioException.class, () -> LOADER.load(EP320,
        List.of("workload.serving.instances[1].experts.sharedReplicas=-1")));
    assertTrue(ep.problem().startsWith("-1; shared-expert replicas are >= 0"), ep.problem());
  }
}
