package org.supernodesim.node.chip;

import org.supernodesim.node.engine.Context;

/**
 * What a transport wrapper does with a message the inner transport sends: note it, redirect it.
 * {@link #around} gives the inner transport a context that is {@code context} in all but its
 * sends, which go through the hook.
 */
@FunctionalInterface
interface SendHook {

  /** Handles one send the inner transport made through {@code context}. */
  void send(Context context, int targetId, long delayPicos, Object payload);

  /** {@code context} with its sends passed to {@code hook}. */
  static Context around(Context context, SendHook hook) {
    return new Context() {
      @Override
      public long nowPicos() {
        return context.nowPicos();
      }

      @Override
      public int selfId() {
        return context.selfId();
      }

      @Override
      public void send(int targetId, long delayPicos, Object payload) {
        hook.send(context, targetId, delayPicos, payload);
      }

      @Override
      public void schedule(long delayPicos, Object payload) {
        context.schedule(delayPicos, payload);
      }
    };
  }
}
