package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/**
 * A collective's {@code group:}: a count N (the first N ranks) or an explicit list of global
 * ranks in group order, e.g. {@code [0, 8, 16, 24]} for one GPU of each of four 8-GPU nodes.
 */
final class CollectiveGroups {
  private static final String VALID =
      "; valid: a count N >= 2 (the first N ranks) or a list of at least 2 distinct global ranks,"
          + " e.g. [0, 8, 16, 24]";

  private CollectiveGroups() {}

  /** Checks the shape of {@code group} (null: absent) as read, before the cluster is known. */
  static void validate(JsonNode group) {
    if (group == null || group.isNull()) {
      return;
    }
    if (group.isIntegralNumber()) {
      if (group.asLong() < 2) {
        throw new InvalidInput("group", group + "; a collective needs a group of at least 2");
      }
      return;
    }
    if (!group.isArray()) {
      throw new InvalidInput("group", group + VALID);
    }
    if (group.size() < 2) {
      throw new InvalidInput("group", group + "; a collective needs a group of at least 2");
    }
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < group.size(); i++) {
      JsonNode rank = group.get(i);
      if (!rank.isIntegralNumber() || rank.asLong() < 0 || rank.asLong() > Integer.MAX_VALUE) {
        throw new InvalidInput("group[" + i + "]", rank + "; a rank is an integer >= 0");
      }
      if (!seen.add(rank.asLong())) {
        throw new InvalidInput("group[" + i + "]", rank + "; rank " + rank + " is listed twice");
      }
    }
  }

  /** How many members {@code group} has on a cluster of {@code chips}, without listing them. */
  static long size(JsonNode group, int chips) {
    if (group == null || group.isNull()) {
      return chips;
    }
    return Math.min(chips, group.isIntegralNumber() ? group.asLong() : group.size());
  }

  /**
   * The ranks of {@code group} on a cluster of {@code chips}, or a {@link InvalidInput}
   * at {@code path} naming the first one out of range.
   */
  static List<Integer> ranks(JsonNode group, int chips, String path) {
    if (group == null || group.isNull()) {
      return CollectiveBenchmark.firstRanks(chips);
    }
    if (group.isIntegralNumber()) {
      long n = group.asLong();
      if (n > chips) {
        throw new InvalidInput(
            path, n + "; the group is larger than the cluster (" + chips + " chips)");
      }
      return CollectiveBenchmark.firstRanks((int) n);
    }
    List<Integer> ranks = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      long r = group.get(i).asLong();
      if (r >= chips) {
        throw new InvalidInput(
            path + "[" + i + "]",
            r + "; the cluster's ranks are 0.." + (chips - 1) + " (" + chips + " chips)");
      }
      ranks.add((int) r);
    }
    return ranks;
  }
}
