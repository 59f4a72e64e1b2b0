package org.supernodesim.results.report.html;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.NetworkResult;

class NetworkSectionTest {

  @Test
  void equalBusiestLinksWhoseMeanRoundsAboveThemDrawAnEmptyBar() {
    // 0.7 summed ten times, over ten, is 1.1e-16 above 0.7: the mean of equal loads rounds above
    // each of them, as at 768 chips, where the bar was -2.2e-14 and the run exited 1.
    double load = 0.7;
    List<NetworkResult.LinkLoad> links = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      links.add(new NetworkResult.LinkLoad("link " + i, "scale-up", load, 1, 1));
    }
    double sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += load;
    }
    assertTrue(load - sum / 10 < 0, "the case is one where the mean rounds above the loads");
    String html = NetworkSection.of(new NetworkResult(NetworkModel.FLOW, Map.of(), links, List.of()));
    assertTrue(html.contains("Link utilisation per tier"), html);
  }
}
