package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import java.util.Map;

/**
 * Not API. Everything a new task is made from, other than its body; immutable.
 *
 * @param name the task's name, or null for a generated one
 * @param mode how it links to its parent
 * @param weak whether it keeps the runtime alive
 * @param scheduler scheduler name, or null for the kernel's default
 * @param stackSize thread stack size in bytes, 0 for none (then the scheduler's or caller's thread)
 * @param stackLimit stack accounting limit in bytes, 0 for the kernel's default
 * @param env the task's own environment entries (children see them too)
 */
public record TaskSpec(
    String name,
    SpawnMode mode,
    boolean weak,
    String scheduler,
    long stackSize,
    long stackLimit,
    Map<String, String> env) {

  /** A linked task with that name and nothing else set. */
  public static TaskSpec named(String name) {
    return new TaskSpec(name, SpawnMode.LINKED, false, null, 0, 0, Map.of());
  }

  /** The spec a rewritten method's annotation or pattern asks for. */
  public static TaskSpec of(MethodInfo info) {
    return new TaskSpec(
        info.taskName(),
        info.mode(),
        info.weak(),
        info.scheduler().isEmpty() ? null : info.scheduler(),
        info.stackSize(),
        info.stackLimit(),
        Map.of());
  }
}
