package org.supernodesim.node.engine;

/**
 * A logical process: a plain object with state of its own that reacts to events in virtual time.
 * A chip is one; a fabric or a serving scheduler may be another. It sees no clock, thread or
 * actor: everything it does goes through the {@link Context} it is handed.
 *
 * @param <E> the events it accepts (usually a sealed interface of records)
 */
public interface LogicalProcess<E> {

  /** Called once, at virtual time 0, before any event: schedule the first work here. */
  void start(Context context);

  /** Handles one event. Events reach a process ordered by (time, sender id, sender sequence). */
  void handle(E event, Context context);
}
