package org.supernodesim.workload.inference;

/**
 * A host-memory KV tier under each instance's HBM prefix cache, as Mooncake keeps evicted KV
 * blocks in the CPU memory of its nodes (Qin et al., "Mooncake", FAST 2025, §3-4): a prefix block
 * evicted from HBM moves here, and a later prompt that matches it loads it back instead of
 * computing it. Each chip loads its share of the block's KV over its own host link at once, so a
 * step that admits requests with {@code T} such tokens waits latency + T x KV bytes per token per
 * chip / bandwidth before it runs (the load is not overlapped with the step's layers; Mooncake
 * overlaps it layer by layer, so this is an upper bound).
 *
 * @param prefixBlocks prefix blocks (of the trace's block size) the tier holds per instance; 0:
 *     no tier
 * @param bytesPerSecondPerChip one chip's host link, per direction (PCIe Gen5 x16: about 64 GB/s)
 * @param latencyPicos per load
 */
public record HostTier(long prefixBlocks, double bytesPerSecondPerChip, long latencyPicos) {
  /** No host tier. */
  public static final HostTier NONE = new HostTier(0, 1, 0);

  public HostTier {
    if (prefixBlocks < 0 || !(bytesPerSecondPerChip > 0) || latencyPicos < 0) {
      throw new IllegalArgumentException("a host tier needs blocks >= 0, bandwidth > 0 and"
          + " latency >= 0: " + prefixBlocks + ", " + bytesPerSecondPerChip + ", " + latencyPicos);
    }
  }

  /** Picoseconds to load {@code tokens} tokens of {@code bytesPerTokenPerChip} each per chip. */
  public long loadPicos(long tokens, double bytesPerTokenPerChip) {
    return tokens == 0 ? 0
        : latencyPicos + Math.round(tokens * bytesPerTokenPerChip / bytesPerSecondPerChip * 1e12);
  }
}
