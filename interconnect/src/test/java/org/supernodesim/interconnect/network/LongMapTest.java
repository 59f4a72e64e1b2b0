package org.supernodesim.interconnect.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongMapTest {

  @Test
  void agreesWithAHashMapOverRandomPutsGetsAndRemoves() {
    Random random = new Random(12);
    LongMap<Long> map = new LongMap<>();
    Map<Long, Long> expected = new HashMap<>();
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      // Keys as the fabric makes them: sequential transfer ids, packed connections, and a few
      // arbitrary ones, so probe runs collide, wrap around the table and get holes punched in them.
      long key = switch (random.nextInt(3)) {
        case 0 -> i / 3;
        case 1 -> ((long) random.nextInt(64) << 30) | random.nextInt(64);
        default -> random.nextLong();
      };
      keys.add(key);
      int op = random.nextInt(10);
      if (op < 5) {
        assertEquals(expected.put(key, (long) i), map.put(key, (long) i), "put " + key);
      } else if (op < 8) {
        long k = keys.get(random.nextInt(keys.size()));
        assertEquals(expected.remove(k), map.remove(k), "remove " + k);
      } else {
        long k = keys.get(random.nextInt(keys.size()));
        assertEquals(expected.get(k), map.get(k), "get " + k);
      }
      assertEquals(expected.size(), map.size());
    }
    for (long k : keys) {
      assertEquals(expected.get(k), map.get(k), "get " + k);
    }
  }

  @Test
  void removingEveryKeyLeavesItEmptyAndAbsentKeysAreNull() {
    LongMap<String> map = new LongMap<>();
    for (long k = 0; k < 1000; k++) {
      map.put(k * 1024, "v" + k);
    }
    for (long k = 0; k < 1000; k++) {
      assertEquals("v" + k, map.remove(k * 1024));
    }
    assertEquals(0, map.size());
    assertNull(map.get(0));
    assertNull(map.remove(5));
  }

  @Test
  void refusesNullValues() {
    assertThrows(IllegalArgumentException.class, () -> new LongMap<String>().put(1, null));
  }
}
