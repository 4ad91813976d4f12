package dev.taskrt.samples.deepnative;

import dev.taskrt.Foreign;
import dev.taskrt.StackLimitExceededError;
import dev.taskrt.Task;

/**
 * A C library that recurses deeply ({@code deep_native.c}: about 1 KiB of stack per level) called
 * through JNI.
 *
 * <p>Four thousand levels need about 4 MiB of stack. On a Java thread's default 1 MiB stack the
 * native code would run off the end of the stack, and an overflow in native code ends the JVM.
 * {@code @Foreign(stackSize = "16m")} runs the call on a thread with a 16 MiB stack while the task
 * waits in state FOREIGN, as the classic Rust runtime switched to a big C stack for foreign calls;
 * the result comes back as from a direct call, and so does an exception, unwrapped. The same call
 * without its own stack is checked first: its 6 MiB of headroom is more than the caller's thread
 * has left, so it fails cleanly with a {@link StackLimitExceededError} before any native code runs.
 *
 * <p>Needs {@code libdeepnative.so} (from {@code samples/src/main/native/deep_native.c}) on {@code
 * java.library.path}.
 */
public final class DeepNative {
  private DeepNative() {}

  /** Recurses {@code levels} deep in C; returns a checksum. */
  static native long walk(int levels);

  /** Walks 4,000 levels on a big stack, then shows the checks on the caller's stack. */
  public static void main(String[] args) {
    System.loadLibrary("deepnative");
    walkTree(4_000);
  }

  /** One task: the deep call on its own stack, then the same call refused on the task's stack. */
  @Task(name = "deep-native")
  static void walkTree(int levels) {
    long checksum = walkOnBigStack(levels);
    System.out.println("walked " + levels + " levels in C on a 16m stack, checksum " + checksum);
    try {
      walkOnBigStack(-1);
    } catch (IllegalArgumentException direct) {
      System.out.println("the call's own exception came back unwrapped: " + direct.getMessage());
    }
    try {
      walkHere(levels);
      System.out.println("walked on the caller's stack");
    } catch (StackLimitExceededError refused) {
      System.out.println("refused before the native call: " + refused.getMessage());
    }
    System.out.println("still running");
  }

  /** The deep call on a 16 MiB stack of its own: 4,000 levels take about 4 MiB. */
  @Foreign(stackSize = "16m", headroom = "6m")
  static long walkOnBigStack(int levels) {
    if (levels < 0) {
      throw new IllegalArgumentException("levels must be >= 0, was " + levels);
    }
    return walk(levels);
  }

  /** The same call on the caller's stack: refused when the thread has less than 6 MiB left. */
  @Foreign(headroom = "6m")
  static long walkHere(int levels) {
    return walk(levels);
  }
}
