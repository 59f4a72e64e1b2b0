package org.supernodesim.interconnect.collective;

import java.util.List;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * The duration of one collective run alone over a group of global ranks on the analytical
 * network, from the algorithm's per-member steps: member m begins step k when its step k-1 is
 * done; step k is done when m has begun it and every transfer it receives in step k has arrived,
 * each sent by its peer when the peer began its own step k. This is exactly what chip processes
 * running the same steps would do, without a process per member.
 */
public final class IsolatedCollective {
  private IsolatedCollective() {}

  /** Picoseconds from every member starting together to the last member finishing. */
  public static long picos(
      CollectiveAlgorithm algorithm, CollectiveKind kind, List<Integer> group, long bytes,
      AnalyticalNetwork network) {
    int n = group.size();
    if (n < 2) {
      return 0;
    }
    @SuppressWarnings("unchecked")
    List<Step>[] schedules = new List[n];
    int steps = 0;
    for (int m = 0; m < n; m++) {
      schedules[m] = algorithm.schedule(kind, n, m, bytes);
      steps = Math.max(steps, schedules[m].size());
    }
    long[] begin = new long[n];
    long[] done = new long[n];
    for (int k = 0; k < steps; k++) {
      for (int m = 0; m < n; m++) {
        long finish = begin[m];
        if (k < schedules[m].size()) {
          for (Step.Transfer r : schedules[m].get(k).receives()) {
            long sent = begin[r.peer()];
            long transfer = network.transferPicos(group.get(r.peer()), group.get(m), r.bytes());
            finish = Math.max(finish, sent + transfer);
          }
        }
        done[m] = finish;
      }
      System.arraycopy(done, 0, begin, 0, n);
    }
    long end = 0;
    for (long t : begin) {
      end = Math.max(end, t);
    }
    return end;
  }
}
