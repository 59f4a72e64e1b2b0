package org.supernodesim.node.actors;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * The engine's dispatcher threads: a fixed number of workers, each with queues of its own, that
 * wait for work by spinning a short while before they park.
 *
 * <p>Why not the fork-join pool: a conservative window of the 384-chip ring is about 20 us of work
 * in all, and between two windows a thread has nothing to do for a few microseconds. A fork-join
 * worker parks as soon as it finds no work, and waking a parked thread (a futex wake, the kernel
 * scheduling it) cost about 18 us a window on the project's 2-core machine: more than its half of
 * the window's work, so two threads ran the ring at half the events per second of one (bench
 * engine: 7.6 against 14.9 M events/s with 48 chips per actor, 2.0 against 2.9 M actor-per-chip).
 * A worker here keeps looking for {@link #SPIN_NANOS} before it parks, so a window that opens
 * within that time is taken at once; parking after it gives the cores back between runs and to
 * the rest of the machine.
 *
 * <p>Each worker has a queue of its own: a task its own actors hand on goes there and is taken
 * newest first, while an idle worker takes the oldest of another's (one shared queue had both
 * threads contending for its head on every one of a window's 384 tasks actor-per-chip, and ran
 * at a third of the fork-join pool's speed). Order never reaches a result: each window's events
 * are all known when it opens, whichever thread handles them.
 *
 * <p>A task handed over for a given worker ({@link #onWorker}) is that worker's alone: no other
 * steals it. The windows place each actor's turn on purpose (see {@link WindowSplit}); a steal
 * moved a chip's state to the other core and back within a window, and an idle worker stealing
 * from a window kept on one thread undid the choice.
 */
final class SpinningExecutor extends AbstractExecutorService {
  /**
   * How long an idle worker spins before it parks: several times the wake-up it saves (about
   * 18 us), and short next to a run, so a finished run's threads stop within a tenth of a
   * millisecond.
   */
  static final long SPIN_NANOS = 100_000;

  private static final int RUNNING = 0;
  private static final int PARKED = 1;

  // A worker asked for by the caller (see onWorker), for the tasks it hands over meanwhile.
  private static final ThreadLocal<Integer> PLACE_ON = new ThreadLocal<>();
  // The index of the worker this thread is, on a worker's thread.
  private static final ThreadLocal<Integer> WORKER = new ThreadLocal<>();

  private final ConcurrentLinkedDeque<Runnable>[] queues; // per worker: any worker may run these
  private final ConcurrentLinkedDeque<Runnable>[] pinned; // per worker: only it runs these
  private final Thread[] workers;
  // Where a task from outside the workers goes: round robin.
  private final AtomicInteger nextOutside = new AtomicInteger();
  // Per worker: PARKED once it has decided to park (before looking at the queue a last time).
  private final AtomicIntegerArray state;
  private volatile boolean shutdown;

  SpinningExecutor(int threads, ThreadFactory threadFactory) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    queues = newQueues(threads);
    pinned = newQueues(threads);
    workers = new Thread[threads];
    state = new AtomicIntegerArray(threads);
    for (int i = 0; i < threads; i++) {
      int id = i;
      workers[i] = threadFactory.newThread(() -> {
        WORKER.set(id);
        work(id);
      });
    }
    for (Thread w : workers) {
      w.start();
    }
  }

  @SuppressWarnings("unchecked")
  private static ConcurrentLinkedDeque<Runnable>[] newQueues(int threads) {
    ConcurrentLinkedDeque<Runnable>[] q = new ConcurrentLinkedDeque[threads];
    for (int i = 0; i < threads; i++) {
      q[i] = new ConcurrentLinkedDeque<>();
    }
    return q;
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("the engine's dispatcher is shut down");
    }
    Integer asked = PLACE_ON.get();
    if (asked != null) {
      int worker = asked % workers.length;
      pinned[worker].addLast(task);
      wake(worker);
      return;
    }
    Integer me = WORKER.get();
    int queue = me != null
        ? me % queues.length
        : Math.floorMod(nextOutside.getAndIncrement(), queues.length);
    queues[queue].addLast(task);
    wakeOne();
  }

  /** The index of the worker running the caller; 0 when the caller is no worker. */
  static int currentWorker() {
    Integer me = WORKER.get();
    return me == null ? 0 : me;
  }

  /**
   * Runs {@code handOver} (a tell) with any task it gives this executor queued for worker
   * {@code worker} (modulo the workers) and for it alone, not for the calling thread. The windows
   * open group g on worker g every time, so a group's actors, and the chips' state in them, stay
   * in one core's caches from window to window; where the merging thread's queue took every
   * group, the other thread stole one at random and the chips' state moved between cores.
   */
  static void onWorker(int worker, Runnable handOver) {
    PLACE_ON.set(worker);
    try {
      handOver.run();
    } finally {
      PLACE_ON.remove();
    }
  }

  /**
   * Unparks one parked worker, if any. A worker marks itself parked before it looks at the queue
   * a last time, and a task is queued before this looks at the marks: so either the worker sees
   * the task, or this sees the mark and unparks it (an unpark before its park is kept as a permit).
   */
  private void wakeOne() {
    for (int i = 0; i < workers.length; i++) {
      if (wake(i)) {
        return;
      }
    }
  }

  /** Unparks worker {@code i} if it is parked (the same handshake as {@link #wakeOne}). */
  private boolean wake(int i) {
    if (state.get(i) == PARKED && state.compareAndSet(i, PARKED, RUNNING)) {
      LockSupport.unpark(workers[i]);
      return true;
    }
    return false;
  }

  private void work(int id) {
    while (true) {
      Runnable task = pinned[id].pollLast();
      if (task == null) {
        task = queues[id].pollLast();
      }
      if (task == null) {
        task = steal(id);
      }
      if (task != null) {
        run(task);
        continue;
      }
      if (shutdown) {
        return;
      }
      if (spinUntilWork(id)) {
        continue;
      }
      state.set(id, PARKED);
      if (anyWork(id) || shutdown) {
        state.set(id, RUNNING);
        continue;
      }
      while (state.get(id) == PARKED && !shutdown) {
        LockSupport.park(this);
      }
      state.set(id, RUNNING);
    }
  }

  /**
   * Runs a task; what it throws goes to the thread's uncaught-exception handler (Pekko's, which
   * reports it and stops the system on a fatal error) and the worker goes on, as a pool's would.
   */
  private static void run(Runnable task) {
    try {
      task.run();
    } catch (Throwable failure) {
      Thread self = Thread.currentThread();
      self.getUncaughtExceptionHandler().uncaughtException(self, failure);
    }
  }

  /** Spins up to {@link #SPIN_NANOS}; true as soon as there is work (or a shutdown to see). */
  private boolean spinUntilWork(int id) {
    long deadline = System.nanoTime() + SPIN_NANOS;
    do {
      for (int i = 0; i < 64; i++) {
        if (anyWork(id) || shutdown) {
          return true;
        }
        Thread.onSpinWait();
      }
      // Let a thread that has work of its own on this core (the compiler, the caller) run first.
      Thread.yield();
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** The oldest task of another worker's queue, looking from the next worker on; or null. */
  private Runnable steal(int id) {
    for (int k = 1; k < queues.length; k++) {
      Runnable task = queues[(id + k) % queues.length].pollFirst();
      if (task != null) {
        return task;
      }
    }
    return null;
  }

  /** Tasks waiting for worker {@code worker}, its own and those any worker may run (for tests). */
  int queued(int worker) {
    return pinned[worker].size() + queues[worker].size();
  }

  /** Whether worker {@code id} has a task it may run. */
  private boolean anyWork(int id) {
    if (!pinned[id].isEmpty()) {
      return true;
    }
    for (ConcurrentLinkedDeque<Runnable> q : queues) {
      if (!q.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void shutdown() {
    shutdown = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    List<Runnable> left = new ArrayList<>();
    for (int i = 0; i < workers.length; i++) {
      for (Runnable r; (r = pinned[i].pollFirst()) != null; ) {
        left.add(r);
      }
      for (Runnable r; (r = queues[i].pollFirst()) != null; ) {
        left.add(r);
      }
    }
    return left;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    if (!shutdown) {
      return false;
    }
    for (Thread w : workers) {
      if (w.isAlive()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Thread w : workers) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return isTerminated();
      }
      TimeUnit.NANOSECONDS.timedJoin(w, left);
    }
    return isTerminated();
  }

  /**
   * Makes this the executor of a Pekko dispatcher: {@code executor = "<this class's name>"}, with
   * {@code spinning-executor.threads} in the dispatcher's settings.
   */
  public static final class Configurator extends ExecutorServiceConfigurator {
    private final int threads;

    public Configurator(Config config, DispatcherPrerequisites prerequisites) {
      super(config, prerequisites);
      this.threads = config.getInt("spinning-executor.threads");
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(
        String id, ThreadFactory threadFactory) {
      return () -> new SpinningExecutor(threads, threadFactory);
    }
  }
}
