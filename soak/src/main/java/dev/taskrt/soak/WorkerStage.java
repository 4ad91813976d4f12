package dev.taskrt.soak;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipe-based worker stage: requests send jobs into one shared pipe, a fixed set of worker tasks
 * take them and answer each on the job's own oneshot pipe. The stage's maker holds the shared chan
 * (it sends the first job itself) until it closes the stage; the workers then drain what was sent
 * and end.
 */
final class WorkerStage {
  /** One unit of work and where its answer goes. */
  record Job(int n, Chan<Long> reply) {}

  private final Pipe<Job> jobs;
  private final List<TaskHandle<Integer>> workers = new ArrayList<>();

  WorkerStage(int workerCount, int capacity) {
    jobs = Pipes.shared(capacity);
    for (int i = 0; i < workerCount; i++) {
      Port<Job> port = jobs.port();
      workers.add(Tasks.builder().name("worker-" + i).spawn(() -> work(port)));
    }
    // The maker sends once, so it holds the shared chan until close(): otherwise the first
    // request task to end after sending would be the last holder and end the pipe (see Pipes).
    compute(1);
  }

  private static int work(Port<Job> port) {
    int done = 0;
    for (Job job : port) {
      long sum = 0;
      for (int k = 1; k <= job.n(); k++) {
        sum += (long) k * k % 7919;
      }
      job.reply().send(sum);
      done++;
    }
    return done;
  }

  /** Sends a job and waits for its answer. */
  long compute(int n) {
    Pipe<Long> reply = Pipes.oneshot();
    jobs.chan().send(new Job(n, reply.chan()));
    return reply.port().recv();
  }

  /** Closes the stage and waits for its workers; returns how many jobs they did. */
  int close() {
    jobs.chan().close();
    int done = 0;
    for (TaskHandle<Integer> w : workers) {
      done += w.join();
    }
    return done;
  }
}
