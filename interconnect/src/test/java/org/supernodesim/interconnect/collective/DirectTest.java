package org.supernodesim.interconnect.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.collective.CollectiveKind;

class DirectTest {

  /** The steps computed when read equal the ones built from the same blocks, transfer by transfer. */
  @ParameterizedTest(name = "n={0}, S={1}")
  @CsvSource({"2, 1024", "3, 1000003", "384, 1073741824", "17, 5"})
  void computedStepsEqualBuiltOnes(int n, long bytes) {
    long[][] blocks = new long[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        blocks[a][b] = Ring.chunk(bytes, n, b);
      }
    }
    CollectiveGroup group = CollectiveGroup.flat(n);
    for (int member = 0; member < n; member++) {
      List<Step> computed = new Direct().schedule(CollectiveKind.ALL_TO_ALL, group, member, bytes);
      List<Step> built = Direct.uneven(blocks, member);
      assertEquals(built, computed, "member " + member);
      assertEquals(List.copyOf(built.get(0).sends()), List.copyOf(computed.get(0).sends()));
      assertEquals(n - 1, computed.get(0).receives().size());
    }
  }
}
