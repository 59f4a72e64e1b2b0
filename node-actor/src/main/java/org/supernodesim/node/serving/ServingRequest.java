package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.inference.Request;

/**
 * A request in flight and what has been done for it. Owned by one process at a time: the router
 * creates it and hands it to an instance in a message, a prefill instance hands it on to a decode
 * instance with its KV; the sender never touches it again.
 */
final class ServingRequest {
  final Request request;
  /** The decode instance a disaggregated request goes to after its prefill; -1 if unified. */
  final int decodeInstance;
  /** Tokens whose KV is in the cache of the instance holding the request. */
  long computed;
  /** Output tokens produced (the first comes from the prefill). */
  int generated;
  long firstTokenPicos = -1;
  long finishedPicos = -1;
  /** KV blocks the request holds alone. */
  long ownBlocks;
  /** Prefix-cache entries it reads, leading blocks of its prompt. */
  final List<KvCache.Entry> shared = new ArrayList<>();
  /** Tokens covered by {@link #shared}. */
  long sharedTokens;
  /** The instance the router sent it to (its prefill instance when disaggregated); -1 before. */
  int admittedBy = -1;
  /** Times it was evicted from a running batch for want of KV blocks. */
  int preemptions;
  /** Of the prefix found at the last lookup, the tokens loaded from the host tier. */
  long hostHitTokens;
  /** Of the prefix found at the last lookup, the tokens loaded from the SSD tier. */
  long ssdHitTokens;
  /** Prompt tokens found in a prefix cache at first admission; -1 before it. */
  long prefixHitTokens = -1;

  ServingRequest(Request request, int decodeInstance) {
    this.request = request;
    this.decodeInstance = decodeInstance;
  }

  /**
   * Tokens whose KV exists once the next token comes out: the prompt and every output token so
   * far (a decode step writes the newest token's KV and yields the next token).
   */
  long target() {
    return request.promptTokens() + (long) generated;
  }

  boolean done() {
    return generated >= request.outputTokens();
  }
}
