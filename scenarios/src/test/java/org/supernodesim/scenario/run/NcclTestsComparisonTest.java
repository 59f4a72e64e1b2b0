package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * The 8-GPU H100 all-reduce of examples/busbw-hgx-h100-8.yaml against the published nccl-tests
 * sweep (Azure ND H100 v5, NCCL 2.18.5, NVLS; validation/nccl-tests.csv, copied with its sources).
 * The calibration it runs with (NVLink 4 at 370 of 450 GB/s, NVLink SHARP at 274 GB/s of
 * algorithm bandwidth, NCCL's tuner latencies) comes from other sources (nccl-tests issue 212,
 * NCCL's tuning.cc), not from this sweep.
 */
class NcclTestsComparisonTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);

  /** One published row: size in bytes and bus bandwidth in GB/s. */
  record Published(long bytes, double busGigabytesPerSecond) {}

  static List<Published> published(String system, String collective) throws IOException {
    List<Published> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("validation/nccl-tests.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 5);
      if (f[0].equals(system) && f[1].equals(collective)) {
        rows.add(new Published(Long.parseLong(f[2]), Double.parseDouble(f[3])));
      }
    }
    return rows;
  }

  @Test
  void h100AllReduceBusBandwidthIsWithin15PercentOfNcclTestsFrom64MiB() throws IOException {
    // Given the busbw example's all-reduce sizes of 64 MiB and above.
    RunResult result =
        ScenarioRunner.run(
            LOADER.load(Path.of("examples/busbw-hgx-h100-8.yaml"), List.of()),
            RuntimeChoice.SEQUENTIAL);
    int matched = 0;
    for (Published p : published("hgx-h100-8", "all_reduce")) {
      if (p.bytes() < 64L << 20) {
        continue;
      }
      for (CollectiveResult c : Kinds.collectives(result)) {
        if (c.kind().equals("all-reduce") && c.bytes() == p.bytes()) {
          matched++;
          double simulated = c.busBytesPerSecond() / 1e9;
          // Then each is within 15 % of the published bus bandwidth.
          assertEquals(p.busGigabytesPerSecond(), simulated, 0.15 * p.busGigabytesPerSecond(),
              p.bytes() + " B: simulated " + simulated + " GB/s vs published "
                  + p.busGigabytesPerSecond() + " GB/s, within 15 %");
        }
      }
    }
    assertTrue(matched >= 7, "64 MiB .. 4 GiB all matched a published size: " + matched);
  }
}
