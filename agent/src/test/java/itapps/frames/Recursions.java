package itapps.frames;

import dev.taskrt.Frame;
import dev.taskrt.StackLimitExceededError;

/**
 * Methods for {@code frames=itapps.frames.*[*]}: loop-free leaves (left without a frame), a leaf
 * marked {@code @Frame} (framed), and recursions, direct and mutual, whose cycles pass through
 * small loop-free methods (framed: they call). Run under {@code stackLimit=64k}, each recursion
 * fails its task with {@link StackLimitExceededError} long before the thread's stack runs out.
 */
public final class Recursions {
  private int count;

  private Recursions() {}

  /** A loop-free leaf: left without a frame under a wildcard. */
  static int inc(int n) {
    return n + 1;
  }

  /** A loop-free leaf with a branch: left without a frame too. */
  int clampCount(int most) {
    return count > most ? most : count;
  }

  /** A loop-free leaf, but marked: always framed. */
  @Frame
  static int marked(int n) {
    return n - 1;
  }

  /** A leaf with a loop: framed (a loop may run long, and a frame is a kill checkpoint). */
  static int spin(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += i;
    }
    return s;
  }

  /** Direct recursion through a call to a leaf: framed. */
  static int down(int n) {
    return n == 0 ? 0 : inc(down(n - 1));
  }

  /** Mutual recursion: {@code ping} and {@code pong} are both tiny and loop-free, but they call. */
  static int ping(int n) {
    return n == 0 ? 0 : pong(n - 1);
  }

  static int pong(int n) {
    return ping(n) + 1;
  }

  /** Recursion through an instance method and a virtual call. */
  int nest(int n) {
    count++;
    return n == 0 ? clampCount(10) : nest(n - 1);
  }

  /** Runs each recursion a million calls deep and says how it ended. */
  public static void main(String[] args) {
    System.out.println("small: " + down(10) + " " + ping(10) + " " + new Recursions().nest(10));
    report("down", () -> down(1_000_000));
    report("ping", () -> ping(1_000_000));
    report("nest", () -> new Recursions().nest(1_000_000));
    System.out.println("leaves: " + inc(1) + " " + marked(1) + " " + spin(4));
  }

  private static void report(String what, java.util.function.IntSupplier deep) {
    try {
      System.out.println(what + " returned " + deep.getAsInt());
    } catch (StackLimitExceededError e) {
      System.out.println(what + " failed: StackLimitExceededError");
    } catch (StackOverflowError e) {
      System.out.println(what + " failed: StackOverflowError");
    }
  }
}
