package org.supernodesim.interconnect.collective;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * The pipelined chain: broadcast from member 0 down the chain 0 -> 1 -> ... -> n-1, reduce up it
 * to member 0, and send/recv as the chain of two (member 0 sends, member 1 receives). The buffer
 * is cut into C chunks of at most {@value #CHUNK_BYTES} bytes (at most {@value #MAX_CHUNKS}
 * chunks), so member i forwards chunk c while chunk c+1 is on its way in: at round t member i
 * sends chunk t-i and receives chunk t-i+1. The root's steps wait for nothing, so it streams its
 * chunks back to back and each hop adds one chunk's time and its latency: on links (B, alpha),
 * T = (C + n - 2) S/(C B) + (n - 1) alpha, which tends to S/B for large S, as NCCL's ring
 * broadcast and reduce do.
 */
public final class Pipeline implements CollectiveAlgorithm {
  /** The pipeline's chunk: NCCL's Simple protocol moves buffers in steps of this order. */
  static final long CHUNK_BYTES = 1 << 20;

  /** Enough chunks to hide the pipeline's fill on a long chain, few enough to keep steps cheap. */
  static final int MAX_CHUNKS = 64;

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.BROADCAST
        || kind == CollectiveKind.REDUCE
        || kind == CollectiveKind.SEND_RECV;
  }

  /** How many chunks a buffer of {@code bytes} is pipelined in over a chain of n (1 if n = 2). */
  static int chunks(long bytes, int n) {
    if (n <= 2) {
      return 1;
    }
    return (int) Math.max(1, Math.min(MAX_CHUNKS, (bytes + CHUNK_BYTES - 1) / CHUNK_BYTES));
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("pipeline does not implement " + kind.label());
    }
    int n = kind == CollectiveKind.SEND_RECV ? 2 : group.size();
    if (member >= n) {
      return List.of(); // send/recv: members past the second take no part
    }
    int chunks = chunks(bytes, n);
    // Reduce runs the chain backwards: position i is member n-1-i, so the root is last.
    boolean up = kind == CollectiveKind.REDUCE;
    int position = up ? n - 1 - member : member;
    int next = up ? member - 1 : member + 1;
    int previous = up ? member + 1 : member - 1;
    return new AbstractList<>() {
      @Override
      public Step get(int t) {
        List<Step.Transfer> sends = new ArrayList<>(1);
        List<Step.Transfer> receives = new ArrayList<>(1);
        int sent = t - position;
        if (position < n - 1 && sent >= 0 && sent < chunks) {
          sends.add(new Step.Transfer(next, Ring.chunk(bytes, chunks, sent)));
        }
        int received = t - position + 1;
        if (position > 0 && received >= 0 && received < chunks) {
          receives.add(new Step.Transfer(previous, Ring.chunk(bytes, chunks, received)));
        }
        return new Step(sends, receives);
      }

      @Override
      public int size() {
        return chunks + n - 2;
      }
    };
  }

  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int n = kind == CollectiveKind.SEND_RECV ? 2 : group.size();
    int chunks = chunks(bytes, n);
    long chunk = Ring.largestChunk(bytes, chunks);
    long slowest = 0;
    long latency = 0;
    for (int i = 0; i + 1 < n; i++) {
      long hop = costs.transferPicos(i, i + 1, chunk);
      slowest = Math.max(slowest, hop - costs.latencyPicos(i, i + 1));
      latency += costs.latencyPicos(i, i + 1);
    }
    return (chunks + n - 2L) * slowest + latency;
  }
}
