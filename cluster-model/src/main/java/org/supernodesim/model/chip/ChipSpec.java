package org.supernodesim.model.chip;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An accelerator as the models see it: its figures in SI units, each with its confidence and
 * source. Built from a catalog preset, possibly with figures overridden by a scenario.
 *
 * @param id the preset id (for example {@code ascend-910c})
 * @param name the human-readable name
 * @param figures every {@link ChipFigure}, known or not
 */
public record ChipSpec(String id, String name, Map<ChipFigure, Figure> figures) {
  public ChipSpec {
    EnumMap<ChipFigure, Figure> copy = new EnumMap<>(ChipFigure.class);
    copy.putAll(figures);
    for (ChipFigure f : ChipFigure.values()) {
      copy.putIfAbsent(f, new Figure.Unknown("not in the preset"));
    }
    figures = Collections.unmodifiableMap(copy);
  }

  /**
   * The value of a figure a model needs.
   *
   * @throws MissingFigureException if the preset has no usable value, saying how to supply one
   */
  public double require(ChipFigure figure) {
    Figure f = figures.get(figure);
    if (f instanceof Figure.Known k) {
      return k.value();
    }
    String why =
        f instanceof Figure.NotSupported
            ? "is not supported by " + id
            : "is unknown for " + id + " (" + ((Figure.Unknown) f).needed() + ")";
    throw new MissingFigureException(
        figure, figure.key() + " " + why + "; give it in the scenario as cluster.chip." + figure.key());
  }

  /** True if the figure has a value (published, reported, estimated or overridden). */
  public boolean has(ChipFigure figure) {
    return figures.get(figure) instanceof Figure.Known;
  }

  /** A copy with one figure replaced by a scenario's value. */
  public ChipSpec withOverride(ChipFigure figure, double value, String where) {
    EnumMap<ChipFigure, Figure> copy = new EnumMap<>(figures);
    copy.put(figure, new Figure.Known(value, Confidence.OVERRIDDEN, where));
    return new ChipSpec(id, name, copy);
  }
}
