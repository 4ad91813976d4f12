package dev.taskrt.bench.pipes;

import dev.taskrt.Chan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Background threads that send without end until stopped: the other side of a throughput benchmark
 * whose measured thread receives.
 */
final class Producers {
  /** The one message every producer sends, so that no benchmark measures allocation. */
  static final Object MESSAGE = new Object();

  /** One producer's loop: send until the queue or pipe refuses (closed or interrupted). */
  interface Loop {
    void run() throws Exception;
  }

  private final List<Thread> threads = new ArrayList<>();

  /** Sends {@link #MESSAGE} on the chan until it is closed. */
  static Loop sendingOn(Chan<Object> chan) {
    return () -> {
      while (true) {
        chan.send(MESSAGE);
      }
    };
  }

  /** Puts {@link #MESSAGE} into the queue until the thread is interrupted. */
  static Loop puttingInto(BlockingQueue<Object> queue) {
    return () -> {
      while (true) {
        queue.put(MESSAGE);
      }
    };
  }

  /** Starts {@code count} daemon threads running {@code loop}. */
  Producers start(int count, String name, Loop loop) {
    for (int i = 0; i < count; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  loop.run();
                } catch (Exception stopped) {
                  // closed pipe or interrupted queue: the benchmark is over
                }
              },
              name + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    return this;
  }

  /** Interrupts every producer (queues) and waits for them to end. */
  void interruptAndJoin() throws InterruptedException {
    for (Thread thread : threads) {
      thread.interrupt();
    }
    join();
  }

  /** Waits for every producer to end (after the pipe was closed). */
  void join() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
