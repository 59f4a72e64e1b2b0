package org.supernodesim.node.serving;

import java.util.Arrays;

/**
 * An instance's tokens per step, by the time the step ended: what the steady-state window counts.
 * Three longs per step (a million steps: 24 MB).
 */
final class TokenLog {
  private long[] endPicos = new long[64];
  private long[] prefillTokens = new long[64];
  private long[] outputTokens = new long[64];
  private int size;

  void add(long end, long prefill, long output) {
    if (size == endPicos.length) {
      endPicos = Arrays.copyOf(endPicos, 2 * size);
      prefillTokens = Arrays.copyOf(prefillTokens, 2 * size);
      outputTokens = Arrays.copyOf(outputTokens, 2 * size);
    }
    endPicos[size] = end;
    prefillTokens[size] = prefill;
    outputTokens[size] = output;
    size++;
  }

  /** Prompt tokens computed by steps ending in (from, to]. */
  long prefillTokens(long fromPicos, long toPicos) {
    return sum(prefillTokens, fromPicos, toPicos);
  }

  /** Output tokens (first and later) produced by steps ending in (from, to]. */
  long outputTokens(long fromPicos, long toPicos) {
    return sum(outputTokens, fromPicos, toPicos);
  }

  private long sum(long[] values, long fromPicos, long toPicos) {
    long total = 0;
    for (int i = 0; i < size; i++) {
      if (endPicos[i] > fromPicos && endPicos[i] <= toPicos) {
        total += values[i];
      }
    }
    return total;
  }
}
