package org.supernodesim.workload.training;

/**
 * A training layout that cannot run: tp·pp·dp·cp not the chip count, heads not divisible by tp,
 * and so on. {@code key} is the scenario key under {@code workload.training} it is about, so the
 * scenario loader can point at the line.
 */
public final class LayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public LayoutException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The key path under {@code workload.training}, e.g. {@code parallelism.tp}. */
  public String key() {
    return key;
  }

  static void require(boolean ok, String key, String message) {
    if (!ok) {
      throw new LayoutException(key, message);
    }
  }
}
