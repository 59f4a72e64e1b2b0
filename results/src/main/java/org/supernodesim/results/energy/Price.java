package org.supernodesim.results.energy;

/**
 * A price in any currency, per chip-hour or per kilowatt-hour, with where it came from.
 *
 * @param amount the price, >= 0
 * @param currency an ISO-4217-style code as written, e.g. {@code USD}, {@code CNY}
 * @param basis what one unit of the price buys
 * @param source the scenario key or the prices.yaml row (id, date, source) it came from
 */
public record Price(double amount, String currency, Basis basis, String source) {
  /** What a price is per. */
  public enum Basis {
    CHIP_HOUR("chip-hour"),
    KILOWATT_HOUR("kWh");

    private final String label;

    Basis(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Price {
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("a price must be finite and >= 0: " + amount);
    }
  }
}
