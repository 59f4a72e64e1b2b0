package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supernodesim.model.catalog.PriceRow;
import org.supernodesim.model.catalog.Prices;
import org.supernodesim.results.energy.Price;

/**
 * Prices a scenario may name or fall back to: the catalog's {@code prices.yaml}, each row cited by
 * its id, date and source when a result uses it.
 */
public final class PriceBook {
  /** The electricity price used when the scenario names none: the US average the FT cites. */
  static final String DEFAULT_ELECTRICITY = "us-average-ft";
  /** The PUE used when the scenario gives none: Uptime Institute's 2023 industry average. */
  static final String DEFAULT_PUE = "uptime-2023";

  /** No catalog: no defaults, no rows to name. */
  public static final PriceBook NONE = new PriceBook(() -> null);

  private static final Pattern PER_CHIP_HOUR =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*([A-Z]{3})\\s*");
  private static final Pattern PER_KWH =
      Pattern.compile(
          "\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*([A-Z]{3})\\s*/\\s*kWh\\s*");

  private final Supplier<Prices> source;

  private PriceBook(Supplier<Prices> source) {
    this.source = source;
  }

  public static PriceBook of(Prices prices) {
    return new PriceBook(() -> prices);
  }

  /**
   * Prices asked of {@code source} when a scenario first needs one, so that a scenario is parsed
   * while the catalog's prices are still being read on another thread ({@code source} must be
   * safe to call from the loader's thread and cheap after its first answer).
   */
  public static PriceBook onFirstUse(Supplier<Prices> source) {
    return new PriceBook(source);
  }

  /** The chip-hour price {@code text} names, or the chip's default; empty for {@code none}. */
  Optional<Price> chipHour(String text, String chipId) {
    Prices prices = source.get();
    if (text == null) {
      return prices == null
          ? Optional.empty()
          : prices.chipHourPrices().stream()
              .filter(r -> chipId.equals(r.chip()) && r.figure().number().isPresent())
              .findFirst()
              .map(r -> price(r, Price.Basis.CHIP_HOUR, "default for " + chipId));
    }
    if (text.equals("none")) {
      return Optional.empty();
    }
    Matcher m = PER_CHIP_HOUR.matcher(text);
    if (m.matches()) {
      return Optional.of(
          new Price(Double.parseDouble(m.group(1)), m.group(2), Price.Basis.CHIP_HOUR,
              "scenario: cost.chipHour"));
    }
    return Optional.of(
        price(row(prices == null ? List.of() : prices.chipHourPrices(), text,
            "a price per chip-hour such as \"2.0 USD\""), Price.Basis.CHIP_HOUR, "scenario"));
  }

  /** The electricity price {@code text} names, or the default; empty for {@code none}. */
  Optional<Price> electricity(String text) {
    if (text != null && text.equals("none")) {
      return Optional.empty();
    }
    if (text != null) {
      Matcher m = PER_KWH.matcher(text);
      if (m.matches()) {
        return Optional.of(
            new Price(Double.parseDouble(m.group(1)), m.group(2), Price.Basis.KILOWATT_HOUR,
                "scenario: cost.electricity"));
      }
    }
    Prices prices = source.get();
    if (prices == null) {
      return Optional.empty();
    }
    String id = text == null ? DEFAULT_ELECTRICITY : text;
    return Optional.of(
        price(row(prices.electricityPrices(), id, "a price such as \"0.4 CNY/kWh\""),
            Price.Basis.KILOWATT_HOUR, text == null ? "default" : "scenario"));
  }

  /** The default PUE, if the catalog has one. */
  OptionalDouble defaultPue() {
    Prices prices = source.get();
    if (prices == null) {
      return OptionalDouble.empty();
    }
    return prices.pue().stream()
        .filter(r -> r.id().equals(DEFAULT_PUE))
        .findFirst()
        .map(r -> r.figure().number())
        .orElse(OptionalDouble.empty());
  }

  /** How the default PUE is cited. */
  String defaultPueSource() {
    Prices prices = source.get();
    return prices == null
        ? "none"
        : prices.pue().stream()
            .filter(r -> r.id().equals(DEFAULT_PUE))
            .findFirst()
            .map(r -> cite(r, "default"))
            .orElse("none");
  }

  private static PriceRow row(List<PriceRow> rows, String id, String example) {
    List<String> ids = new ArrayList<>();
    for (PriceRow r : rows) {
      if (r.id().equals(id)) {
        if (r.figure().number().isEmpty()) {
          throw new IllegalArgumentException(
              "prices.yaml row " + id + " has no known value (" + r.needed() + ")");
        }
        return r;
      }
      if (r.figure().number().isPresent()) {
        ids.add(r.id());
      }
    }
    throw new IllegalArgumentException(
        "\"" + id + "\" is neither " + example + " nor a prices.yaml row; rows: "
            + String.join(", ", ids) + "; or none");
  }

  private static Price price(PriceRow r, Price.Basis basis, String how) {
    // The catalog's units name the currency first: usdPerChipHour, cnyPerKilowattHour.
    String currency = r.unit().substring(0, 3).toUpperCase(Locale.ROOT);
    return new Price(r.figure().number().getAsDouble(), currency, basis, cite(r, how));
  }

  private static String cite(PriceRow r, String how) {
    return "prices.yaml " + r.id() + " (" + how + "; " + r.confidence().text() + ", "
        + r.date() + ", "
        + (r.source() == null ? "no source" : r.source().ref()
            + (r.source().locator() == null ? "" : ": " + r.source().locator()))
        + ")";
  }
}
