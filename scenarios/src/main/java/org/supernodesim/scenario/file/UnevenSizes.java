package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
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
  static List<DataSize> validate(
      CollectiveKind kind, AlgorithmChoice algorithm, DataSize size, List<DataSize> sizes) {
    if (sizes == null) {
      if (size == null) {
        throw new InvalidInput(
            "size", "missing; a collective needs size: (or, for all-to-all, sizes: per rank)");
      }
      return List.of();
    }
    if (size != null) {
      throw new InvalidInput("sizes", "given with size:; give one of them");
    }
    if (kind != CollectiveKind.ALL_TO_ALL) {
      throw new InvalidInput("sizes", "per-rank sizes are for all-to-all only, not " + kind.label());
    }
    if (algorithm != AlgorithmChoice.AUTO && algorithm != AlgorithmChoice.DIRECT) {
      throw new InvalidInput(
          "sizes", "per-rank sizes need algorithm direct (or auto), not " + algorithm.label());
    }
    if (sizes.size() < 2) {
      throw new InvalidInput("sizes", sizes.size() + " size(s); one per rank of the group, >= 2");
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
      throw new InvalidInput(
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
