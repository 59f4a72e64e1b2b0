package org.supernodesim.node.serving;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * An instance's paged KV cache (Kwon et al., vLLM / PagedAttention, SOSP 2023): a pool of blocks
 * of {@code blockTokens} tokens, a request holding ceil(tokens / blockTokens) of its own, and a
 * prefix cache of prompt blocks keyed by the trace's block hashes. A finished prompt's full
 * blocks move into the prefix cache; a later prompt whose leading hashes match reads them instead
 * of recomputing them. Cached blocks no request reads are evicted least recently released first,
 * only when a request needs the room.
 */
final class KvCache {
  /** One cached prefix block. */
  static final class Entry {
    final int hash;
    int readers;

    Entry(int hash) {
      this.hash = hash;
    }
  }

  private final long totalBlocks;
  private final int blockTokens;
  private final int prefixBlockTokens;
  private final long blocksPerEntry;
  // Looked up by hash only, never iterated: its order cannot reach a result.
  private final Map<Integer, Entry> entries = new HashMap<>();
  // Entries no request reads, in the order they became free: the eviction order.
  private final LinkedHashSet<Entry> evictable = new LinkedHashSet<>();
  private long ownBlocks;
  private long readBlocks;
  // The host-memory tier (Mooncake's DRAM pool): hashes of prefix blocks evicted from HBM, least
  // recently stored first; empty and unused when hostEntries is 0.
  private final long hostEntries;
  private final LinkedHashSet<Integer> host = new LinkedHashSet<>();
  // The SSD tier below it: hashes of blocks evicted from the host tier, least recently stored
  // first; a block is in at most one of the two tiers.
  private final long ssdEntries;
  private final LinkedHashSet<Integer> ssd = new LinkedHashSet<>();

  /**
   * @param totalBlocks blocks of the pool
   * @param blockTokens tokens per block
   * @param prefixBlockTokens tokens per prefix hash (a multiple of {@code blockTokens}); 0 turns
   *     prefix caching off
   */
  KvCache(long totalBlocks, int blockTokens, int prefixBlockTokens) {
    this(totalBlocks, blockTokens, prefixBlockTokens, 0);
  }

  /**
   * A cache whose prefix blocks evicted from HBM move to a host tier of {@code hostEntries}
   * prefix blocks (0: none), from which a later prompt loads them instead of computing them.
   */
  KvCache(long totalBlocks, int blockTokens, int prefixBlockTokens, long hostEntries) {
    this(totalBlocks, blockTokens, prefixBlockTokens, hostEntries, 0);
  }

  /**
   * A cache with a host tier of {@code hostEntries} prefix blocks and, below it, an SSD tier of
   * {@code ssdEntries} (0: none) that takes the blocks the host tier evicts.
   */
  KvCache(long totalBlocks, int blockTokens, int prefixBlockTokens, long hostEntries,
      long ssdEntries) {
    if (ssdEntries > 0 && hostEntries == 0) {
      throw new IllegalArgumentException("an SSD tier sits below a host tier");
    }
    if (totalBlocks < 1 || blockTokens < 1) {
      throw new IllegalArgumentException("a KV cache needs blocks and tokens per block >= 1");
    }
    if (prefixBlockTokens > 0 && prefixBlockTokens % blockTokens != 0) {
      throw new IllegalArgumentException("block size " + blockTokens + " must divide the prefix"
          + " block of " + prefixBlockTokens + " tokens");
    }
    this.totalBlocks = totalBlocks;
    this.blockTokens = blockTokens;
    this.prefixBlockTokens = prefixBlockTokens;
    this.blocksPerEntry = prefixBlockTokens / Math.max(1, blockTokens);
    this.hostEntries = hostEntries;
    this.ssdEntries = ssdEntries;
  }

  long totalBlocks() {
    return totalBlocks;
  }

  boolean prefixCaching() {
    return prefixBlockTokens > 0;
  }

  /** Blocks held by requests (their own and the cached ones they read) over all blocks. */
  double utilisation() {
    return (ownBlocks + readBlocks) / (double) totalBlocks;
  }

  private long freeBlocks() {
    return totalBlocks - ownBlocks - entries.size() * blocksPerEntry;
  }

  /**
   * Makes room for {@code r} to hold {@code tokens} tokens, evicting unread cached blocks if need
   * be; false (and nothing changed but evictions) if the pool cannot.
   */
  boolean grow(ServingRequest r, long tokens) {
    long own = ceilDiv(tokens - r.sharedTokens, blockTokens);
    long need = own - r.ownBlocks;
    if (need <= 0) {
      return true;
    }
    while (freeBlocks() < need && !evictable.isEmpty()) {
      Entry victim = evictable.iterator().next();
      evictable.remove(victim);
      entries.remove(victim.hash);
      store(victim.hash);
    }
    if (freeBlocks() < need) {
      return false;
    }
    ownBlocks += need;
    r.ownBlocks = own;
    return true;
  }

