package org.supernodesim.interconnect.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.collective.CollectiveKind;

class RingTest {
  private final Ring ring = new Ring();

  @ParameterizedTest(name = "{0}, n={1}, S={2}")
  @CsvSource({
    "ALL_REDUCE, 2, 1024",
    "ALL_REDUCE, 384, 1073741824",
    "ALL_REDUCE, 7, 1000000007",
    "ALL_GATHER, 8, 1073741824",
    "REDUCE_SCATTER, 5, 12",
  })
  void everySendMatchesTheNextMembersReceiveAndMovesTheWholeBuffer(
      CollectiveKind kind, int n, long bytes) {
    int phases = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
    long sentByAll = 0;
    for (int r = 0; r < n; r++) {
      List<Step> mine = ring.schedule(kind, n, r, bytes);
      List<Step> next = ring.schedule(kind, n, (r + 1) % n, bytes);
      // 2(n-1) steps for all-reduce, n-1 for the others.
      assertEquals(phases * (n - 1), mine.size());
      for (int k = 0; k < mine.size(); k++) {
        Step.Transfer send = mine.get(k).sends().get(0);
        Step.Transfer received = next.get(k).receives().get(0);
        assertEquals((r + 1) % n, send.peer(), "member " + r + " sends to its successor");
        assertEquals(r, received.peer(), "its successor receives from it");
        assertEquals(send.bytes(), received.bytes(), "step " + k + ": sent = received");
        sentByAll += send.bytes();
      }
    }
    // Each phase passes every chunk but one around each member: (n-1) * S bytes in all.
    assertEquals(phases * (n - 1) * bytes, sentByAll);
  }

  @ParameterizedTest(name = "{0}, n={1}, S={2}")
  @CsvSource({
    "ALL_REDUCE, 384, 1073741824",
    "ALL_REDUCE, 7, 1000000007",
    "ALL_REDUCE, 5, 3",
    "ALL_REDUCE, 6, 12",
    "ALL_GATHER, 9, 100",
    "REDUCE_SCATTER, 13, 1000",
  })
  void everyStepMovesTheChunkItsIndexNames(CollectiveKind kind, int n, long bytes) {
    // Reduce-scatter step k: member p sends chunk p-k and receives chunk p-1-k. All-gather step k
    // (after a reduce-scatter, whose member p holds the reduced chunk p+1): sends chunk p+1-k.
    int rs = kind == CollectiveKind.ALL_GATHER ? 0 : n - 1;
    int offset = kind == CollectiveKind.ALL_GATHER ? 0 : 1;
    for (int p = 0; p < n; p++) {
      List<Step> steps = ring.schedule(kind, n, p, bytes);
      for (int k = 0; k < steps.size(); k++) {
        int sent = k < rs ? p - k : p + offset - (k - rs);
        assertEquals(Ring.chunk(bytes, n, sent), steps.get(k).sends().get(0).bytes(),
            "member " + p + " step " + k + " sends chunk " + sent);
        assertEquals(Ring.chunk(bytes, n, sent - 1), steps.get(k).receives().get(0).bytes(),
            "member " + p + " step " + k + " receives chunk " + (sent - 1));
      }
    }
  }

  @ParameterizedTest(name = "S={0}, n={1}")
  @CsvSource({"1073741824, 384", "10, 3", "2, 5"})
  void chunksAreAsEqualAsWholeBytesAllow(long bytes, int n) {
    long total = 0;
    for (int j = 0; j < n; j++) {
      long c = Ring.chunk(bytes, n, j);
      total += c;
      assertEquals(bytes / (double) n, c, 1.0, "chunk " + j + " within a byte of S/n");
    }
    assertEquals(bytes, total, "the chunks cut the whole buffer");
  }

  @org.junit.jupiter.api.Test
  void kindsTheRingDoesNotImplementAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ring.schedule(CollectiveKind.ALL_TO_ALL, 4, 0, 1024));
    assertEquals("ring does not implement all-to-all", e.getMessage());
  }
}
