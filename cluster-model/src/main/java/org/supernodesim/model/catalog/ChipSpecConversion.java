package org.supernodesim.model.catalog;

import java.util.EnumMap;
import java.util.Map;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.units.Units;

/**
 * Turns a chip entry into a {@link ChipSpec}. The rules, in the order a figure meets them:
 *
 * <ul>
 *   <li>{@code unknown} becomes {@link Figure.Unknown} carrying {@code needed} (or the note);
 *   <li>{@code notSupported} becomes {@link Figure.NotSupported} citing its source;
 *   <li>a number becomes {@link Figure.Known} in SI units, citing "title, locator"; the only
 *       non-SI catalog unit is {@code bitsPerSecond} (NIC line rates), divided by 8;
 *   <li>scale-up per direction: the file's own {@code scaleUpBandwidthPerDirection} if it has a
 *       value, else {@code scaleUpBandwidthBidirectional} / 2, else {@code
 *       scaleUpBandwidthUnspecified} as is; both fallbacks are {@link Confidence#ESTIMATED} and say
 *       so in the source text, because a network model must not mistake a sum of both directions
 *       for one direction.
 * </ul>
 */
final class ChipSpecConversion {
  static final String PER_DIRECTION = "scaleUpBandwidthPerDirection";
  static final String BIDIRECTIONAL = "scaleUpBandwidthBidirectional";
  static final String UNSPECIFIED = "scaleUpBandwidthUnspecified";

  /** Catalog unit -> the SI unit of {@link ChipFigure} it gives (bits only after dividing by 8). */
  private static final Map<String, String> SI_UNIT_OF =
      Map.of(
          "flopsPerSecond", "flop/s",
          "opsPerSecond", "op/s",
          "bytes", "B",
          "bytesPerSecond", "B/s",
          "bitsPerSecond", "B/s",
          "watts", "W",
          "count", "count");

  private ChipSpecConversion() {}

  static ChipSpec toChipSpec(CatalogEntry chip) {
    if (!CatalogEntry.CHIP.equals(chip.kind())) {
      throw new IllegalArgumentException(chip.id() + " is a " + chip.kind() + ", not a chip");
    }
    EnumMap<ChipFigure, Figure> figures = new EnumMap<>(ChipFigure.class);
    for (ChipFigure f : ChipFigure.values()) {
      if (f == ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION) {
        figures.put(f, scaleUpPerDirection(chip));
      } else {
        CatalogFigure cf = chip.figures().get(f.key());
        figures.put(
            f,
            cf == null
                ? new Figure.Unknown("no " + f.key() + " in the catalog entry " + chip.id())
                : convert(chip, f, f.key(), cf));
      }
    }
    return new ChipSpec(chip.id(), chip.name(), figures);
  }

  private static Figure scaleUpPerDirection(CatalogEntry chip) {
    ChipFigure f = ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION;
    CatalogFigure perDirection = chip.figures().get(PER_DIRECTION);
    if (perDirection != null && perDirection.number().isPresent()) {
      return convert(chip, f, PER_DIRECTION, perDirection);
    }
    CatalogFigure bidirectional = chip.figures().get(BIDIRECTIONAL);
    if (bidirectional != null && bidirectional.number().isPresent()) {
      double sum = siValue(chip, f, BIDIRECTIONAL, bidirectional);
      return new Figure.Known(
          sum / 2,
          Confidence.ESTIMATED,
          "derived: "
              + BIDIRECTIONAL
              + " / 2 (a sum over both directions, split evenly); "
              + chip.cite(bidirectional));
    }
    CatalogFigure unspecified = chip.figures().get(UNSPECIFIED);
    if (unspecified != null && unspecified.number().isPresent()) {
      return new Figure.Known(
          siValue(chip, f, UNSPECIFIED, unspecified),
          Confidence.ESTIMATED,
          "taken from "
              + UNSPECIFIED
              + " as per direction: the source does not say whether it is one direction or the"
              + " sum of both (then half of it); "
              + chip.cite(unspecified));
    }
    for (String key : new String[] {PER_DIRECTION, BIDIRECTIONAL, UNSPECIFIED}) {
      CatalogFigure cf = chip.figures().get(key);
      if (cf != null) {
        return convert(chip, f, key, cf);
      }
    }
    return new Figure.Unknown("no scale-up bandwidth in the catalog entry " + chip.id());
  }

  private static Figure convert(CatalogEntry chip, ChipFigure f, String key, CatalogFigure cf) {
    if (cf.isUnknown()) {
      String needed = cf.needed() != null ? cf.needed() : cf.note();
      return new Figure.Unknown(needed != null ? needed : "no figure in the catalog");
    }
    if (cf.isNotSupported()) {
      String trust =
          cf.confidence() == Confidence.PUBLISHED
              ? ""
              : " (catalog confidence: " + cf.confidence().text() + ")";
      return new Figure.NotSupported(chip.cite(cf) + trust);
    }
    return new Figure.Known(siValue(chip, f, key, cf), cf.confidence(), chip.cite(cf));
  }

  private static double siValue(CatalogEntry chip, ChipFigure f, String key, CatalogFigure cf) {
    String where = chip.id() + ": " + key;
    double value =
        cf.number()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        where + ": '" + cf.value() + "' is not a number, unknown or notSupported"));
    if (!f.siUnit().equals(SI_UNIT_OF.get(cf.unit()))) {
      throw new IllegalArgumentException(
          where + ": unit " + cf.unit() + " cannot give " + f.siUnit() + " for " + f.key());
    }
    return "bitsPerSecond".equals(cf.unit()) ? value / Units.BITS_PER_BYTE : value;
  }
}
