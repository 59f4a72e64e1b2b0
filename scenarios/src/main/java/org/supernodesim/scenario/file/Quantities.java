package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.supernodesim.model.units.Quantity;

/**
 * Quantities as scenario files write them: a number and a unit in one string ({@code "392 GB/s"}).
 * Each record holds the value in the base unit its name says; below this package no string has a
 * unit.
 */
final class Quantities {
  private Quantities() {}

  /** A quantity's value in its SI base unit (picoseconds for time). */
  interface SiValue {
    double siValue();
  }

  /** A bandwidth: "392 GB/s", "200 Gb/s", "1.5 TiB/s". */
  record Bandwidth(double bytesPerSecond, String text) implements SiValue {
    @Override
    public double siValue() {
      return bytesPerSecond;
    }

    @JsonCreator
    static Bandwidth parse(String text) {
      return new Bandwidth(Quantity.BANDWIDTH.parse(text), text);
    }
  }

  /** A span of time: "1.5 us", "800 ns". */
  record TimeSpan(long picos, String text) implements SiValue {
    @Override
    public double siValue() {
      return picos;
    }

    @JsonCreator
    static TimeSpan parse(String text) {
      double picos = Quantity.TIME.parse(text);
      if (picos < 0) {
        throw new IllegalArgumentException("\"" + text + "\": a time must be >= 0");
      }
      return new TimeSpan(Math.round(picos), text);
    }
  }

  /** A size: "64 GiB", "1 MiB", "80 GB". */
  record DataSize(long bytes, String text) implements SiValue {
    @Override
    public double siValue() {
      return bytes;
    }

    @JsonCreator
    static DataSize parse(String text) {
      double bytes = Quantity.BYTES.parse(text);
      if (bytes < 0 || bytes != Math.rint(bytes) || bytes >= 0x1p62) {
        throw new IllegalArgumentException(
            "\"" + text + "\": a size must be a whole number of bytes >= 0 and below 2^62");
      }
      return new DataSize((long) bytes, text);
    }
  }

  /** A compute rate: "752 TFLOPS", "1979 TOPS". */
  record ComputeRate(double perSecond, String text) implements SiValue {
    @Override
    public double siValue() {
      return perSecond;
    }

    @JsonCreator
    static ComputeRate parse(String text) {
      return new ComputeRate(Quantity.COMPUTE_RATE.parse(text), text);
    }
  }

  /** A power: "700 W", "1.2 kW". */
  record Power(double watts, String text) implements SiValue {
    @Override
    public double siValue() {
      return watts;
    }

    @JsonCreator
    static Power parse(String text) {
      return new Power(Quantity.POWER.parse(text), text);
    }
  }
}
