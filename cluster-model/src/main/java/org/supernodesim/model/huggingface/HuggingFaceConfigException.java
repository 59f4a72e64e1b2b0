package org.supernodesim.model.huggingface;

import java.util.List;

/**
 * A {@code config.json} that does not give a shape the simulator can run: a key it needs is
 * missing, a value is out of range, or the architecture is one it does not represent. Every
 * problem is listed, each with its key.
 */
public final class HuggingFaceConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<ConfigProblem> problems;

  public HuggingFaceConfigException(List<ConfigProblem> problems) {
    super(String.join("; ", problems.stream().map(p -> p.key() + ": " + p.message()).toList()));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an exception without a problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems in the order found; the first is the one to show first. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
