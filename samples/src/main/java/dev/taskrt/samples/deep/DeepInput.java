package dev.taskrt.samples.deep;

import dev.taskrt.StackLimitExceededError;
import dev.taskrt.Task;
import dev.taskrt.Tasks;

/**
 * Deep input, two ways.
 *
 * <p>An untrusted document goes to a recursive-descent parser inside a task with a stack limit: a
 * maliciously deep one fails that task cleanly with {@code StackLimitExceededError} long before the
 * thread's real stack runs out, and the task's hooks run while it unwinds. The caller catches the
 * error like any other and goes on.
 *
 * <p>A trusted computation that is simply deep (a recursion 200,000 calls down) overflows a default
 * thread stack; as a {@code @Task(stackSize = "256m")} it runs on a thread with room and succeeds.
 */
public final class DeepInput {
  /** How deep the recursion of the trusted computation goes. */
  static final int DEEP = 200_000;

  private DeepInput() {}

  /** Runs the tour of both cases. */
  public static void main(String[] args) {
    System.out.println("1. untrusted input, parsed under a 64k stack limit");
    check("[1,[2,3],[[4]]]");
    check("[".repeat(100_000) + "]".repeat(100_000));
    System.out.println("2. a computation " + DEEP + " calls deep");
    try {
      System.out.println("   on a default stack: " + sumOnDefaultStack(DEEP));
    } catch (StackOverflowError overflow) {
      System.out.println("   on a default stack: StackOverflowError, its task failed");
    }
    System.out.println("   on a 256m stack: " + sumOnBigStack(DEEP));
  }

  private static void check(String input) {
    String shown =
        input.length() > 24 ? input.substring(0, 12) + "...(" + input.length() + ")" : input;
    try {
      NestedLists.Parsed parsed = parseUntrusted(input);
      System.out.println(
          "   " + shown + " -> sum " + parsed.sum() + ", depth " + parsed.maxDepth());
    } catch (StackLimitExceededError tooDeep) {
      System.out.println("   " + shown + " -> rejected: " + tooDeep.getClass().getSimpleName());
    }
  }

  /**
   * Parses inside a task whose stack use may not pass 64 KiB (by taskrt's estimate of its frames).
   */
  @Task(name = "parse", stackLimit = "64k")
  static NestedLists.Parsed parseUntrusted(String input) {
    Tasks.onUnwind(() -> System.out.println("   (parse unwinding: its hook ran)"));
    return NestedLists.parse(input);
  }

  /** The deep computation on the thread's own stack. */
  @Task(name = "sum-default-stack")
  static long sumOnDefaultStack(int n) {
    return sumTo(n);
  }

  /** The same computation on a thread with a 256 MiB stack. */
  @Task(name = "sum-big-stack", stackSize = "256m")
  static long sumOnBigStack(int n) {
    return sumTo(n);
  }

  private static long sumTo(int n) {
    return n == 0 ? 0 : n + sumTo(n - 1);
  }
}
