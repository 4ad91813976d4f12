package dev.taskrt;

import dev.taskrt.internal.OwnedByTask;
import dev.taskrt.internal.TaskLauncher;
import dev.taskrt.internal.TaskSpec;
import dev.taskrt.internal.pipe.PipeCore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Options for a new task; from {@link Tasks#builder()}. Not thread-safe; reusable. */
public final class TaskBuilder {
  private String name;
  private SpawnMode mode = SpawnMode.LINKED;
  private boolean weak;
  private String scheduler;
  private long stackSize;
  private long stackLimit;
  private final Map<String, String> env = new LinkedHashMap<>();
  private OwnedByTask[] owned = {};

  TaskBuilder() {}

  /** The task's name. */
  public TaskBuilder name(String name) {
    this.name = name;
    return this;
  }

  /** How the task links to its parent (default LINKED). */
  public TaskBuilder mode(SpawnMode mode) {
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** The task does not keep the runtime alive. */
  public TaskBuilder weak() {
    this.weak = true;
    return this;
  }

  /**
   * The scheduler's name (see {@link Kernel#schedulers()}). Unlike a name in the agent's options or
   * in an annotation, which gets a message and runs the task on {@code default}, a name given here
   * is an argument of the application's own code: {@link #spawn} throws {@link
   * IllegalArgumentException} if nothing is registered under it, at the line that asked for it.
   */
  public TaskBuilder scheduler(String name) {
    this.scheduler = name;
    return this;
  }

  /** Run on a new platform thread with this stack size, in bytes. */
  public TaskBuilder stackSize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("stackSize must be >= 0, was " + bytes);
    }
    this.stackSize = bytes;
    return this;
  }

  /** The task's stack accounting limit, in bytes (0 = the kernel's default). */
  public TaskBuilder stackLimit(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("stackLimit must be >= 0, was " + bytes);
    }
    this.stackLimit = bytes;
    return this;
  }

  /** An environment entry the task and its descendants see through {@link Tasks#env}. */
  public TaskBuilder env(String key, String value) {
    env.put(java.util.Objects.requireNonNull(key, "key"), value);
    return this;
  }

  /**
   * The new task owns these chans from the moment it is spawned, before its body runs, as if it had
   * sent on each first: when it ends, each chan closes (broken, with the cause, if it failed or was
   * killed), so a receiver never waits on a sender that ended, even one that ended before its first
   * send. Of a shared pipe, the task becomes one more holder. Replaces chans given before.
   *
   * @throws IllegalArgumentException for a chan that did not come from {@link Pipes}
   */
  public TaskBuilder owning(Chan<?>... chans) {
    OwnedByTask[] pipes = new OwnedByTask[chans.length];
    for (int i = 0; i < chans.length; i++) {
      pipes[i] = PipeCore.of(java.util.Objects.requireNonNull(chans[i], "chan"));
    }
    this.owned = pipes;
    return this;
  }

  /**
   * Spawns the task on its scheduler.
   *
   * @throws IllegalArgumentException if the scheduler named by {@link #scheduler} is not registered
   */
  @SuppressWarnings("unchecked")
  public <T> TaskHandle<T> spawn(Callable<T> body) {
    if (scheduler != null && stackSize == 0) {
      Kernel.schedulers().get(scheduler); // throws, naming the registered schedulers
    }
    return (TaskHandle<T>) TaskLauncher.spawn(spec(), body, owned.clone());
  }

  /** Runs the task synchronously; its failure propagates as the original exception. */
  @SuppressWarnings("unchecked")
  public <T> T run(Callable<T> body) {
    return (T) TaskLauncher.run(spec(), body, owned.clone());
  }

  private TaskSpec spec() {
    return new TaskSpec(name, mode, weak, scheduler, stackSize, stackLimit, Map.copyOf(env));
  }
}
