package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CatalogCommandTest {
  /** Output, error text and exit code of one run of {@code catalog args...}. */
  private record Run(String out, String err, int exitCode) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CatalogCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(out.toString(), err.toString(), code);
  }

  @Test
  void listPrintsChipsSystemsAndModels() {
    Run run = run("list");
    assertEquals(0, run.exitCode(), run.err());
    for (String name : List.of("ascend-910b-8", "cloudmatrix384", "gb200-nvl72", "hgx-h100-8",
        "hgx-h20-8", "nvidia-h100-sxm", "ascend-910c", "deepseek-v3", "llama-3.1-405b")) {
      assertTrue(run.out().contains(name), name + " in:\n" + run.out());
    }
    // H100 row: 989.4 BF16, 1979 FP8, 80 GB, 3.35 TB/s, 450 GB/s per direction (e), 700 W.
    String h100 = run.out().lines().filter(l -> l.startsWith("nvidia-h100-sxm ")).findFirst()
        .orElseThrow();
    assertTrue(h100.matches(".*989\\.4 +1979 +80 +3\\.35 +450 \\(e\\) +700"), h100);
    // The 910B's "FP8 not supported" is the catalog's estimate, so it keeps its mark.
    String ascend = run.out().lines().filter(l -> l.startsWith("ascend-910b ")).findFirst()
        .orElseThrow();
    assertTrue(ascend.contains("n/s (e)"), ascend);
  }

  @Test
  void showGivesEveryFigureWithItsSource() {
    Run run = run("show", "nvidia-h100-sxm");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("bf16DenseFlops  989.4 TFLOP/s  published, dense"), run.out());
    assertTrue(run.out().contains("NVIDIA H100 Tensor Core GPU Architecture (whitepaper, GTC22)"));
    assertTrue(run.out().contains(
        "https://resources.nvidia.com/en-us-tensor-core/gtc22-whitepaper-hopper"), run.out());
    assertTrue(run.out().contains("scaleOutNicBandwidthPerChip  400 Gb/s"), run.out());
  }

  @Test
  void showWorksForSystemsAndModels() {
    Run system = run("show", "ascend-910b-8");
    assertEquals(0, system.exitCode(), system.err());
    assertTrue(system.out().startsWith("atlas-800t-a2: "), system.out());
    assertTrue(system.out().contains("fabric hccs-full-mesh"), system.out());
    Run model = run("show", "deepseek-v3");
    assertEquals(0, model.exitCode(), model.err());
    assertTrue(model.out().contains("computedTotal  671026419200"), model.out());
  }

  @Test
  void anUnknownNameIsAUsageErrorListingTheValidNames() {
    Run run = run("show", "h1oo");
    assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("no chip or system named 'h1oo'"), run.err());
    assertTrue(run.err().contains("nvidia-h100-sxm"), run.err());
  }
}
