package itapps;

import dev.taskrt.Foreign;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A program for {@code top} to watch: one task running, four blocked (on a pipe, a join, a sleep, a
 * foreign call), and every 200 ms a task killed by its linked child's failure. Prints {@code ready}
 * when all are in place; ends when its standard input closes, or after 50 s at the latest.
 */
public final class TopTarget {
  private static final CountDownLatch STOP = new CountDownLatch(1);
  private static volatile boolean stopping;

  private TopTarget() {}

  public static void main(String[] args) throws Exception {
    Thread stdin =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // wait for the end of input
                }
              } catch (java.io.IOException e) {
                // treated as the end of input
              }
              STOP.countDown();
            });
    stdin.setDaemon(true);
    stdin.start();

    Pipe<String> inbox = Pipes.stream(4);
    TaskHandle<Object> cruncher =
        unlinked("cruncher")
            .spawn(
                () -> {
                  while (!stopping) {
                    Tasks.checkpoint();
                    LockSupport.parkNanos(1_000_000); // not a runtime wait: stays RUNNING
                  }
                  return null;
                });
    TaskHandle<String> reader = unlinked("inbox-reader").spawn(() -> inbox.port().recv());
    TaskHandle<String> waiter = unlinked("waiter").spawn(reader::join);
    TaskHandle<Object> napper =
        unlinked("napper")
            .spawn(
                () -> {
                  Tasks.sleep(Duration.ofSeconds(55));
                  return null;
                });
    TaskHandle<Object> nativeCaller =
        unlinked("native-caller")
            .spawn(
                () -> {
                  callNative();
                  return null;
                });
    TaskHandle<Object> failures =
        unlinked("failure-maker")
            .spawn(
                () -> {
                  while (!stopping) {
                    unlinked("flaky")
                        .spawn(
                            () -> {
                              Tasks.builder().name("breaker").spawn(TopTarget::breaker);
                              Tasks.sleep(Duration.ofSeconds(10));
                              return null;
                            });
                    Tasks.sleep(Duration.ofMillis(200));
                  }
                  return null;
                });
    awaitState(reader, "BLOCKED");
    awaitState(waiter, "BLOCKED");
    awaitState(napper, "BLOCKED");
    awaitState(nativeCaller, "FOREIGN");
    System.out.println("ready");

    STOP.await(50, TimeUnit.SECONDS);
    stopping = true;
    inbox.chan().send("bye");
    napper.kill();
    NATIVE_DONE.countDown();
    waiter.join();
    cruncher.join();
    nativeCaller.join();
    failures.join();
    System.out.println("done");
  }

  private static final CountDownLatch NATIVE_DONE = new CountDownLatch(1);

  /** Stands for a native call that takes long: the task is FOREIGN while it waits. */
  @Foreign
  static void callNative() throws InterruptedException {
    NATIVE_DONE.await(55, TimeUnit.SECONDS);
  }

  private static Object breaker() {
    throw new IllegalStateException("breaker failed");
  }

  private static dev.taskrt.TaskBuilder unlinked(String name) {
    return Tasks.builder().name(name).mode(SpawnMode.UNLINKED);
  }

  private static void awaitState(TaskHandle<?> task, String state) throws InterruptedException {
    for (int i = 0; i < 5_000 && !task.state().name().equals(state); i++) {
      Thread.sleep(2);
    }
  }
}
