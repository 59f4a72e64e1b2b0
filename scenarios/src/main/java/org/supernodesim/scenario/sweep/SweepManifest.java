package org.supernodesim.scenario.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.results.scaling.ScalingKind;
import org.supernodesim.scenario.file.SweepDefinition;

/**
 * {@code sweep.json}: what a sweep folder holds, so that {@code report DIR} re-renders it from the
 * saved points alone.
 *
 * @param scenario the scenario's name, the reports' title
 * @param scalingKind strong or weak
 * @param threshold the efficiency whose crossing the reports name
 * @param points the point ids in sweep order
 * @param parameters the swept key paths, in order
 * @param outputs the reports the scenario asks for ({@code report:})
 */
public record SweepManifest(
    String scenario,
    ScalingKind scalingKind,
    double threshold,
    List<String> points,
    List<String> parameters,
    List<ReportOutput> outputs) {
  static final String FILE = "sweep.json";

  static SweepManifest of(
      String scenario,
      SweepDefinition sweep,
      List<String> points,
      List<String> parameters,
      List<ReportOutput> outputs) {
    return new SweepManifest(
        scenario, sweep.scaling().kind(), sweep.scaling().threshold(), points, parameters, outputs);
  }

  void write(Path dir) {
    try {
      OutputFiles.write(dir.resolve(FILE), PointStore.MAPPER.writeValueAsString(this) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the sweep's manifest as JSON", e);
    }
  }

  /** True if {@code dir} holds a sweep. */
  public static boolean in(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  static SweepManifest read(Path dir) {
    try {
      return PointStore.MAPPER.readValue(dir.resolve(FILE).toFile(), SweepManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(FILE), e);
    }
  }
}
