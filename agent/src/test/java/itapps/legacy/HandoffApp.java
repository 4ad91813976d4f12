package itapps.legacy;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskLocal;
import dev.taskrt.Tasks;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Hands work from the main task to one kind of executor or thread (the first argument) and prints
 * what the work saw: whether it ran in a task, that task's parent, and an inheritable task-local.
 */
public final class HandoffApp {
  static final TaskLocal<String> USER = TaskLocal.inheritable("user");
  static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

  private HandoffApp() {}

  static String probe() {
    if (!Tasks.inTask()) {
      return "inTask=false request=" + REQUEST.get();
    }
    TaskHandle<?> me = Tasks.current();
    return "inTask=true name="
        + me.name()
        + " parent="
        + me.parent().map(TaskHandle::name).orElse("-")
        + " user="
        + USER.get()
        + " request="
        + REQUEST.get();
  }

  public static void main(String[] args) throws Exception {
    USER.set("alice");
    REQUEST.set("r-1");
    String kind = args[0];
    if (kind.equals("leak")) {
      leak();
      return;
    }
    if (kind.equals("killed")) {
      parentFailureKillsChild();
      return;
    }
    System.out.println(kind + ": " + handOff(kind));
    System.out.println("main after: " + probe());
  }

  static String handOff(String kind) throws Exception {
    Callable<String> work = HandoffApp::probe;
    Supplier<String> supplier = HandoffApp::probe;
    switch (kind) {
      case "tpe":
        {
          ExecutorService pool = Executors.newFixedThreadPool(2);
          try {
            return pool.submit(work).get(30, TimeUnit.SECONDS);
          } finally {
            pool.shutdown();
          }
        }
      case "own-executor":
        {
          ExecutorService pool = Executors.newSingleThreadExecutor();
          // an executor of the application's own that delegates to a pool
          java.util.concurrent.Executor mine = r -> pool.execute(() -> r.run());
          try {
            return CompletableFuture.supplyAsync(supplier, mine).get(30, TimeUnit.SECONDS);
          } finally {
            pool.shutdown();
          }
        }
      case "cf-executor":
        {
          ExecutorService pool = Executors.newFixedThreadPool(1);
          try {
            return CompletableFuture.supplyAsync(supplier, pool)
                .thenApplyAsync(s -> s + " | then: " + probe(), pool)
                .get(30, TimeUnit.SECONDS);
          } finally {
            pool.shutdown();
          }
        }
      case "cf-async":
        return CompletableFuture.supplyAsync(supplier).get(30, TimeUnit.SECONDS);
      case "scheduled":
        {
          ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
          try {
            String once = pool.schedule(work, 5, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
            AtomicReference<String> periodic = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(2);
            ScheduledFuture<?> f =
                pool.scheduleAtFixedRate(
                    () -> {
                      periodic.set(probe());
                      ran.countDown();
                    },
                    0,
                    5,
                    TimeUnit.MILLISECONDS);
            ran.await(30, TimeUnit.SECONDS);
            f.cancel(false);
            return once + " | periodic: " + periodic.get();
          } finally {
            pool.shutdown();
          }
        }
      case "fjp":
        {
          ForkJoinPool pool = new ForkJoinPool(2);
          try {
            return pool.submit(work).get(30, TimeUnit.SECONDS);
          } finally {
            pool.shutdown();
          }
        }
      case "thread":
        {
          AtomicReference<String> seen = new AtomicReference<>();
          Thread t = new Thread(() -> seen.set(probe()));
          t.start();
          t.join(30_000);
          return seen.get();
        }
      case "virtual":
        {
          AtomicReference<String> seen = new AtomicReference<>();
          Method ofVirtual = Thread.class.getMethod("ofVirtual");
          Object builder = ofVirtual.invoke(null);
          Method start =
              Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
          Thread t = (Thread) start.invoke(builder, (Runnable) () -> seen.set(probe()));
          t.join(30_000);
          return seen.get();
        }
      case "virtual-executor":
        {
          ExecutorService pool =
              (ExecutorService)
                  Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
          try {
            return pool.submit(work).get(30, TimeUnit.SECONDS);
          } finally {
            pool.shutdown();
          }
        }
      case "parent-ended":
        {
          // The work runs after the task that handed it over has changed a task-local and ended.
          ExecutorService pool = Executors.newSingleThreadExecutor();
          CountDownLatch release = new CountDownLatch(1);
          AtomicReference<java.util.concurrent.Future<String>> handed = new AtomicReference<>();
          Tasks.builder()
              .name("short")
              .spawn(
                  () -> {
                    USER.set("bob");
                    handed.set(
                        pool.submit(
                            () -> {
                              release.await(30, TimeUnit.SECONDS);
                              return probe();
                            }));
                    USER.set("carol");
                    return null;
                  })
              .join(Duration.ofSeconds(30));
          release.countDown();
          try {
            return handed.get().get(30, TimeUnit.SECONDS);
          } finally {
            pool.shutdown();
          }
        }
      case "rejected":
        {
          ExecutorService pool = Executors.newSingleThreadExecutor();
          pool.shutdown();
          try {
            pool.submit(work);
            return "accepted";
          } catch (java.util.concurrent.RejectedExecutionException e) {
            return "rejected";
          }
        }
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  /** A supervised child task hands work to a pool, then fails: the work's task is killed. */
  static void parentFailureKillsChild() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<String> outcome = new AtomicReference<>("not ended");
    TaskHandle<Object> parent =
        Tasks.builder()
            .name("parent")
            .mode(SpawnMode.SUPERVISED)
            .spawn(
                () -> {
                  pool.execute(
                      () -> {
                        try {
                          started.countDown();
                          for (int i = 0; i < 3000; i++) {
                            Tasks.sleep(Duration.ofMillis(10));
                          }
                          outcome.set("ran to the end");
                        } catch (TaskKilledError e) {
                          outcome.set("killed: " + e.getCause());
                          throw e;
                        } finally {
                          ended.countDown();
                        }
                      });
                  started.await(30, TimeUnit.SECONDS);
                  throw new IllegalStateException("parent fails on purpose");
                });
    try {
      parent.join(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      System.out.println("parent: " + e.getCause());
    }
    ended.await(30, TimeUnit.SECONDS);
    System.out.println("child: " + outcome.get());
    pool.shutdown();
  }

  /** 10,000 hand-offs on a two-thread pool, then what the pool's threads still carry. */
  static void leak() throws Exception {
    ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
    int wrong = 0;
    for (int i = 0; i < 10_000; i++) {
      if (!pool.submit(HandoffApp::probe).get(30, TimeUnit.SECONDS).contains("user=alice")) {
        wrong++;
      }
    }
    System.out.println("hand-offs without the context: " + wrong);
    CountDownLatch both = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> left = new AtomicReference<>("");
    // Submitted from outside any task, so these runnables are not wrapped: a Thread subclass
    // that overrides run() does not run as a child task (a documented limit of propagate).
    Thread outside =
        new Thread() {
          @Override
          public void run() {
            for (int i = 0; i < 2; i++) {
              pool.execute(
                  () -> {
                    left.accumulateAndGet(
                        Thread.currentThread().getName() + ": " + probe() + "; ", String::concat);
                    both.countDown();
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
            }
          }
        };
    outside.start();
    outside.join(30_000);
    both.await(30, TimeUnit.SECONDS);
    release.countDown();
    System.out.println("pooled threads after: " + left.get());
    pool.shutdown();
  }
}
