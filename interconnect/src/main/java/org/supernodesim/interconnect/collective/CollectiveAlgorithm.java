package org.supernodesim.interconnect.collective;

import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * Turns a collective into each rank's schedule of point-to-point steps. Implementations are
 * named for the algorithm ({@link Ring}); each is checked against its closed form on ideal links.
 */
public sealed interface CollectiveAlgorithm permits Ring, Pairwise {

  /** The name in scenario files and results, e.g. {@code ring}. */
  String name();

  /** True if this algorithm implements collectives of {@code kind}. */
  boolean supports(CollectiveKind kind);

  /**
   * The steps of group member {@code rankIndex} (0-based within the group) for a collective of
   * {@code kind} over {@code groupSize} members moving {@code bytes} (as nccl-tests counts them:
   * the whole buffer for all-reduce, the gathered output for all-gather, the input for
   * reduce-scatter).
   */
  List<Step> schedule(CollectiveKind kind, int groupSize, int rankIndex, long bytes);

  /** The algorithm named {@code name}, or an exception listing the names. */
  static CollectiveAlgorithm named(String name) {
    if ("ring".equals(name)) {
      return new Ring();
    }
    if ("pairwise".equals(name)) {
      return new Pairwise();
    }
    throw new IllegalArgumentException(
        "\"" + name + "\" is not a collective algorithm; valid: ring, pairwise");
  }
}
