package org.supernodesim.model.fabric;

import java.util.Objects;

/**
 * A system of the catalog as a fabric: its scale-up domain and, for clusters of several systems,
 * the scale-out fabric that joins them. {@code nodes: N} of a system is N scale-up domains of
 * {@code chipsPerSystem} chips under the scale-out fabric.
 *
 * @param system the catalog system id, e.g. {@code hgx-h100-8}
 * @param chipsPerSystem chips in one system (one scale-up domain)
 * @param scaleUp the fabric inside one system
 * @param scaleOut how several systems are joined; null if the preset states none
 */
public record SystemPreset(
    String system, int chipsPerSystem, FabricSpec scaleUp, ScaleOut scaleOut) {
  public SystemPreset {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(scaleUp, system + ": scaleUp");
    if (chipsPerSystem < 1) {
      throw new IllegalArgumentException(system + ": chipsPerSystem must be >= 1");
    }
  }

  /**
   * The fabric of {@code nodes} systems: the scale-up fabric alone for one, else a hierarchy of
   * the scale-up domains under the scale-out fabric.
   */
  public FabricSpec fabric(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException(system + ": nodes must be >= 1: " + nodes);
    }
    if (nodes == 1) {
      return scaleUp;
    }
    if (scaleOut == null) {
      throw new IllegalArgumentException(system + " has no scale-out fabric; use nodes: 1");
    }
    return new FabricSpec.Hierarchy(chipsPerSystem, scaleUp, scaleOut.fabric(chipsPerSystem, nodes));
  }

  /**
   * The scale-out fabric of a preset, sized when the number of systems is known: each chip has
   * its own NIC of {@code nicLink}.
   *
   * @param railOptimized NIC k of every system on rail switch k (NVIDIA's DGX reference
   *     architecture) if true; else all NICs of a system under one leaf (a fat tree)
   * @param nicLink one direction of a NIC's link, and of every switch-to-switch link
   * @param oversubscription a leaf's (rail's) downlink over uplink bandwidth, >= 1
   */
  public record ScaleOut(boolean railOptimized, LinkSpec nicLink, double oversubscription) {
    public ScaleOut {
      Objects.requireNonNull(nicLink, "scale-out: nicLink");
      if (!(oversubscription >= 1) || Double.isInfinite(oversubscription)) {
        throw new IllegalArgumentException(
            "scale-out: oversubscription must be >= 1: " + oversubscription);
      }
    }

    /** The fabric over {@code nodes} systems of {@code chipsPerSystem} chips. */
    public FabricSpec fabric(int chipsPerSystem, int nodes) {
      if (railOptimized) {
        // A rail switch has one port per system; its uplinks carry 1/oversubscription of that.
        int spines = Math.max(1, (int) Math.ceil(nodes / oversubscription));
        return new FabricSpec.RailOptimized(chipsPerSystem, nicLink, spines, nicLink);
      }
      int spines = Math.max(1, (int) Math.ceil(chipsPerSystem / oversubscription));
      return new FabricSpec.FatTree(chipsPerSystem, nicLink, spines, nicLink);
    }
  }
}
