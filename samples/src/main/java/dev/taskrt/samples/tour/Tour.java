package dev.taskrt.samples.tour;

import dev.taskrt.AtExit;
import dev.taskrt.Frame;
import dev.taskrt.Kernel;
import dev.taskrt.SpawnMode;
import dev.taskrt.Task;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskLocal;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short tour of taskrt, run by {@code ./taskrt demo} under the agent: linked failure stopping a
 * fan-out, a supervised fan-out that keeps going, a stack limit turning a malicious input into a
 * clean failure, an inherited task-local, a weak background task and an at_exit handler.
 */
public final class Tour {
  private static final TaskLocal<String> REQUEST = TaskLocal.inheritable("request");
  private static final AtomicInteger FLUSHES = new AtomicInteger();

  private Tour() {}

  public static void main(String[] args) throws Exception {
    startFlusher();
    System.out.println("1. linked fan-out: one bad page stops its siblings");
    try {
      crawl(List.of("/a", "/b", "/bad", "/c"), SpawnMode.LINKED);
    } catch (Throwable stopped) {
      System.out.println("   crawl stopped: " + stopped.getMessage());
    }
    System.out.println("2. supervised fan-out: the bad page fails alone");
    crawl(List.of("/a", "/b", "/bad", "/c"), SpawnMode.SUPERVISED);
    System.out.println("3. a stack limit turns a malicious input into a clean failure");
    parseSafely("[[[[]]]]");
    parseSafely("[".repeat(50_000) + "]".repeat(50_000));
    System.out.println("4. the tour ends; at_exit handlers run after the strong tasks");
  }

  /** Fetches pages as child tasks and waits for them; returns how many bytes arrived. */
  @Task(name = "crawl")
  static int crawl(List<String> pages, SpawnMode mode) throws Exception {
    REQUEST.set("req-" + mode.name().toLowerCase());
    List<TaskHandle<Integer>> fetches = new ArrayList<>();
    for (String page : pages) {
      fetches.add(Tasks.builder().name("fetch " + page).mode(mode).spawn(() -> fetch(page)));
    }
    int bytes = 0;
    for (TaskHandle<Integer> fetch : fetches) {
      try {
        bytes += fetch.join();
      } catch (RuntimeException failed) {
        System.out.println("   " + fetch.name() + " -> " + fetch.state());
      }
    }
    System.out.println("   crawl fetched " + bytes + " bytes");
    return bytes;
  }

  private static int fetch(String page) {
    Tasks.sleep(Duration.ofMillis(page.equals("/bad") ? 20 : 100));
    if (page.equals("/bad")) {
      throw new IllegalStateException("HTTP 500 from " + page);
    }
    System.out.println("   fetched " + page + " for " + REQUEST.get());
    return page.length() * 100;
  }

  private static void parseSafely(String input) {
    try {
      int depth = Tasks.builder().name("parse").stackLimit(256 * 1024).run(() -> depth(input, 0));
      System.out.println("   parsed, nesting depth " + depth);
    } catch (Throwable rejected) {
      System.out.println("   rejected: " + rejected.getClass().getSimpleName());
    }
  }

  /** Recursive descent over brackets: each level is an instrumented frame. */
  @Frame
  static int depth(String input, int at) {
    if (at >= input.length() || input.charAt(at) != '[') {
      return 0;
    }
    return 1 + depth(input, at + 1);
  }

  private static void startFlusher() {
    Tasks.builder()
        .name("flusher")
        .weak()
        .spawn(
            () -> {
              while (true) {
                Tasks.sleep(Duration.ofMillis(50));
                FLUSHES.incrementAndGet();
              }
            });
  }

  /** Runs once at exit, before the weak flusher is killed. */
  @AtExit
  static void report() {
    System.out.println(
        "   at_exit: " + FLUSHES.get() + " flushes so far, live tasks " + Kernel.liveTasks());
  }
}
