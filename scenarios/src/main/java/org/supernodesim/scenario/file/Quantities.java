package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.supernodesim.model.units.Quantity;

/**
 * Quantities as scenario files write them: a number and a unit in one string ({@code "392 GB/s"}).
 * Each record holds the value in the base unit its name says; below this package no string has a
 * unit.
 *
 * <p>Each is refused outside what the simulator can represent: its clock counts picoseconds in a
 * {@code long} (2^63 ps, 106 days), so a time is at most {@value #MAX_SECONDS} s (room to add up
 * many), a bandwidth at least {@value #MIN_BYTES_PER_SECOND} B/s (1 TB over it takes 10^6 s),
 * and a compute rate at least {@value #MIN_PER_SECOND} per second.
 */
final class Quantities {
  private Quantities() {}

  /** The longest time a scenario may state: 10^6 s, 10^18 ps. */
  static final double MAX_SECONDS = 1e6;
  /** The least bandwidth a scenario may state: 1 MB/s. */
  static final double MIN_BYTES_PER_SECOND = 1e6;
  /** The least compute rate a scenario may state: 1 GFLOP/s. */
  static final double MIN_PER_SECOND = 1e9;

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
      double bytesPerSecond = Quantity.BANDWIDTH.parse(text);
      if (bytesPerSecond > 0 && bytesPerSecond < MIN_BYTES_PER_SECOND
          || Double.isInfinite(bytesPerSecond)) {
        throw new IllegalArgumentException("\"" + text + "\": the simulator represents bandwidths"
            + " from 1 MB/s (a transfer's time must fit its picosecond clock)");
      }
      return new Bandwidth(bytesPerSecond, text);
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
      if (!(picos <= MAX_SECONDS * 1e12)) {
        throw new IllegalArgumentException("\"" + text + "\": the simulator represents times up"
            + " to 1e6 s (its clock counts picoseconds in 63 bits)");
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
      double perSecond = Quantity.COMPUTE_RATE.parse(text);
      if (perSecond > 0 && perSecond < MIN_PER_SECOND || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("\"" + text + "\": the simulator represents compute"
            + " rates from 1 GFLOPS (an operation's time must fit its picosecond clock)");
      }
      return new ComputeRate(perSecond, text);
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
      double watts = Quantity.POWER.parse(text);
      if (Double.isInfinite(watts)) {
        throw new IllegalArgumentException("\"" + text + "\": a power must be finite");
      }
      return new Power(watts, text);
    }
  }
}
