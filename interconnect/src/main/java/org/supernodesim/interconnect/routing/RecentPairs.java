package org.supernodesim.interconnect.routing;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Per source chip, what a pure function of (source, destination) gave for the last {@link #SLOTS}
 * destinations asked, the oldest replaced first. For clusters too large for a row per
 * source: a chip sends to a few peers in turn (its neighbours in each of its groups' rings, its
 * pipeline neighbours), so these few slots answer nearly every ask at a memory of a few references
 * per chip, allocated on first use.
 *
 * <p>Entries are immutable records written whole into a plain array: a thread that reads a slot
 * another is writing sees the old entry, the new one or none (final fields are safely published),
 * and each is right, since the value is a function of the pair alone; so is any slot two threads
 * racing on a source's turn to replace end up replacing.
 */
final class RecentPairs<T> {
  /** Slots per source chip; a power of two. */
  static final int SLOTS = 4;

  /** The function kept. */
  @FunctionalInterface
  interface PairFunction<T> {
    T apply(int source, int destination);
  }

  private record Entry<T>(int destination, T value) {}

  private final int chips;
  private final PairFunction<T> function;
  private final AtomicReference<Entry<T>[]> entries = new AtomicReference<>();
  // Per source, its slot to replace next.
  private final AtomicReference<byte[]> next = new AtomicReference<>();

  RecentPairs(int chips, PairFunction<T> function) {
    this.chips = chips;
    this.function = function;
  }

  /** {@code function(source, destination)}, kept in one of {@code source}'s slots. */
  T get(int source, int destination) {
    Entry<T>[] all = entries.get();
    if (all == null) {
      @SuppressWarnings("unchecked") // an array of the record, erased
      Entry<T>[] made = (Entry<T>[]) new Entry<?>[Math.multiplyExact(chips, SLOTS)];
      entries.compareAndSet(null, made);
      next.compareAndSet(null, new byte[chips]);
      all = entries.get();
    }
    int first = source * SLOTS;
    for (int slot = first; slot < first + SLOTS; slot++) {
      Entry<T> e = all[slot];
      if (e != null && e.destination() == destination) {
        return e.value();
      }
    }
    T value = function.apply(source, destination);
    byte[] turns = next.get();
    int turn = turns[source];
    all[first + turn] = new Entry<>(destination, value);
    turns[source] = (byte) ((turn + 1) % SLOTS);
    return value;
  }
}
