package itapps;

import dev.taskrt.Foreign;
import dev.taskrt.Kernel;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code @Foreign} under the agent: a kill waits while the task is in a foreign call, a call with
 * {@code stackSize} runs on a thread of its own and gives back its very exception, and the {@code
 * virtual} scheduler where the JDK has virtual threads.
 */
public final class ForeignApp {
  private ForeignApp() {}

  static final CountDownLatch IN_CALL = new CountDownLatch(1);
  static final IllegalStateException THROWN = new IllegalStateException("from the foreign call");

  public static void main(String[] args) throws Exception {
    TaskHandle<Object> caller =
        Tasks.builder()
            .name("caller")
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  slowCall();
                  System.out.println("after the foreign call, before a checkpoint");
                  Tasks.checkpoint();
                  System.out.println("not reached");
                  return null;
                });
    IN_CALL.await();
    System.out.println("state in the call: " + caller.state());
    caller.kill();
    LockSupport.parkNanos(200_000_000L);
    System.out.println("state 200 ms after the kill: " + caller.state());
    try {
      caller.join();
    } catch (RuntimeException e) {
      // the outcome is printed
    }
    System.out.println("outcome: " + caller.state());

    Object[] seen = new Object[2];
    Tasks.run(
        "big-stack-caller",
        () -> {
          seen[0] = onOwnStack();
          try {
            throwingOnOwnStack();
          } catch (IllegalStateException e) {
            seen[1] = e == THROWN ? "the same exception object" : "a different exception: " + e;
          }
          return null;
        });
    System.out.println("own stack: " + seen[0]);
    System.out.println("thrown: " + seen[1]);

    try {
      TaskHandle<Boolean> virtual =
          Tasks.builder()
              .name("on-virtual")
              .scheduler("virtual")
              .spawn(
                  () ->
                      (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
      System.out.println(
          "virtual thread: "
              + virtual.join()
              + ", virtual scheduler ran "
              + Kernel.schedulers().tasksStarted("virtual"));
    } catch (IllegalStateException noVirtualThreads) {
      System.out.println("no virtual threads: " + noVirtualThreads.getMessage());
    }
  }

  /** A foreign call that takes half a second (a native call would block the same way). */
  @Foreign
  static void slowCall() {
    IN_CALL.countDown();
    long end = System.nanoTime() + 500_000_000L;
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(10_000_000L); // an interrupt does not end the call
    }
    System.out.println("the foreign call finished");
  }

  @Foreign(stackSize = "2m", headroom = "64k")
  static String onOwnStack() {
    return Thread.currentThread().getName().replaceAll("\\d+$", "N")
        + " while the caller is "
        + Tasks.current().state();
  }

  @Foreign(stackSize = "2m")
  static void throwingOnOwnStack() {
    throw THROWN;
  }
}
