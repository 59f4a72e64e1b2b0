package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.ServingResult;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioLoader;

/** {@code scheduler.kvTier.ssd}: an SSD KV tier under the host-memory tier, Mooncake-style. */
class SsdKvTierTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path EXAMPLE = Path.of("examples/serving-mooncake-ssd-tier-h20.yaml");
  /** Llama-3.1 8B's KV in BF16: 32 layers x 8 heads x 128 x 2 (K and V) x 2 bytes, one GPU. */
  private static final double KV_BYTES_PER_TOKEN = 32 * 8 * 128 * 2 * 2.0;

  @TempDir Path dir;

  private static ServingResult run(List<String> sets) {
    return (ServingResult) ScenarioRunner.run(LOADER.load(EXAMPLE, sets),
        RuntimeChoice.SEQUENTIAL).workload();
  }

  @Test
  void anSsdTierBelowASmallHostTierRaisesTheHitRate() {
    // The Mooncake trace's first 10 minutes at half rate, half of each H20's HBM for weights and
    // KV, an 8 GiB host tier per instance: evicted prefixes soon fall off the host tier. With a
    // 2 TiB SSD tier under it at 5 GiB/s a GPU they stay: the share of prompt tokens read instead
    // of computed rises from 4.42 % to 16.88 % (measured, deterministic; to 1e-4), near the
    // 17.04 % a 128 GiB host tier alone reaches (the SSD holds every block evicted in 10 min).
    ServingResult withSsd = run(List.of());
    ServingResult hostOnly = run(List.of("workload.serving.scheduler.kvTier="
        + "{capacity: 8 GiB, bandwidth: 64 GB/s, latency: 10 us}"));

    assertEquals(0.0442, hostOnly.prefixCacheHitRate(), 1e-4);
    assertEquals(0.1688, withSsd.prefixCacheHitRate(), 1e-4);
    assertNull(hostOnly.hostTier().ssd(), "no SSD tier, no ssd entry in result.json");
    ServingResult.SsdTierUse ssd = withSsd.hostTier().ssd();
    assertEquals(1_586_688, ssd.hitTokens(), "tokens loaded from SSD");
    assertEquals(65_024, withSsd.hostTier().hitTokens(), "tokens loaded from host memory");
    // No SSD latency is charged, so the reads sum to the SSD tokens' bytes over its bandwidth:
    // 1,586,688 x 131,072 B / 5 GiB/s = 38.7375 s (each step's read rounded to 1 ps).
    double readSeconds = ssd.hitTokens() * KV_BYTES_PER_TOKEN / (5 * Math.pow(2, 30));
    assertEquals(38.7375, readSeconds, 1e-9);
    assertEquals(readSeconds, ssd.readSeconds(), 1e-6, "1 ps of rounding per step");
    // The waits include the reads, then the host link for both tiers' tokens (10 us a step).
    double hostLinkSeconds = (ssd.hitTokens() + withSsd.hostTier().hitTokens())
        * KV_BYTES_PER_TOKEN / 64e9;
    assertTrue(withSsd.hostTier().loadSeconds() > readSeconds + hostLinkSeconds,
        withSsd.hostTier().loadSeconds() + " s waited");
    assertTrue(withSsd.ttftSeconds().p50() < hostOnly.ttftSeconds().p50());
  }

  @Test
  void badSsdFiguresAreRefusedAtTheirKeyAndLine() throws IOException {
    Path file = dir.resolve("ssd.yaml");
    Files.writeString(file, Files.readString(EXAMPLE)
        .replace("traces/", EXAMPLE.toAbsolutePath().getParent() + "/traces/")
        .replace("bandwidth: 5 GiB/s", "bandwidth: 5 GiBs"));
    ScenarioException bandwidth = assertThrows(ScenarioException.class,
        () -> LOADER.load(file, List.of()));
    assertEquals("workload.serving.scheduler.kvTier.ssd.bandwidth", bandwidth.keyPath());
    assertTrue(bandwidth.where().endsWith("ssd.yaml:43:33"), bandwidth.where());
    assertTrue(bandwidth.problem().contains("is not a bandwidth"), bandwidth.problem());

    ScenarioException small = assertThrows(ScenarioException.class, () -> LOADER.load(EXAMPLE,
        List.of("workload.serving.scheduler.kvTier.ssd.capacity=1 KiB")));
    assertEquals("workload.serving.scheduler.kvTier.ssd.capacity", small.keyPath());
    assertTrue(small.problem().startsWith("1 KiB holds no prefix block of 67108864 bytes"),
        small.problem());

    ScenarioException unknown = assertThrows(ScenarioException.class, () -> LOADER.load(EXAMPLE,
        List.of("workload.serving.scheduler.kvTier.ssd.speed=5 GB/s")));
    assertTrue(unknown.problem().startsWith("unknown key; keys here: bandwidth, capacity,"
        + " latency"), unknown.problem());
  }
}
