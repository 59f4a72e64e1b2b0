/**
 * Units and quantities. Scenario files write a number with its unit ({@code "392 GB/s"}); {@link
 * org.supernodesim.model.units.Quantity} parses it into the SI base unit, and code carries the unit
 * in its names ({@code bytesPerSecond}, {@code latencyPicos}).
 *
 * <p>Worked example: {@code Quantity.BANDWIDTH.parse("200 Gb/s")} is 2.5e10 bytes per second
 * (Gb is 10^9 bits); {@code Quantity.TIME.parse("1.5 us")} is 1.5e6 picoseconds, the unit of
 * virtual time; {@code Quantity.BYTES.parse("64 GiB")} is 68,719,476,736 bytes.
 */
package org.supernodesim.model.units;
