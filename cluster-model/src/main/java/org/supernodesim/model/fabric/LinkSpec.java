package org.supernodesim.model.fabric;

import org.supernodesim.model.units.Units;

/**
 * One direction of a link, as the catalog or a scenario states it.
 *
 * @param bytesPerSecond the bandwidth of one direction
 * @param latencyPicos the time for the first byte to cross the link (one hop)
 */
public record LinkSpec(double bytesPerSecond, long latencyPicos) {
  public LinkSpec {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) { // also rejects NaN
      throw new IllegalArgumentException("bandwidth must be > 0 B/s: " + bytesPerSecond);
    }
    if (latencyPicos < 0) {
      throw new IllegalArgumentException("latency must be >= 0 ps: " + latencyPicos);
    }
  }

  /** Time to put {@code bytes} on the wire, rounded to the nearest picosecond. */
  public long serializationPicos(long bytes) {
    return serializationPicos(bytes, bytesPerSecond);
  }

  /** Time to put {@code bytes} on a wire of {@code bytesPerSecond}, to the nearest picosecond. */
  public static long serializationPicos(long bytes, double bytesPerSecond) {
    // Round once per transfer: Java 17 evaluates doubles alike on every machine (JEP 306), and a
    // double resolves better than 1 ps below 2^53 ps (about 2.5 hours of virtual time).
    return Math.round(bytes * (Units.PICOS_PER_SECOND / bytesPerSecond));
  }
}
