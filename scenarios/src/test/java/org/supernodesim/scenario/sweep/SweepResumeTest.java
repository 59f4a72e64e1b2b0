package org.supernodesim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.cli.Main;

/** A sweep killed with SIGKILL and started again ends with the files of an uninterrupted sweep. */
class SweepResumeTest {
  static final String SCENARIO =
      SweepDefinitionTest.BASE
              .replace("chips: 8", "chips: 64")
              .replace("size: 1 MiB", "size: 1 GiB, repeat: 2")
          + "sweep:\n  cluster.chips: [64, 128, 192, 256, 320, 384]\n";

  @Test
  void aKilledSweepResumesToTheSameFiles(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("resume-test.yaml");
    Files.writeString(file, SCENARIO);
    Path killed = tmp.resolve("killed");
    Path whole = tmp.resolve("whole");

    // Given a sweep in its own JVM, killed (SIGKILL: no shutdown hooks) once a point is kept.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", file.toString(), "--out", killed.toString(), "--parallel", "1")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (pointFiles(killed) < 1 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.destroyForcibly(); // SIGKILL on Linux and macOS
    p.waitFor(30, TimeUnit.SECONDS);
    int before = pointFiles(killed);
    assertTrue(before >= 1 && before < 6, "killed with " + before + " of 6 points kept");

    // When it is started again, and the same sweep runs uninterrupted elsewhere.
    assertEquals(0, sweep(file, killed), "the resumed sweep");
    assertEquals(0, sweep(file, whole), "the uninterrupted sweep");

    // Then both folders hold the same files: each point equal less its run facts, the table less
    // its wall-clock column, the reports byte for byte.
    assertEquals(names(whole.resolve("points")), names(killed.resolve("points")), "same points");
    for (String name : names(whole.resolve("points"))) {
      assertEquals(
          withoutRun(whole.resolve("points").resolve(name)),
          withoutRun(killed.resolve("points").resolve(name)), name);
    }
    assertEquals(withoutWall(whole.resolve("results.csv")), withoutWall(killed.resolve("results.csv")),
        "results.csv less wallSeconds");
    assertEquals(7, Files.readAllLines(whole.resolve("results.csv")).size(), "header + 6 rows");
    for (String report : List.of("report.md", "report.html", "sweep.json")) {
      assertEquals(Files.readString(whole.resolve(report)), Files.readString(killed.resolve(report)),
          report);
    }
  }

  static int sweep(Path file, Path out) {
    StringWriter text = new StringWriter();
    return Main.execute(
        new String[] {"sweep", file.toString(), "--out", out.toString(), "--parallel", "2"},
        new PrintWriter(text), new PrintWriter(text));
  }

  static int pointFiles(Path dir) {
    File[] files = dir.resolve("points").toFile().listFiles((d, n) -> n.endsWith(".json"));
    return files == null ? 0 : files.length;
  }

  static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }

  static JsonNode withoutRun(Path point) throws Exception {
    JsonNode n = PointStore.MAPPER.readTree(point.toFile());
    ((ObjectNode) n.get("result")).remove("run");
    return n;
  }

  static List<String> withoutWall(Path csv) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      lines.add(line.substring(0, line.lastIndexOf(',')));
    }
    return lines;
  }
}
