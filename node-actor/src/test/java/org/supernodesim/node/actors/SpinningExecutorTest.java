package org.supernodesim.node.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpinningExecutorTest {

  private static final AtomicInteger THREADS_MADE = new AtomicInteger();
  private static final Set<Throwable> UNCAUGHT = ConcurrentHashMap.newKeySet();
  private static final ThreadFactory DAEMONS = r -> {
    THREADS_MADE.incrementAndGet();
    Thread t = new Thread(r, "spinning-test");
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((thread, failure) -> UNCAUGHT.add(failure));
    return t;
  };

  @Test
  void runsEveryTaskHandedFromOutsideAndFromItsOwnWorkers() throws Exception {
    // Given 3 workers, and 2,000 tasks from this thread that each hand on 4 more from a worker.
    SpinningExecutor executor = new SpinningExecutor(3, DAEMONS);
    int outside = 2_000;
    int each = 4;
    CountDownLatch done = new CountDownLatch(outside * (1 + each));
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < outside; i++) {
      executor.execute(() -> {
        ranOn.add(Thread.currentThread().getName() + Thread.currentThread().getId());
        for (int k = 0; k < each; k++) {
          executor.execute(done::countDown);
        }
        done.countDown();
      });
    }

    // Then all 10,000 run, on the executor's threads only (at most 3 of them).
    assertTrue(done.await(30, TimeUnit.SECONDS), "every task ran: " + done.getCount() + " left");
    assertTrue(ranOn.size() <= 3, "on at most 3 threads: " + ranOn);
    shutDown(executor);
  }

  @Test
  void aParkedWorkerIsWokenForEachNewTask() throws Exception {
    // Given 2 workers left idle longer than they spin, so that both park before every task.
    SpinningExecutor executor = new SpinningExecutor(2, DAEMONS);
    long idleMillis = TimeUnit.NANOSECONDS.toMillis(SpinningExecutor.SPIN_NANOS) + 2;
    for (int i = 0; i < 60; i++) {
      Thread.sleep(idleMillis);
      CountDownLatch ran = new CountDownLatch(1);

      // When a task arrives from outside, for any worker or for worker 0 or 1 alone, then it
      // runs: no wake-up is lost, and a task for one worker wakes that one.
      if (i % 3 == 0) {
        executor.execute(ran::countDown);
      } else {
        SpinningExecutor.onWorker(i % 3 - 1, () -> executor.execute(ran::countDown));
      }
      assertTrue(ran.await(10, TimeUnit.SECONDS), "task " + i + " ran after the workers parked");
    }
    shutDown(executor);
  }

  @Test
  void queuesATaskForTheWorkerAskedFor() throws Exception {
    // Given 2 workers, each held in a task of its own.
    SpinningExecutor executor = new SpinningExecutor(2, DAEMONS);
    CountDownLatch held = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 2; i++) {
      executor.execute(() -> {
        held.countDown();
        await(release);
      });
    }
    assertTrue(held.await(10, TimeUnit.SECONDS), "both workers busy");

    // When this thread hands over three tasks asking for worker 1 (3 is worker 1 of 2, too).
    CountDownLatch ran = new CountDownLatch(3);
    SpinningExecutor.onWorker(1, () -> executor.execute(ran::countDown));
    SpinningExecutor.onWorker(3, () -> executor.execute(ran::countDown));
    SpinningExecutor.onWorker(1, () -> executor.execute(ran::countDown));

    // Then all three wait in worker 1's queue, none in worker 0's; and run once released.
    assertEquals(3, executor.queued(1), "queued for worker 1");
    assertEquals(0, executor.queued(0), "none for worker 0");
    release.countDown();
    assertTrue(ran.await(10, TimeUnit.SECONDS), "they ran");
    shutDown(executor);
  }

  @Test
  void aTaskAskedForOneWorkerIsNeverTakenByAnother() throws Exception {
    // Given 2 workers, worker 0 held in a task of its own and worker 1 idle, looking for work.
    SpinningExecutor executor = new SpinningExecutor(2, DAEMONS);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> heldOn = ConcurrentHashMap.newKeySet();
    SpinningExecutor.onWorker(0, () -> executor.execute(() -> {
      heldOn.add(Thread.currentThread().getName() + Thread.currentThread().getId());
      held.countDown();
      await(release);
    }));
    assertTrue(held.await(10, TimeUnit.SECONDS), "worker 0 busy");

    // When three tasks are handed over for worker 0.
    CountDownLatch ran = new CountDownLatch(3);
    Set<String> ranOn = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 3; i++) {
      SpinningExecutor.onWorker(0, () -> executor.execute(() -> {
        ranOn.add(Thread.currentThread().getName() + Thread.currentThread().getId());
        ran.countDown();
      }));
    }

    // Then the idle worker leaves them (it spins and parks meanwhile), and worker 0 runs them.
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SpinningExecutor.SPIN_NANOS) * 5 + 20);
    assertEquals(3, executor.queued(0), "still waiting for worker 0");
    release.countDown();
    assertTrue(ran.await(10, TimeUnit.SECONDS), "they ran");
    assertEquals(heldOn, ranOn, "on worker 0's thread");
    shutDown(executor);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aTaskThatThrowsReachesTheHandlerAndTheWorkerGoesOn() throws Exception {
    // Given one worker, and a task that throws.
    SpinningExecutor executor = new SpinningExecutor(1, DAEMONS);
    IllegalStateException thrown = new IllegalStateException("a failing task");
    executor.execute(() -> {
      throw thrown;
    });

    // Then the failure reaches the thread's handler. The next task is handed over only after
    // that: a worker runs its own queue newest first, so handed together it could run first.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!UNCAUGHT.contains(thrown) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertTrue(UNCAUGHT.contains(thrown), "the handler got it");

    // And the same worker still runs the next task.
    CountDownLatch ran = new CountDownLatch(1);
    executor.execute(ran::countDown);
    assertTrue(ran.await(10, TimeUnit.SECONDS), "the worker survived the failure");
    shutDown(executor);
  }

  @Test
  void makesExactlyItsThreadsAndRefusesWorkOnceShutDown() throws Exception {
    int before = THREADS_MADE.get();
    SpinningExecutor executor = new SpinningExecutor(4, DAEMONS);
    assertEquals(4, THREADS_MADE.get() - before, "one thread per worker, made at once");
    assertThrows(IllegalArgumentException.class, () -> new SpinningExecutor(0, DAEMONS));

    shutDown(executor);
    assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
    assertTrue(executor.shutdownNow().isEmpty(), "nothing was left queued");
  }

  private static void shutDown(SpinningExecutor executor) throws InterruptedException {
    executor.shutdown();
    assertTrue(executor.isShutdown());
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "workers end after a shutdown");
    assertTrue(executor.isTerminated());
  }
}