  /** True if {@code r} alone could never fit {@code tokens} tokens, even in an empty pool. */
  boolean neverFits(long tokens) {
    return ceilDiv(tokens, blockTokens) > totalBlocks;
  }

  /** Gives back everything {@code r} holds; the prefix blocks it read stay cached. */
  void release(ServingRequest r) {
    ownBlocks -= r.ownBlocks;
    r.ownBlocks = 0;
    for (Entry e : r.shared) {
      unread(e);
    }
    r.shared.clear();
    r.sharedTokens = 0;
  }

  /**
   * Attaches the cached leading blocks of {@code r}'s prompt and returns the tokens they cover,
   * at most the prompt less one token (the last is always computed, to yield the first output).
   */
  long attachPrefix(ServingRequest r) {
    int[] hashes = r.request.prefixBlocks();
    long limit = r.request.promptTokens() - 1L;
    for (int j = 0; j < hashes.length && (j + 1L) * prefixBlockTokens <= limit; j++) {
      Entry e = entries.get(hashes[j]);
      if (e == null) {
        break;
      }
      if (e.readers++ == 0) {
        evictable.remove(e);
        readBlocks += blocksPerEntry;
      }
      r.shared.add(e);
      r.sharedTokens += prefixBlockTokens;
    }
    // Then the blocks the host and SSD tiers hold, in either, loaded into the request's own
    // blocks: the leading run continues while each next block is in one of them.
    r.hostHitTokens = 0;
    r.ssdHitTokens = 0;
    for (int j = r.shared.size(); j < hashes.length && hostEntries > 0
        && (j + 1L) * prefixBlockTokens <= limit; j++) {
      if (host.contains(hashes[j])) {
        r.hostHitTokens += prefixBlockTokens;
      } else if (ssd.contains(hashes[j])) {
        r.ssdHitTokens += prefixBlockTokens;
      } else {
        break;
      }
    }
    return r.sharedTokens + r.hostHitTokens + r.ssdHitTokens;
  }

  /**
   * Keeps an evicted prefix block in the host tier; when full, its least recently stored block
   * moves to the SSD tier (or is dropped without one).
   */
  private void store(int hash) {
    if (hostEntries == 0) {
      return;
    }
    ssd.remove(hash);
    host.remove(hash);
    host.add(hash);
    if (host.size() > hostEntries) {
      int oldest = host.iterator().next();
      host.remove(oldest);
      storeOnSsd(oldest);
    }
  }

  /** Keeps a block the host tier evicted on SSD, dropping the least recently stored when full. */
  private void storeOnSsd(int hash) {
    if (ssdEntries == 0) {
      return;
    }
    ssd.add(hash);
    if (ssd.size() > ssdEntries) {
      ssd.remove(ssd.iterator().next());
    }
  }

  /** Where a prefix block below HBM is kept. */
  enum Tier { HOST, SSD, NONE }

  /** The tier holding {@code hash} below HBM. */
  Tier tierOf(int hash) {
    return host.contains(hash) ? Tier.HOST : ssd.contains(hash) ? Tier.SSD : Tier.NONE;
  }

  /**
   * After {@code r}'s prompt is computed: its full prompt blocks that are not cached yet become
   * cache entries that it reads, and stop counting as its own.
   */
  void publishPrompt(ServingRequest r) {
    int[] hashes = r.request.prefixBlocks();
    long fullBlocks = Math.min(hashes.length, r.request.promptTokens() / prefixBlockTokens);
    for (int j = r.shared.size(); j < fullBlocks; j++) {
      if (entries.containsKey(hashes[j])) {
        // Another request published it meanwhile: this one keeps its own copy of the rest.
        return;
      }
      Entry e = new Entry(hashes[j]);
      e.readers = 1;
      entries.put(e.hash, e);
      readBlocks += blocksPerEntry;
      r.shared.add(e);
      r.sharedTokens += prefixBlockTokens;
      long own = ceilDiv(r.computed - r.sharedTokens, blockTokens);
      ownBlocks -= r.ownBlocks - own;
      r.ownBlocks = own;
    }
  }

  private void unread(Entry e) {
    if (--e.readers == 0) {
      readBlocks -= blocksPerEntry;
      evictable.add(e);
    }
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
