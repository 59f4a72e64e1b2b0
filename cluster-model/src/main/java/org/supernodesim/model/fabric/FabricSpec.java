package org.supernodesim.model.fabric;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the chips of a cluster are wired: the kinds of fabric a scenario can describe. Every figure
 * is a parameter (bandwidth per direction in bytes per second, latency per hop in picoseconds);
 * none is assumed, so a preset states each one with its source.
 */
public sealed interface FabricSpec {

  /** A short name for summaries and results, e.g. {@code single-switch}. */
  String kind();

  /**
   * Every chip has one port to one non-blocking switch; a transfer crosses two links (chip to
   * switch, switch to chip), so its latency is twice the link's. A switch with {@code
   * inSwitchReduction} (null if none) can also reduce and multicast, as NVSwitch's NVLink SHARP.
   */
  record SingleSwitch(LinkSpec link, InSwitchReduction inSwitchReduction) implements FabricSpec {
    public SingleSwitch {
      Objects.requireNonNull(link, "single-switch: link");
    }

    /** A switch that only forwards. */
    public SingleSwitch(LinkSpec link) {
      this(link, null);
    }

    /** The switch's reduction engine (NVLink SHARP on NVSwitch), if it has one. */
    public Optional<InSwitchReduction> reduction() {
      return Optional.ofNullable(inSwitchReduction);
    }

    @Override
    public String kind() {
      return "single-switch";
    }
  }

  /**
   * Every chip has a direct link to every other chip in each direction, as the 8 NPUs of an Atlas
   * 800T A2 on HCCS. A transfer crosses one link; chips do not forward for each other.
   */
  record FullMesh(LinkSpec link) implements FabricSpec {
    public FullMesh {
      Objects.requireNonNull(link, "full-mesh: link");
    }

    @Override
    public String kind() {
      return "full-mesh";
    }
  }

  /**
   * A two-tier Clos of several parallel planes, as CloudMatrix384's UB fabric. Each node holds
   * {@code chipsPerNode} chips and one L1 switch per plane; every chip has one link to each L1
   * switch of its node. Plane p has {@code l2SwitchesPerPlane} L2 switches, and the plane-p L1
   * switch of every node has one uplink to each of them. Within a node a transfer crosses 2
   * links (tier {@code l1}); between nodes 4 (l1, l2, l2, l1).
   *
   * @param chipsPerNode chips under each node's L1 switches
   * @param planes L1 switches per node, which is the number of independent L2 planes
   * @param l2SwitchesPerPlane L2 switches in each plane
   * @param chipLink one direction of a chip's link to one L1 switch
   * @param uplink one direction of an L1 switch's link to one L2 switch
   */
  record TwoTierClos(
      int chipsPerNode, int planes, int l2SwitchesPerPlane, LinkSpec chipLink, LinkSpec uplink)
      implements FabricSpec {
    public TwoTierClos {
      positive("two-tier-clos: chipsPerNode", chipsPerNode);
      positive("two-tier-clos: planes", planes);
      positive("two-tier-clos: l2SwitchesPerPlane", l2SwitchesPerPlane);
      Objects.requireNonNull(chipLink, "two-tier-clos: chipLink");
      Objects.requireNonNull(uplink, "two-tier-clos: uplink");
    }

    /**
     * A node's uplink bandwidth over the bandwidth its chips inject: 1 is non-blocking (as
     * CloudMatrix384: 7 planes x 16 x 28 GB/s = 8 chips x 392 GB/s).
     */
    public double oversubscription() {
      return chipsPerNode * chipLink.bytesPerSecond()
          / (l2SwitchesPerPlane * uplink.bytesPerSecond());
    }

    @Override
    public String kind() {
      return "two-tier-clos";
    }
  }

  /**
   * A torus of 1 to 3 dimensions; chip (x, y, z) is numbered x + X*(y + Y*z). Each chip has a
   * router (a vertex of its own, so the router forwards, not the chip) reached over an injection
   * link, and the router has a link to each neighbour, with wrap-around, along each dimension.
   *
   * @param dimensions the extent along each dimension; their product is the number of chips
   * @param link one direction of a router-to-router link
   * @param injection one direction of the link between a chip and its own router
   */
  record Torus(List<Integer> dimensions, LinkSpec link, LinkSpec injection)
      implements FabricSpec {
    public Torus {
      Objects.requireNonNull(dimensions, "torus: dimensions");
      dimensions = List.copyOf(dimensions);
      if (dimensions.isEmpty() || dimensions.size() > 3) {
        throw new IllegalArgumentException(
            "torus: 1 to 3 dimensions, not " + dimensions.size() + ": " + dimensions);
      }
      for (int d : dimensions) {
        positive("torus: each dimension", d);
      }
      Objects.requireNonNull(link, "torus: link");
      Objects.requireNonNull(injection, "torus: injection");
    }

    /** The number of chips: the product of the dimensions. */
    public int chips() {
      long product = 1;
      for (int d : dimensions) {
        product *= d;
      }
      return Math.toIntExact(product);
    }

    @Override
    public String kind() {
      return dimensions.size() + "d-torus";
    }
  }

