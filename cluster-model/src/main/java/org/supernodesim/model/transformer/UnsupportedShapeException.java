package org.supernodesim.model.transformer;

import java.util.List;

/**
 * A catalog shape that cannot become a {@link TransformerSpec}: fields not published, values that
 * contradict each other, or an architecture the spec does not represent. The message names the
 * model and every problem at once, so a catalog author fixes them in one pass.
 */
public final class UnsupportedShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String modelId;
  private final List<String> problems;

  public UnsupportedShapeException(String modelId, List<String> problems) {
    super("model " + modelId + " cannot be represented as a TransformerSpec: "
        + String.join("; ", problems));
    this.modelId = modelId;
    this.problems = List.copyOf(problems);
  }

  /** The catalog id of the shape. */
  public String modelId() {
    return modelId;
  }

  /** One line per problem, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
