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
  private static final ThreadFactory DAEMONS = r -> {
    THREADS_MADE.incrementAndGet();
    Thread t = new Thread(r, "spinning-test");
    t.setDaemon(true);
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
    for (int i = 0; i < 50; i++) {
      Thread.sleep(idleMillis);
      CountDownLatch ran = new CountDownLatch(1);

      // When a task arrives from outside, then it runs: no wake-up is lost.
      executor.execute(ran::countDown);
      assertTrue(ran.await(10, TimeUnit.SECONDS), "task " + i + " ran after the workers parked");
    }
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
