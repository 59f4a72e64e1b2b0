package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.supernodesim.model.calibration.ComputeCalibration;

/**
 * The compute calibrations shipped with the product, one per chip, read from the class path
 * ({@code org/supernodesim/model/calibration/<chip id>.yaml}). A chip without one has none: the
 * caller decides whether the plain roofline will do.
 */
public final class Calibrations {
  /** Where cluster-model keeps the calibration files. */
  public static final String ROOT = "org/supernodesim/model/calibration/";

  /** The YAML reader, built on first use: a shipped file's current JSON twin needs none. */
  private static final class Yaml {
    static final ObjectMapper MAPPER =
        new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private Calibrations() {}

  /**
   * The calibration of chip {@code chipId}, if one ships.
   *
   * @throws IllegalStateException if the file exists but is malformed or names another chip: it
   *     ships with the product, so that is our bug
   */
  public static Optional<ComputeCalibration> of(String chipId) {
    String file = ROOT + chipId + ".yaml";
    try (InputStream in = Calibrations.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        return Optional.empty();
      }
      ComputeCalibration c = readShipped(in, file);
      if (!c.chip().equals(chipId)) {
        throw new IllegalStateException(file + " calibrates " + c.chip() + ", not " + chipId);
      }
      return Optional.of(c);
    } catch (IOException e) {
      throw new UncheckedIOException("calibration " + file, e);
    }
  }

  /** Reads a shipped file: from the JSON made of it at build time when current, see CatalogJson. */
  private static ComputeCalibration readShipped(InputStream in, String file) throws IOException {
    byte[] yaml = in.readAllBytes();
    ComputeCalibration c = CatalogJson.read(
        Calibrations.class.getClassLoader(), file, yaml, ComputeCalibration.class);
    return c != null ? c : read(new ByteArrayInputStream(yaml), file);
  }

  /**
   * Reads one calibration file.
   *
   * @throws IllegalStateException naming the file, line, column, key and what is wrong, for a
   *     malformed one (a figure out of range, a confidence not among the levels, a key missing or
   *     unknown)
   */
  static ComputeCalibration read(InputStream in, String file) throws IOException {
    try {
      return Yaml.MAPPER.readValue(in, ComputeCalibration.class);
    } catch (JsonProcessingException e) {
      throw ShippedFileErrors.located(file, e);
    }
  }
}
