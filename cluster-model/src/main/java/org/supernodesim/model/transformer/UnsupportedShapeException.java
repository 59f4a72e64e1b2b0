package org.supernodesim.model.transformer;

import java.util.List;

/**
 * A shape (from the catalog, a scenario or a Hugging Face config) that cannot become a {@link
 * TransformerSpec}: fields not given, values that contradict each other, or an architecture the
 * spec does not represent. The message names the model and every problem at once, so an author
 * fixes them in one pass; {@link #details()} says which field each problem is about, so a loader
 * can point at it in the file.
 */
public final class UnsupportedShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String modelId;
  private final List<ShapeProblem> details;

  public UnsupportedShapeException(String modelId, List<ShapeProblem> details) {
    super("model " + modelId + " cannot be represented as a TransformerSpec: "
        + String.join("; ", details.stream().map(ShapeProblem::message).toList()));
    this.modelId = modelId;
    this.details = List.copyOf(details);
  }

  /** The catalog id of the shape. */
  public String modelId() {
    return modelId;
  }

  /** One line per problem, in the order found. */
  public List<String> problems() {
    return details.stream().map(ShapeProblem::message).toList();
  }

  /** The problems with the field each is about, in the order found. */
  public List<ShapeProblem> details() {
    return details;
  }
}
