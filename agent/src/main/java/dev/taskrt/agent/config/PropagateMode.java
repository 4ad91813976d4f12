package dev.taskrt.agent.config;

import dev.taskrt.SpawnMode;
import java.util.Locale;

/**
 * The value of {@code propagate=}: whether work handed from a task to executors, {@code
 * CompletableFuture} and new threads carries the task, and as a child of which mode.
 */
public enum PropagateMode {
  /** {@code off}: hand-offs are left alone. */
  OFF(null),
  /** {@code on} (the default) or {@code supervised}. */
  SUPERVISED(SpawnMode.SUPERVISED),
  /** {@code linked}. */
  LINKED(SpawnMode.LINKED),
  /** {@code unlinked}. */
  UNLINKED(SpawnMode.UNLINKED);

  /** The valid forms, as messages name them. */
  public static final String FORMS = "on, off, supervised, linked or unlinked (on = supervised)";

  private final SpawnMode childMode;

  PropagateMode(SpawnMode childMode) {
    this.childMode = childMode;
  }

  /** Whether hand-offs carry the task. */
  public boolean isOn() {
    return childMode != null;
  }

  /** The mode of a hand-off child; {@code SUPERVISED} when off (then unused). */
  public SpawnMode childMode() {
    return childMode == null ? SpawnMode.SUPERVISED : childMode;
  }

  /**
   * Parses the option's value, in any case.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static PropagateMode parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "on":
      case "supervised":
        return SUPERVISED;
      case "off":
        return OFF;
      case "linked":
        return LINKED;
      case "unlinked":
        return UNLINKED;
      default:
        throw new IllegalArgumentException("not one of on, off, supervised, linked, unlinked");
    }
  }
}
