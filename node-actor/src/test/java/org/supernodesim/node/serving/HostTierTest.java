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

  @Test
  void anSsdLoadIsTheSsdReadThenTheHostLinkForBothTiers() {
    // Host link 64 GB/s per chip and 10 us; SSD 5 GiB/s per chip (3FS's 40 GiB/s a client node
    // over 8 GPUs) and 100 us. A step loading H = 1,000 host-tier and S = 500 SSD-tier tokens of
    // b = 70 KB per chip waits 100 us + 500 x 70 KB / 5 GiB/s (6.519 ms) for the SSD read into
    // host memory, then 10 us + 1,500 x 70 KB / 64 GB/s (1.640625 ms) over the host link.
    double ssdBandwidth = 5 * 1024.0 * 1024 * 1024;
    HostTier tiers = new HostTier(new HostTier.Tier(100, 64e9, 10_000_000),
        new HostTier.Tier(1000, ssdBandwidth, 100_000_000));
    long ssdRead = 100_000_000 + Math.round(500 * 70_000 / ssdBandwidth * 1e12);
    long hostLink = 10_000_000 + 1_640_625_000L;
    assertEquals(ssdRead, tiers.ssdReadPicos(500, 70_000));
    assertEquals(ssdRead + hostLink, tiers.loadPicos(1000, 500, 70_000), "SSD read, then link");
    assertEquals(6_619_258_022L + 1_650_625_000L, tiers.loadPicos(1000, 500, 70_000), 1,
        "6.619 ms + 1.651 ms");
    assertEquals(10_000_000 + 1_093_750_000L, tiers.loadPicos(1000, 0, 70_000),
        "no SSD tokens: the host tier's load alone");
    assertEquals(0, tiers.loadPicos(0, 0, 70_000), "nothing loaded, no wait");
  }

  @Test
  void blocksMoveFromHbmToHostToSsdAndOffTheEndLeastRecentlyStoredFirst() {
    // Given 16 HBM blocks of 16 tokens, prefix blocks of 64 tokens (4 blocks), a host tier of
    // one prefix block and an SSD tier of one.
    KvCache kv = new KvCache(16, 16, 64, 1, 1);
    for (int hash = 1; hash <= 3; hash++) {
      ServingRequest r = new ServingRequest(new Request(hash, 0, 65, 1, new int[] {hash}), -1);
      assertTrue(kv.grow(r, 65));
      r.computed = 65;
      kv.publishPrompt(r); // hashes 1, 2, 3 cached in HBM, freed in that order
      kv.release(r);
    }

    // When a 256-token prompt needs all 16 blocks, HBM evicts 1, 2, 3 in that order: 1 goes to
    // the host tier, then 2 pushes it to SSD, then 3 pushes 2 to SSD and 1 off the end.
    ServingRequest big = new ServingRequest(Request.of(9, 0, 256, 1), -1);
    assertTrue(kv.grow(big, 256));
    kv.release(big);
    assertEquals(KvCache.Tier.HOST, kv.tierOf(3));
    assertEquals(KvCache.Tier.SSD, kv.tierOf(2));
    assertEquals(KvCache.Tier.NONE, kv.tierOf(1));

    // Then a prompt led by 3 and 2 loads its first block from the host tier and its second from
    // SSD; one led by 1 finds nothing.
    ServingRequest c = new ServingRequest(new Request(10, 0, 129, 1, new int[] {3, 2}), -1);
    assertEquals(128, kv.attachPrefix(c));
    assertEquals(64, c.hostHitTokens);
    assertEquals(64, c.ssdHitTokens);
    kv.release(c);
    ServingRequest d = new ServingRequest(new Request(11, 0, 65, 1, new int[] {1}), -1);
    assertEquals(0, kv.attachPrefix(d));
  }
}
