package org.supernodesim.model.chip;

/** A model needs a figure that the chip's preset lacks and the scenario did not give. */
public final class MissingFigureException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient ChipFigure figure;

  public MissingFigureException(ChipFigure figure, String message) {
    super(message);
    this.figure = figure;
  }

  /** The figure that is missing. */
  public ChipFigure figure() {
    return figure;
  }
}
