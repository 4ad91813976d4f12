package dev.taskrt;

import dev.taskrt.internal.KernelState;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one kernel per JVM: task counts, configuration, global data, at_exit handlers and schedulers.
 * When the agent is attached it is loaded by the bootstrap class loader, so every class loader sees
 * the same one.
 */
public final class Kernel {
  private Kernel() {}

  /**
   * Registers an at_exit handler: run once at shutdown, last registered first, failures isolated,
   * bounded by {@code shutdownTimeout}.
   *
   * @throws IllegalStateException once shutdown has begun
   */
  public static void atExit(String name, Runnable handler) {
    KernelState.get().atExit(name, handler);
  }

  /** Tasks running now, strong and weak. */
  public static long liveTasks() {
    return KernelState.get().liveTasks();
  }

  /** Strong tasks running now (they keep the runtime alive). */
  public static long strongTasks() {
    return KernelState.get().strongTasks();
  }

  /** Weak tasks running now. */
  public static long weakTasks() {
    return KernelState.get().weakTasks();
  }

  /** The main method's arguments, when the agent runs main as the root task; else empty. */
  public static List<String> args() {
    return KernelState.get().args();
  }

  /**
   * A configuration value: agent options, then {@code -Dtaskrt.KEY}, then the {@code TASKRT_KEY}
   * environment variable (upper snake case: {@code stackLimit} is {@code TASKRT_STACK_LIMIT}). For
   * the runtime's own settings ({@code stackLimit}, {@code stackSegment}, {@code shutdownTimeout},
   * {@code defaultScheduler}, {@code doubleFailure}) it is the value in force: the default when
   * nothing set it or what was set is not valid.
   */
  public static Optional<String> config(String key) {
    return KernelState.get().config(key);
  }

  /** One value per key in the JVM, made by {@code supplier} on first use. */
  public static <T> T global(String key, Supplier<T> supplier) {
    return KernelState.get().global(key, supplier);
  }

  /** The scheduler registry. */
  public static SchedulerRegistry schedulers() {
    return KernelState.get().schedulers();
  }
}
