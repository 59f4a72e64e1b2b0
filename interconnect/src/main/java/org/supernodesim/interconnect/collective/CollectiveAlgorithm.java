package org.supernodesim.interconnect.collective;

import java.util.List;
import java.util.Optional;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * Turns a collective into each member's schedule of point-to-point steps. One implementation per
 * algorithm, named for it; each is checked against its closed form on ideal links, and the same
 * closed form ({@link #estimatePicos}) is what {@code auto} compares to choose one.
 */
public sealed interface CollectiveAlgorithm
    permits Ring, Hierarchical, InSwitch, Direct, Pipeline, HalvingDoubling, DoubleBinaryTree,
        Mesh {

  /** The algorithms {@code auto} considers, in the order that breaks ties between equal costs. */
  List<CollectiveAlgorithm> ALL =
      List.of(
          new InSwitch(),
          new Hierarchical(),
          new Ring(),
          new HalvingDoubling(),
          new DoubleBinaryTree(),
          new Direct(),
          new Pipeline(),
          new Mesh());

  /** The name in scenario files and results, e.g. {@code ring}: its choice's label. */
  String name();

  /** True if this algorithm implements collectives of {@code kind}. */
  boolean supports(CollectiveKind kind);

  /** True if this algorithm can run on {@code group} (hierarchical needs several domains). */
  default boolean appliesTo(CollectiveGroup group) {
    return true;
  }

  /** What a group must be for {@link #appliesTo} to hold, for the error that refuses one. */
  default Optional<String> needs() {
    return Optional.empty();
  }

  /**
   * The steps of group member {@code member} (0-based within the group) for a collective of
   * {@code kind} moving {@code bytes} (as nccl-tests counts them: the whole buffer for all-reduce,
   * broadcast and reduce, the gathered output for all-gather, the input for reduce-scatter, the
   * per-rank send buffer for all-to-all, the message for send/recv).
   */
  List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes);

  /** This algorithm's time on an idle fabric whose transfers cost {@code costs}. */
  long estimatePicos(CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs);

  /**
   * The algorithm {@code choice} names.
   *
   * @throws IllegalArgumentException for {@link AlgorithmChoice#AUTO}, which names none: {@code
   *     Collectives} resolves it on a topology
   */
  static CollectiveAlgorithm of(AlgorithmChoice choice) {
    for (CollectiveAlgorithm a : ALL) {
      if (a.name().equals(choice.label())) {
        return a;
      }
    }
    throw new IllegalArgumentException(choice.label() + " names no single algorithm");
  }
}
