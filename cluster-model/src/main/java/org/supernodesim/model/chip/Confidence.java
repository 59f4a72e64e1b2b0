package org.supernodesim.model.chip;

/** How far a figure can be trusted; the catalog's confidence levels, plus overridden. */
public enum Confidence {
  /** Stated by the vendor or in a peer-reviewed paper. */
  PUBLISHED,
  /** Stated by press, analysts, third-party papers or community compilations. */
  REPORTED,
  /** Derived by arithmetic from other figures, or an explicit assumption. */
  ESTIMATED,
  /** No usable figure: a scenario must supply it before a model may use it. */
  UNKNOWN,
  /** Given by the scenario in place of the catalog's figure. */
  OVERRIDDEN
}
