package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.scenario.file.Scenario;

/** A serving run's energy: its instances' chips busy for their busy share, the rest idle. */
class ServingAccountingTest {
  @Test
  void instancesChipsAreBusyForTheirShareAndOutputTokensPriceTheRun() {
    // Given 8 H800s (700 W), one instance on chips 0-3 busy half of a 1 s run, chips 4-7 idle,
    // 1,000 output tokens per second; idle 0.2 of TDP, PUE 1, 2 USD per chip-hour, no energy price.
    Scenario s =
        AccountingTest.load(
            AccountingTest.H800
                + "energy: { idlePowerFraction: 0.2, pue: 1.0 }\n"
                + "cost: { chipHour: 2 USD, electricity: none }\n");
    LatencySeconds l = new LatencySeconds(0.1, 0.2, 0.3, 0.4);
    ServingResult serving =
        new ServingResult(
            "test", 10, 10, 0, 0, l, l, l, 1000, new ServingResult.PerChip(1, 1),
            new ServingResult.SloAttainment(null, null, null, null, 1),
            new ServingResult.Utilisation(0, 0), null, 0, 10, 1, 0.3,
            List.of(new ServingResult.InstanceSummary(0, "unified", 4, 0, 1, new ServingResult.MemoryPerChip(0, 0, 0, 0, 0, 0, 0, 0), 1, 1, 1, 0.5, 10, 4, 0.1, null)));
    long picos = 1_000_000_000_000L;

    Accountant.Account account = Accountant.account(
        s, ServingRun.activities(serving, s.chips(), picos), ServingRun.work(serving, picos), picos);
    RunResult accounted = new RunResult("s", 1, NetworkModel.ANALYTICAL, null, picos, null, null,
        serving, account.energy(), account.costs());

    // Then chips use 8 x 140 J idle + 4 x 560 W x 0.5 s = 1,120 + 1,120 = 2,240 J.
    double tdp = accounted.energy().orElseThrow().model().tdpWatts();
    assertEquals(700, tdp, 0, "the catalog's H800 TDP");
    assertEquals(8 * 0.2 * 700 + 4 * 0.8 * 700 * 0.5, accounted.energy().orElseThrow().chipJoules(), 1e-9,
        "idle for all 8, busy above idle for 4 chips half the time");
    // 8 chip-seconds at 2 USD per chip-hour over 1,000 output tokens, per million of them.
    assertEquals(8.0 / 3600 * 2 / 1000 * 1e6, accounted.costs().get(0).perMillionOutputTokens(),
        1e-12, "cost per million output tokens");
    // And the run page answers with that cost, and tables the three latencies (a result without
    // its CDFs, as this one built by hand, has no CDF charts).
    String html = HtmlReport.run(accounted);
    assertTrue(html.contains("<td>cost per million output tokens</td><td class=\"num\">"
        + "4.444 USD at 2 USD per chip-hour</td>"), html);
    for (String latency : new String[] {"TTFT", "TPOT", "end-to-end"}) {
      assertTrue(html.contains("<td>" + latency + "</td><td class=\"num\">100 ms</td>"), latency);
    }
  }
}
