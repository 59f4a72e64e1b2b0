package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;

/**
 * Named readings of presets whose reports conflict ({@code alibaba-ppu@cctv},
 * {@code alibaba-ppu@wsj}): each changes some figures of its preset, to a reported value or to
 * unknown, so that a comparison runs every reading and never picks one silently. Read from {@code
 * readings.yaml} beside this class.
 */
final class Readings {
  static final String FILE = "org/supernodesim/scenario/catalog/readings.yaml";

  record ReadingsFile(@JsonProperty(required = true) List<Reading> readings) {}

  record Reading(
      @JsonProperty(required = true) String name,
      @JsonProperty(required = true) String chip,
      @JsonProperty(required = true) String summary,
      @JsonProperty(required = true) Map<String, Change> figures) {}

  /** A figure of the reading: a value with its source, or unknown with what would settle it. */
  record Change(Double value, Confidence confidence, String source, String unknown) {}

  private final Map<String, Reading> byName = new TreeMap<>();

  private Readings(List<Reading> readings) {
    for (Reading r : readings) {
      for (String key : r.figures().keySet()) {
        if (ChipFigure.byKey(key).isEmpty()) {
          throw new IllegalStateException(FILE + ": " + r.name() + ": no chip figure " + key);
        }
      }
      byName.put(r.name().toLowerCase(java.util.Locale.ROOT), r);
    }
  }

  static Readings load(ClassLoader loader) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = loader.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FILE);
      }
      return new Readings(yaml.readValue(in, ReadingsFile.class).readings());
    } catch (JsonProcessingException e) {
      throw ShippedFileErrors.located(FILE, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE, e);
    }
  }

  /** The names of every reading, sorted. */
  List<String> names() {
    return byName.values().stream().map(Reading::name).toList();
  }

  /**
   * {@code base} as reading {@code name} has it.
   *
   * @throws IllegalArgumentException if there is no such reading, listing those there are
   */
  ChipSpec apply(String name, ChipSpec base) {
    Reading r = byName.get(name.toLowerCase(java.util.Locale.ROOT));
    if (r == null || !r.chip().equals(base.id())) {
      throw new IllegalArgumentException("no reading named '" + name + "'; readings: "
          + String.join(", ", names()));
    }
    Map<ChipFigure, Figure> figures = new EnumMap<>(base.figures());
    r.figures().forEach((key, change) -> {
      ChipFigure figure = ChipFigure.byKey(key).orElseThrow();
      figures.put(figure, change.unknown() != null
          ? new Figure.Unknown(change.unknown())
          : new Figure.Known(change.value(), change.confidence(), change.source()));
    });
    return new ChipSpec(r.name(), base.name() + ", reading: " + r.summary(), figures);
  }
}
