package org.supernodesim.workload.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the pool shares does not depend on the shortcuts it takes: the comparison with the rank
 * before at the same position, and whole graphs looked up by the identity of pooled operations.
 */
class GraphPoolTest {

  /** A chain of measured operations, the one at {@code odd} lasting {@code oddPicos}. */
  private static List<Operation> chain(int n, int odd, long oddPicos) {
    List<Operation> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Fresh lists and strings each time, as a reader makes them: equal, never the same.
      List<Integer> deps = i == 0 ? List.of() : new ArrayList<>(List.of(i - 1));
      ops.add(new Operation.Measured(i, deps, new String("op" + i), i == odd ? oddPicos : 7));
    }
    return ops;
  }

  @Test
  void equalOperationsAreOneObjectWhetherTheRankBeforeHasThemOrNot() {
    GraphPool pool = new GraphPool();
    // Rank 0 and 2 alike; rank 1 differs at operation 3, so rank 2 meets operation 3 in the map,
    // not in the rank before it.
    OperationGraph r0 = pool.graph(0, chain(6, 3, 7));
    OperationGraph r1 = pool.graph(1, chain(6, 3, 99));
    OperationGraph r2 = pool.graph(2, chain(6, 3, 7));

    for (int i = 0; i < 6; i++) {
      assertSame(r0.get(i), r2.get(i), "operation " + i);
      if (i != 3) {
        assertSame(r0.get(i), r1.get(i), "operation " + i);
      }
    }
    assertNotSame(r0.get(3), r1.get(3));
    assertEquals(7, pool.distinctOperations(), "six shared, one of rank 1's own");
    // Rank 2 is rank 0's graph for another rank; rank 1 shares rank 0's dependency index.
    assertSame(r0.operations(), r2.operations());
    assertEquals(2, r2.rank());
    assertTrue(r1.sharesIndexWith(r0));
  }

  @Test
  void aSingleDependencyListIsThePoolsList() {
    GraphPool pool = new GraphPool();
    List<Integer> five = pool.single(5);
    assertSame(five, pool.single(5));
    assertSame(five, pool.list(new ArrayList<>(List.of(5))));
    assertEquals(List.of(5), five);
  }
}
