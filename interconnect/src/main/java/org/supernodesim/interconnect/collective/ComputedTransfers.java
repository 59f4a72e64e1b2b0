package org.supernodesim.interconnect.collective;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * An immutable list of transfers computed when read, from a pure function of the index: a direct
 * all-to-all's step holds n-1 sends and n-1 receives per member, n^2 in all, where a chip reads
 * each send once and of its receives only their number. {@link Step} keeps such a list as it is
 * instead of copying it. The function must be pure (the same transfer for the same index, on any
 * thread) and read no state that changes.
 */
final class ComputedTransfers extends AbstractList<Step.Transfer> implements RandomAccess {
  private final int size;
  private final IntFunction<Step.Transfer> transfer;

  ComputedTransfers(int size, IntFunction<Step.Transfer> transfer) {
    if (size < 0) {
      throw new IllegalArgumentException("a negative number of transfers: " + size);
    }
    this.size = size;
    this.transfer = transfer;
  }

  @Override
  public Step.Transfer get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return transfer.apply(index);
  }

  @Override
  public int size() {
    return size;
  }
}
