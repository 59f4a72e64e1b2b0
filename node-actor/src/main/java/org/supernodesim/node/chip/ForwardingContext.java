package org.supernodesim.node.chip;

import org.supernodesim.node.engine.Context;

/**
 * A context that passes everything to another but its sends, which a transport wrapper redirects
 * (to the process that simulates a rank) or notes (for the timeline) before passing them on.
 */
abstract class ForwardingContext implements Context {
  protected final Context inner;

  ForwardingContext(Context inner) {
    this.inner = inner;
  }

  @Override
  public long nowPicos() {
    return inner.nowPicos();
  }

  @Override
  public int selfId() {
    return inner.selfId();
  }

  @Override
  public void schedule(long delayPicos, Object payload) {
    inner.schedule(delayPicos, payload);
  }
}
