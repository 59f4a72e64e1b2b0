package org.supernodesim.interconnect.network;

import org.supernodesim.interconnect.routing.Router;

/**
 * A map from {@code long} keys to values, for the fabric's per-transfer and per-connection
 * bookkeeping: open addressing with linear probing over flat arrays, keys mixed before probing.
 * A {@code HashMap<Long, V>} boxed every key and compared boxes on every look-up: a tenth of a
 * flow all-to-all's run. Look-up only: it has no iteration, so its layout can never reach a result.
 * Null values are not allowed (null means absent). Not thread-safe.
 *
 * @param <V> the values
 */
public final class LongMap<V> {
  private long[] keys = new long[16];
  private Object[] values = new Object[16];
  private int size;

  /** The value of {@code key}, or null. */
  @SuppressWarnings("unchecked") // values holds only Vs
  public V get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }

  /** Maps {@code key} to {@code value} (not null); returns the previous value, or null. */
  @SuppressWarnings("unchecked") // values holds only Vs
  public V put(long key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value for key " + key);
    }
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return null;
      }
      if (keys[i] == key) {
        values[i] = value;
        return (V) v;
      }
    }
  }

  /** Removes {@code key}; returns its value, or null if it had none. */
  @SuppressWarnings("unchecked") // values holds only Vs
  public V remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (true) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        deleteAt(i, mask);
        size--;
        return (V) v;
      }
      i = (i + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Empties slot {@code hole}, shifting back later entries of its run so probes still find them. */
  private void deleteAt(int hole, int mask) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      Object v = values[i];
      if (v == null) {
        break;
      }
      int home = slot(keys[i], mask);
      // Move the entry into the hole unless its home lies cyclically in (hole, i].
      boolean homeAfterHole = hole <= i ? hole < home && home <= i : hole < home || home <= i;
      if (!homeAfterHole) {
        keys[hole] = keys[i];
        values[hole] = v;
        hole = i;
      }
    }
    values[hole] = null;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldValues.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldValues[j] != null) {
        int i = slot(oldKeys[j], mask);
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  private static int slot(long key, int mask) {
    return (int) Router.mix(key) & mask;
  }
}