  /**
   * A two-level fat tree (leaf and spine): {@code chipsPerLeaf} chips under each leaf switch,
   * and each leaf with one uplink to each of the {@code spines} spine switches. Leaf to leaf a
   * transfer crosses 4 links.
   *
   * @param chipsPerLeaf chips (NICs) under each leaf
   * @param chipLink one direction of a chip's link to its leaf
   * @param spines spine switches, each with one link to every leaf
   * @param spineLink one direction of a leaf-to-spine link
   */
  record FatTree(int chipsPerLeaf, LinkSpec chipLink, int spines, LinkSpec spineLink)
      implements FabricSpec {
    public FatTree {
      positive("fat-tree: chipsPerLeaf", chipsPerLeaf);
      positive("fat-tree: spines", spines);
      Objects.requireNonNull(chipLink, "fat-tree: chipLink");
      Objects.requireNonNull(spineLink, "fat-tree: spineLink");
    }

    /**
     * A fat tree whose leaves have {@code chipsPerLeaf / oversubscription} uplinks of the chips'
     * own link: 2.0 gives a leaf half as much bandwidth up as its chips have down.
     */
    public static FatTree withOversubscription(
        int chipsPerLeaf, double oversubscription, LinkSpec link) {
      if (!(oversubscription >= 1) || Double.isInfinite(oversubscription)) {
        throw new IllegalArgumentException(
            "fat-tree: oversubscription must be >= 1: " + oversubscription);
      }
      double spines = chipsPerLeaf / oversubscription;
      if (spines != Math.rint(spines) || spines < 1) {
        throw new IllegalArgumentException(
            "fat-tree: "
                + chipsPerLeaf
                + " chips per leaf at "
                + oversubscription
                + ":1 is not a whole number of uplinks: "
                + spines);
      }
      return new FatTree(chipsPerLeaf, link, (int) spines, link);
    }

    /** A leaf's downlink bandwidth over its uplink bandwidth: 1 is non-blocking. */
    public double oversubscription() {
      return chipsPerLeaf * chipLink.bytesPerSecond() / (spines * spineLink.bytesPerSecond());
    }

    @Override
    public String kind() {
      return "fat-tree";
    }
  }

  /**
   * Rail-optimised scale-out: nodes of {@code railsPerNode} chips, each chip with its own NIC;
   * NIC k of every node connects to rail switch k, so same-index chips are one switch apart.
   * Every rail switch has one link to each of the {@code spines} spine switches, which carry
   * cross-rail traffic.
   *
   * @param railsPerNode chips (and NICs, and rails) per node
   * @param nicLink one direction of a NIC's link to its rail switch
   * @param spines spine switches, each with one link to every rail switch
   * @param spineLink one direction of a rail-to-spine link
   */
  record RailOptimized(int railsPerNode, LinkSpec nicLink, int spines, LinkSpec spineLink)
      implements FabricSpec {
    public RailOptimized {
      positive("rail-optimized: railsPerNode", railsPerNode);
      positive("rail-optimized: spines", spines);
      Objects.requireNonNull(nicLink, "rail-optimized: nicLink");
      Objects.requireNonNull(spineLink, "rail-optimized: spineLink");
    }

    @Override
    public String kind() {
      return "rail-optimized";
    }
  }

  /**
   * Scale-up domains under a scale-out fabric, as 8-GPU NVLink nodes on InfiniBand or UB
   * supernodes on RoCE. Chips 0..d-1 form the first domain, d..2d-1 the next, each wired by
   * {@code scaleUp}; all chips are wired by {@code scaleOut}. A transfer inside a domain stays on
   * the scale-up fabric; one between domains uses the scale-out fabric.
   *
   * @param chipsPerDomain chips in each scale-up domain
   * @param scaleUp the fabric inside one domain (not itself a hierarchy)
   * @param scaleOut the fabric over all chips (not itself a hierarchy)
   */
  record Hierarchy(int chipsPerDomain, FabricSpec scaleUp, FabricSpec scaleOut)
      implements FabricSpec {
    public Hierarchy {
      positive("hierarchy: chipsPerDomain", chipsPerDomain);
      Objects.requireNonNull(scaleUp, "hierarchy: scaleUp");
      Objects.requireNonNull(scaleOut, "hierarchy: scaleOut");
      if (scaleUp instanceof Hierarchy || scaleOut instanceof Hierarchy) {
        throw new IllegalArgumentException("hierarchy: a tier cannot itself be a hierarchy");
      }
    }

    @Override
    public String kind() {
      return "hierarchy(" + scaleUp.kind() + " under " + scaleOut.kind() + ")";
    }
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1: " + value);
    }
  }
}
