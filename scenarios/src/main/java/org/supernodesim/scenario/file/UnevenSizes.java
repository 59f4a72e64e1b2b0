package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.scenario.file.Quantities.DataSize;

/**
 * A collective's {@code sizes:}: each member's send buffer of an uneven all-to-all, in group
 * order (MoE dispatch and combine, where the router gives some ranks more tokens than others).
 * Each buffer is cut evenly over the members, as a uniform all-to-all's; the busiest sender's
 * port sets the time. Exclusive with {@code size:}.
 */
final class UnevenSizes {
  private UnevenSizes() {}

  /** Checks {@code sizes} against the entry's other keys as read; absent is the empty list. */
  static List<DataSize> validate(String kind, String algorithm, DataSize size, List<DataSize> sizes) {
    if (sizes == null) {
      if (size == null) {
        throw new InvalidValue(
            "size", "missing; a collective needs size: (or, for all-to-all, sizes: per rank)");
      }
      return List.of();
    }
    if (size != null) {
      throw new InvalidValue("sizes", "given with size:; give one of them");
    }
    if (!"all-to-all".equals(kind)) {
      throw new InvalidValue("sizes", "per-rank sizes are for all-to-all only, not " + kind);
    }
    if (!"auto".equals(algorithm) && !"direct".equals(algorithm)) {
      throw new InvalidValue(
          "sizes", "per-rank sizes need algorithm direct (or auto), not " + algorithm);
    }
    if (sizes.size() < 2) {
      throw new InvalidValue("sizes", sizes.size() + " size(s); one per rank of the group, >= 2");
    }
    return List.copyOf(sizes);
  }

  /**
   * The sizes in bytes for a group of {@code members}, or a problem at {@code path} if there is
   * not one per member; empty if {@code sizes} is.
   */
  static List<Long> bytes(List<DataSize> sizes, int members, String path) {
    if (sizes.isEmpty()) {
      return List.of();
    }
    if (sizes.size() != members) {
      throw new ScenarioAssembly.Problem(
          path, sizes.size() + " sizes for a group of " + members + "; give one per rank");
    }
    List<Long> bytes = new ArrayList<>(members);
    sizes.forEach(s -> bytes.add(s.bytes()));
    return bytes;
  }

  /** The mean send buffer, rounded down: what the result reports as the collective's size. */
  static long mean(List<Long> bytes) {
    long total = 0;
    for (long b : bytes) {
      total += b;
    }
    return total / bytes.size();
  }
}
