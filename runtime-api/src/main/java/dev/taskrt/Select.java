package dev.taskrt;

import dev.taskrt.internal.pipe.Selection;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits on several ports at once and takes a message from whichever is ready.
 *
 * <p>A port is ready when it has a message or has ended; a port that has ended counts as ready
 * every time (its {@link Selected#closed()} is true), so drop ended ports from later selects. When
 * several ports are ready, each is chosen with equal chance, so none is starved. Waiting is a kill
 * checkpoint and makes the task BLOCKED, like a receive.
 */
public final class Select {
  private Select() {}

  /**
   * Takes a message from one ready port among {@code ports} (made by {@link Pipes}), waiting until
   * one is ready.
   *
   * @throws IllegalArgumentException if no port is given, or one was not made by {@link Pipes}
   * @throws TaskKilledError if the task is killed while waiting
   */
  public static Selected any(Port<?>... ports) {
    return of(Selection.any(-1L, ports));
  }

  /**
   * Like {@link #any(Port[])}, waiting at most {@code timeout}.
   *
   * @return the selection, or empty if no port was ready in time
   */
  public static Optional<Selected> any(Duration timeout, Port<?>... ports) {
    Selection.Choice choice = Selection.any(timeout, ports);
    return choice == null ? Optional.empty() : Optional.of(of(choice));
  }

  private static Selected of(Selection.Choice choice) {
    return new Selected(choice.index, choice.message, choice.end);
  }
}
