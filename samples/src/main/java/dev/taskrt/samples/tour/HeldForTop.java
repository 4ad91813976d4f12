package dev.taskrt.samples.tour;

import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import dev.taskrt.Tasks;
import java.io.File;

/**
 * The tour's last step when {@code ./taskrt demo} runs it: a few tasks held blocked until {@code
 * top --once} has looked at them. A {@code worker} waits on an empty job pipe, a {@code collector}
 * (on the {@code platform} scheduler) joins the worker, and a {@code reporter} waits to send into a
 * full report pipe. Once all three are blocked it prints its ready line, which the demo waits for
 * before it runs {@code top}; when the demo's hold file appears (or after a minute) the root task
 * sends the job and reads the reports, and all three end normally.
 */
final class HeldForTop {
  /** The line the demo waits for before it runs {@code top}. */
  static final String READY = "live: 3 tasks held blocked until top has looked";

  private HeldForTop() {}

  /** Holds the tasks until {@code holdFile} exists (at most a minute), then lets them finish. */
  static void run(String holdFile) throws InterruptedException {
    Pipe<String> jobs = Pipes.stream(1);
    Pipe<String> reports = Pipes.stream(1);
    TaskHandle<String> worker = Tasks.builder().name("worker").spawn(() -> jobs.port().recv());
    TaskHandle<String> collector =
        Tasks.builder().name("collector").scheduler("platform").spawn(worker::join);
    TaskHandle<Integer> reporter =
        Tasks.builder()
            .name("reporter")
            .spawn(
                () -> {
                  reports.chan().send("first report");
                  reports.chan().send("second report"); // the pipe holds one: waits for main
                  return 2;
                });
    awaitBlocked(worker);
    awaitBlocked(collector);
    awaitBlocked(reporter);
    System.out.println(READY);
    System.out.flush();

    for (int i = 0; i < 600 && !new File(holdFile).exists(); i++) {
      Thread.sleep(100);
    }
    jobs.chan().send("job-1");
    String first = reports.port().recv();
    String second = reports.port().recv();
    System.out.println(
        "released: the worker took "
            + collector.join()
            + ", the reporter sent "
            + reporter.join()
            + " reports ("
            + first
            + ", "
            + second
            + ")");
  }

  /** Waits until {@code task} is blocked in a runtime call, or ten seconds at most. */
  private static void awaitBlocked(TaskHandle<?> task) throws InterruptedException {
    for (int i = 0; i < 1_000 && task.state() != TaskState.BLOCKED; i++) {
      Thread.sleep(10);
    }
  }
}
