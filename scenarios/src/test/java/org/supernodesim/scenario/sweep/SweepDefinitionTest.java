package org.supernodesim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.SweepDefinition;

class SweepDefinitionTest {
  static final String BASE =
      """
      name: sweep-test
      cluster:
        chips: 8
        chip: ascend-910c
        fabric: { kind: single-switch, link: { bandwidth: 392 GB/s, latency: 500 ns } }
      workload:
        collectives:
          - { kind: all-reduce, size: 1 MiB }
      """;

  static ScenarioFile parse(String text) {
    return new ScenarioLoader(Catalog.standard()::chip).parse("sweep.yaml", text, List.of(), false);
  }

  @Test
  void productThenZipInTheOrderWrittenLastVaryingFastest() {
    // Given a product axis of 2 chip counts and a zip of 3 (size, seed) pairs.
    ScenarioFile f =
        parse(
            BASE
                + """
                sweep:
                  cluster.chips: [8, 16]
                  zip:
                    workload.collectives[0].size: [1 MiB, 2 MiB, 4 MiB]
                    seed: [1, 2, 3]
                """);
    List<SweepDefinition.Point> points = f.points();
    // Then 2 x 3 = 6 points, chips outermost, the zipped pairs walked together.
    assertEquals(6, points.size(), "2 chip counts x 3 zipped pairs");
    assertEquals(
        Map.of("cluster.chips", "8", "workload.collectives[0].size", "2 MiB", "seed", "2"),
        points.get(1).parameters(), "second point: 8 chips with the second zipped pair");
    assertEquals("16", points.get(3).parameters().get("cluster.chips"), "chips vary slowest");
    assertEquals(16, f.point(points.get(5)).chips(), "the setting reaches the scenario");
    assertEquals(4L << 20, Kinds.collectives(f.point(points.get(5))).get(0).bytes(), "4 MiB");
    assertEquals(3, f.point(points.get(5)).seed(), "zipped seed");
  }

  @Test
  void idsComeFromTheParametersAloneSoTheyAreStableAndUnique() {
    ScenarioFile a = parse(BASE + "sweep:\n  cluster.chips: [8, 16, 32]\n");
    ScenarioFile b = parse(BASE + "sweep:\n  cluster.chips: [32, 64]\n");
    // The 32-chip point has one id in both sweeps, and it reads as what it is.
    assertEquals(a.points().get(2).id(), b.points().get(0).id(), "same parameters, same id");
    assertTrue(a.points().get(2).id().startsWith("chips-32-"), a.points().get(2).id());
    assertFalse(a.points().get(0).id().equals(a.points().get(1).id()), "ids differ");
  }

  @Test
  void zippedListsOfUnequalLengthAreRefusedWhereTheyStand() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () -> parse(BASE + "sweep:\n  zip:\n    cluster.chips: [8, 16]\n    seed: [1, 2, 3]\n"));
    assertEquals("sweep.yaml:12:5", e.where(), e.getMessage());
    assertTrue(e.getMessage().contains("same length"), e.getMessage());
  }

  @Test
  void aPointThatDoesNotBindNamesTheSweepValueThatCausedIt() {
    // A group of 8 does not fit in 4 chips: the 4-chip point fails, at the 4 in the sweep.
    ScenarioFile f =
        parse(
            BASE.replace("size: 1 MiB", "size: 1 MiB, group: 8")
                + "sweep:\n  cluster.chips: [8, 4]\n");
    ScenarioException e = assertThrows(ScenarioException.class, () -> f.point(f.points().get(1)));
    assertTrue(e.getMessage().startsWith("sweep.yaml:8:40: workload.collectives[0].group: 8;"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(in sweep point " + f.points().get(1).id()
        + ": {cluster.chips=4})"), e.getMessage());
  }
}
