package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.metrics.Percentiles;

/**
 * What the network did in one run: {@code result.json}'s {@code network} object.
 *
 * @param model the network model that ran
 * @param bytesPerTier bytes that crossed links of each tier (a transfer counts once per link it
 *     crosses), by tier name
 * @param busiestLinks the links of highest utilisation, busiest first (flow model only: the
 *     analytical model does not share links)
 * @param collectives one entry per distinct collective (kind, algorithm, group size, bytes), in
 *     first-issued order, with the percentiles of its times when it ran more than once
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NetworkResult(
    NetworkModel model,
    Map<String, Long> bytesPerTier,
    List<LinkLoad> busiestLinks,
    List<CollectiveTiming> collectives) {
  public NetworkResult {
    // Empty lists and maps are left out of result.json, so they come back as null.
    bytesPerTier = bytesPerTier == null ? Map.of() : new TreeMap<>(bytesPerTier);
    busiestLinks = busiestLinks == null ? List.of() : List.copyOf(busiestLinks);
    collectives = collectives == null ? List.of() : List.copyOf(collectives);
  }

  /** A network object with no figures (a result file written without one). */
  static NetworkResult empty(NetworkModel model) {
    return new NetworkResult(model, Map.of(), List.of(), List.of());
  }

  /**
   * One link's load over the run.
   *
   * @param link {@code chip 3 -> switch 0}: switches are numbered from 0 after the chips
   * @param tier the link's level, e.g. {@code scale-up}, {@code l2}, {@code scale-out/l1}
   * @param utilisation bytes carried over what the link could carry in the run, in [0, 1]
   * @param bytes bytes that crossed it (including protocol overhead where a calibration says so)
   * @param busyPicos time during which at least one flow crossed it
   */
  public record LinkLoad(String link, String tier, double utilisation, long bytes, long busyPicos) {}

  /**
   * The timings of one collective, repeated {@code count} times.
   *
   * @param picos HdrHistogram percentiles of its times (three significant digits; max exact)
   */
  public record CollectiveTiming(
      String kind, String algorithm, int groupSize, long bytes, long count, Percentiles picos) {}

  /** Groups {@code results} by (kind, algorithm, group size, bytes), in first-issued order. */
  public static List<CollectiveTiming> timings(List<CollectiveResult> results) {
    CollectiveTimings timings = new CollectiveTimings();
    for (int i = 0; i < results.size(); i++) {
      CollectiveResult r = results.get(i);
      timings.record(r.kind(), r.algorithm(), r.groupSize(), r.bytes(), r.picos(), i);
    }
    return timings.timings();
  }
}
