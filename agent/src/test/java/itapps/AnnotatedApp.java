package itapps;

import dev.taskrt.AtExit;
import dev.taskrt.Boundary;
import dev.taskrt.Foreign;
import dev.taskrt.Frame;
import dev.taskrt.Spawn;
import dev.taskrt.StackLimitExceededError;
import dev.taskrt.Task;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * An application run under the agent by the integration tests; the first argument picks a scenario,
 * and every line it prints is something a test asserts on.
 */
public final class AnnotatedApp {
  private AnnotatedApp() {}

  public static void main(String[] args) throws Exception {
    String scenario = args.length == 0 ? "none" : args[0];
    System.out.println("main task: " + (Tasks.inTask() ? Tasks.current().name() : "none"));
    switch (scenario) {
      case "frame":
        frame();
        break;
      case "task":
        task();
        break;
      case "spawn":
        spawn();
        break;
      case "foreign":
        System.out.println("state in foreign call: " + foreignCall());
        System.out.println("state after foreign call: " + Tasks.current().state());
        break;
      case "boundary":
        boundary();
        break;
      case "fail":
        throw new IllegalStateException("main failed on purpose");
      case "exit":
        System.out.println("calling System.exit(7)");
        System.exit(7);
        break;
      case "sigterm":
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
        System.out.println("not killed");
        break;
      default:
        break;
    }
    System.out.println("main returns");
  }

  @AtExit
  static void bye() {
    System.out.println("at_exit handler ran");
  }

  // ---- @Frame

  private static void frame() {
    System.out.println("frame returned " + deferringFrame());
    try {
      failingFrame();
    } catch (IllegalArgumentException e) {
      System.out.println("caller caught " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    try {
      limitedTask();
    } catch (StackLimitExceededError e) {
      System.out.println("caller caught StackLimitExceededError");
    }
  }

  @Frame
  static int deferringFrame() {
    Tasks.defer(() -> System.out.println("defer ran at frame exit"));
    System.out.println("inside frame of task " + Tasks.current().name());
    return 5;
  }

  @Frame
  static void failingFrame() {
    Tasks.onUnwind(() -> System.out.println("onUnwind ran"));
    throw new IllegalArgumentException("frame failed");
  }

  @Task(stackLimit = "2k")
  static int limitedTask() {
    return recurse(0);
  }

  @Frame
  static int recurse(int depth) {
    return depth > 10_000 ? depth : recurse(depth + 1);
  }

  // ---- @Task

  private static void task() {
    System.out.println("task returned " + namedTask(20));
    try {
      failingTask();
    } catch (IllegalStateException e) {
      System.out.println("caller caught IllegalStateException: " + e.getMessage());
    }
    System.out.println("caller still in task " + Tasks.current().name() + ", killed=false");
    System.out.println("stack-size task returned " + bigStackTask(21));
  }

  @Task(name = "worker")
  static int namedTask(int x) {
    TaskHandle<?> self = Tasks.current();
    System.out.println(
        "inside task "
            + self.name()
            + " parent "
            + self.parent().map(TaskHandle::name).orElse("none"));
    return x * 2 + 2;
  }

  @Task
  static void failingTask() {
    throw new IllegalStateException("task failed");
  }

  @Task(stackSize = "4m")
  static long bigStackTask(long x) {
    System.out.println(
        "stack-size task "
            + Tasks.current().name()
            + " on its own thread: "
            + !Thread.currentThread().getName().equals("main"));
    return x * 2;
  }

  // ---- @Spawn

  private static void spawn() throws Exception {
    long before = Thread.currentThread().getId();
    Future<Integer> future = spawnedFuture(6);
    CompletableFuture<String> completable = spawnedCompletable("x");
    TaskHandle<String> handle = spawnedHandle();
    spawnedVoid();
    System.out.println("future " + future.get());
    System.out.println("completable " + completable.get());
    System.out.println("handle " + handle.name() + " joined " + handle.join());
    System.out.println(
        "spawn returned on the caller's thread: " + (Thread.currentThread().getId() == before));
  }

  @Spawn
  static Future<Integer> spawnedFuture(int x) {
    return CompletableFuture.completedFuture(x * 7);
  }

  @Spawn(name = "completer")
  static CompletableFuture<String> spawnedCompletable(String s) {
    return CompletableFuture.completedFuture(s + s + " from " + Tasks.current().name());
  }

  @Spawn(name = "handled")
  static TaskHandle<String> spawnedHandle() {
    return null; // a TaskHandle-returning body's value is what join returns
  }

  @Spawn(name = "fire-and-forget")
  static void spawnedVoid() {
    System.out.println("void spawn ran in task " + Tasks.current().name());
  }

  // ---- @Foreign

  @Foreign(headroom = "1k")
  static String foreignCall() {
    return Tasks.current().state().toString();
  }

  // ---- @Boundary

  private static void boundary() {
    System.out.println("with fallback: " + withFallback(4));
    System.out.println("without fallback: " + withoutFallback());
    System.out.println("object without fallback: " + objectWithoutFallback());
    System.out.println("normal result: " + withFallback(-1));
  }

  @Boundary(fallback = "fallback")
  static int withFallback(int x) {
    if (x > 0) {
      throw new IllegalStateException("boundary crossed with " + x);
    }
    return 100;
  }

  static int fallback(int x) {
    return -x;
  }

  @Boundary
  static long withoutFallback() {
    throw new UnsupportedOperationException("no fallback");
  }

  @Boundary
  static String objectWithoutFallback() {
    throw new UnsupportedOperationException("no fallback either");
  }
}
