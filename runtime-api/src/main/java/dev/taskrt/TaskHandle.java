package dev.taskrt;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A task, seen from any thread.
 *
 * @param <T> what the task's body returns
 */
public interface TaskHandle<T> {
  /** The task's id, unique in the JVM. */
  long id();

  /** The task's name. */
  String name();

  /** What the task is doing now, or its outcome. */
  TaskState state();

  /** The task's parent, empty for a root task. */
  Optional<TaskHandle<?>> parent();

  /** Whether the task is weak (does not keep the runtime alive). */
  boolean isWeak();

  /**
   * Waits for the task to end. A checkpoint when called from a task.
   *
   * @return what the body returned
   * @throws TaskFailedException if the task failed or was killed; its cause says why
   */
  T join();

  /**
   * Waits at most {@code timeout} for the task to end.
   *
   * @throws TaskTimeoutException if the task is still running after the timeout
   * @throws TaskFailedException if the task failed or was killed
   */
  T join(Duration timeout);

  /**
   * Cancels the task: it and its descendants end {@link TaskState#KILLED} at their next
   * checkpoints. Does not fail the task's parent. No effect on a task that has ended.
   */
  void kill();

  /**
   * A future completed with the task's result, or exceptionally with {@link TaskFailedException}.
   */
  CompletableFuture<T> toFuture();
}
