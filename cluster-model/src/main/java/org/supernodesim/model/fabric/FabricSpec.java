package org.supernodesim.model.fabric;

/** How the chips of a cluster are wired: the kinds of fabric a scenario can describe. */
public sealed interface FabricSpec {

  /** A short name for summaries and results, e.g. {@code single-switch}. */
  String kind();

  /**
   * Every chip has one port to one non-blocking switch; a transfer crosses two links (chip to
   * switch, switch to chip), so its latency is twice the link's.
   */
  record SingleSwitch(LinkSpec link) implements FabricSpec {
    @Override
    public String kind() {
      return "single-switch";
    }
  }
}
