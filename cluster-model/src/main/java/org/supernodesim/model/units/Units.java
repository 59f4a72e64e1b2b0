package org.supernodesim.model.units;

/**
 * The unit constants of the project. GB = 10^9 bytes, GiB = 2^30 bytes, Gb = 10^9 bits: vendors
 * write decimal units, so the catalog and scenario files do too, and binary ones are explicit.
 */
public final class Units {
  public static final long PICOS_PER_NANOSECOND = 1_000L;
  public static final long PICOS_PER_MICROSECOND = 1_000_000L;
  public static final long PICOS_PER_MILLISECOND = 1_000_000_000L;
  public static final long PICOS_PER_SECOND_LONG = 1_000_000_000_000L;
  public static final double PICOS_PER_SECOND = 1e12;

  public static final long BYTES_PER_KB = 1_000L;
  public static final long BYTES_PER_MB = 1_000_000L;
  public static final long BYTES_PER_GB = 1_000_000_000L;
  public static final long BYTES_PER_TB = 1_000_000_000_000L;
  public static final long BYTES_PER_KIB = 1L << 10;
  public static final long BYTES_PER_MIB = 1L << 20;
  public static final long BYTES_PER_GIB = 1L << 30;
  public static final long BYTES_PER_TIB = 1L << 40;
  public static final int BITS_PER_BYTE = 8;

  private Units() {}

  /** Seconds as picoseconds, rounded to the nearest picosecond. */
  public static long secondsToPicos(double seconds) {
    return Math.round(seconds * PICOS_PER_SECOND);
  }

  /** Picoseconds as seconds. */
  public static double picosToSeconds(long picos) {
    return picos / PICOS_PER_SECOND;
  }
}
