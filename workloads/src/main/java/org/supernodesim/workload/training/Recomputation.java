package org.supernodesim.workload.training;

/**
 * Activation recomputation (Korthikanti et al., "Reducing Activation Recomputation in Large
 * Transformer Models", MLSys 2023, arXiv 2205.05198).
 */
public enum Recomputation {
  /** Keep every activation. */
  NONE("none"),
  /** Recompute only the attention core (scores, softmax, dropout) in backward (§4.2). */
  SELECTIVE("selective"),
  /** Keep each layer's input only and rerun the whole layer forward before its backward. */
  FULL("full");

  private final String label;

  Recomputation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The value named {@code label} in a scenario file. */
  public static Recomputation byLabel(String label) {
    for (Recomputation r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    throw new LayoutException(
        "recomputation", "\"" + label + "\" is not a recomputation; valid: none, selective, full");
  }
}
