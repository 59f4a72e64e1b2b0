package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.HostTier;

/** The host-memory KV tier: evicted prefix blocks move there and a later prompt loads them. */
class HostTierTest {

  @Test
  void anEvictedPrefixIsLoadedFromTheHostTier() {
    // Given 8 HBM blocks of 16 tokens, prefix blocks of 64 tokens (4 blocks), a 10-block tier.
    KvCache kv = new KvCache(8, 16, 64, 10);
    ServingRequest a = new ServingRequest(new Request(0, 0, 65, 1, new int[] {1}), -1);
    assertTrue(kv.grow(a, 65));
    a.computed = 65;
    kv.publishPrompt(a); // hash 1 cached in HBM
    kv.release(a);

    // When a 120-token prompt needs all 8 blocks, hash 1 is evicted from HBM to the tier.
    ServingRequest b = new ServingRequest(Request.of(1, 0, 120, 1), -1);
    assertTrue(kv.grow(b, 120));
    kv.release(b);

    // Then a prompt starting with hash 1 finds its 64 tokens in the tier, none in HBM.
    ServingRequest c = new ServingRequest(new Request(2, 0, 65, 1, new int[] {1}), -1);
    assertEquals(64, kv.attachPrefix(c), "64 prompt tokens need not be computed");
    assertEquals(64, c.hostHitTokens, "all of them loaded from the host tier");
    assertEquals(0, c.sharedTokens, "none read in HBM");

    // And without a tier they are gone.
    KvCache none = new KvCache(8, 16, 64);
    ServingRequest a2 = new ServingRequest(new Request(0, 0, 65, 1, new int[] {1}), -1);
    none.grow(a2, 65);
    a2.computed = 65;
    none.publishPrompt(a2);
    none.release(a2);
    ServingRequest b2 = new ServingRequest(Request.of(1, 0, 120, 1), -1);
    none.grow(b2, 120);
    none.release(b2);
    assertEquals(0, none.attachPrefix(new ServingRequest(
        new Request(2, 0, 65, 1, new int[] {1}), -1)));
  }

  @Test
  void aLoadTakesLatencyPlusBytesOverTheHostLink() {
    // 64 GB/s per chip, 10 us: 1,000 tokens of 70 KB per chip = 70 MB / 64 GB/s = 1.09375 ms.
    HostTier tier = new HostTier(100, 64e9, 10_000_000);
    assertEquals(10_000_000 + 1_093_750_000L, tier.loadPicos(1000, 70_000));
    assertEquals(0, tier.loadPicos(0, 70_000), "nothing loaded, no wait");
  }
}
