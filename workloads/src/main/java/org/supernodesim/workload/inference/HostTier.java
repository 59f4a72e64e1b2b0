package org.supernodesim.workload.inference;

/**
 * The KV tiers under each instance's HBM prefix cache, as Mooncake keeps evicted KV blocks in the
 * CPU memory of its nodes and on their SSDs (Qin et al., "Mooncake", FAST 2025, §3-4): a prefix
 * block evicted from HBM moves to host memory, and a block evicted from host memory (least
 * recently stored first) moves to the SSD tier, where the least recently stored is dropped when
 * it is full. A later prompt that matches blocks in either loads them instead of computing them.
 *
 * <p>Each chip loads its share of the blocks' KV over its own host link at once. Blocks found on
 * SSD are read into host memory first and then cross the host link with the host tier's blocks,
 * one after the other (a read pipelined chunk by chunk would take the longer of the two instead),
 * so a step that admits requests with {@code H} host-tier and {@code S} SSD-tier tokens, at b KV
 * bytes per token per chip, waits
 *
 * <pre>
 *   (S > 0 ? ssd latency + S x b / ssd bandwidth : 0) + host latency + (H + S) x b / host bandwidth
 * </pre>
 *
 * before it runs (the load is not overlapped with the step's layers; Mooncake overlaps it layer
 * by layer, so this is an upper bound).
 *
 * @param host the host-memory tier ({@link Tier#NONE}: none)
 * @param ssd the SSD tier below it ({@link Tier#NONE}: none)
 */
public record HostTier(Tier host, Tier ssd) {
  /** No host tier. */
  public static final HostTier NONE = new HostTier(Tier.NONE, Tier.NONE);

  public HostTier {
    if (host.prefixBlocks() == 0 && ssd.prefixBlocks() > 0) {
      throw new IllegalArgumentException("an SSD KV tier sits below a host-memory tier");
    }
  }

  /** A host-memory tier alone. */
  public HostTier(long prefixBlocks, double bytesPerSecondPerChip, long latencyPicos) {
    this(new Tier(prefixBlocks, bytesPerSecondPerChip, latencyPicos), Tier.NONE);
  }

  /** Prefix blocks the host-memory tier holds per instance; 0: no tier. */
  public long prefixBlocks() {
    return host.prefixBlocks();
  }

  /** Picoseconds to load {@code tokens} host-tier tokens of {@code bytesPerTokenPerChip} each. */
  public long loadPicos(long tokens, double bytesPerTokenPerChip) {
    return host.readPicos(tokens, bytesPerTokenPerChip);
  }

  /**
   * Picoseconds a step waits for {@code hostTokens} host-tier and {@code ssdTokens} SSD-tier
   * tokens: the SSD read into host memory, then both over the host link (the formula above).
   */
  public long loadPicos(long hostTokens, long ssdTokens, double bytesPerTokenPerChip) {
    return ssdReadPicos(ssdTokens, bytesPerTokenPerChip)
        + host.readPicos(hostTokens + ssdTokens, bytesPerTokenPerChip);
  }

  /** Picoseconds to read {@code ssdTokens} SSD-tier tokens into host memory (0 for none). */
  public long ssdReadPicos(long ssdTokens, double bytesPerTokenPerChip) {
    return ssd.readPicos(ssdTokens, bytesPerTokenPerChip);
  }

  /**
   * One tier: the prefix blocks (of the trace's block size) it holds per instance, and one
   * chip's path out of it.
   *
   * @param prefixBlocks blocks held; 0: no tier
   * @param bytesPerSecondPerChip one chip's share of the tier's read bandwidth, per direction
   * @param latencyPicos per load
   */
  public record Tier(long prefixBlocks, double bytesPerSecondPerChip, long latencyPicos) {
    /** No tier. */
    public static final Tier NONE = new Tier(0, 1, 0);

    public Tier {
      if (prefixBlocks < 0 || !(bytesPerSecondPerChip > 0) || latencyPicos < 0) {
        throw new IllegalArgumentException("a KV tier needs blocks >= 0, bandwidth > 0 and"
            + " latency >= 0: " + prefixBlocks + ", " + bytesPerSecondPerChip + ", "
            + latencyPicos);
      }
    }

    /** Latency + tokens x bytes per token per chip / bandwidth, rounded to the picosecond. */
    long readPicos(long tokens, double bytesPerTokenPerChip) {
      return tokens == 0 ? 0
          : latencyPicos
              + Math.round(tokens * bytesPerTokenPerChip / bytesPerSecondPerChip * 1e12);
    }
  }
}
