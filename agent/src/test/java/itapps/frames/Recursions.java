package itapps.frames;

import dev.taskrt.Frame;
import dev.taskrt.StackLimitExceededError;
import dev.taskrt.Tasks;

/**
 * Methods for {@code frames=itapps.frames.*[*]}: loop-free leaves (left without a frame), a leaf
 * marked {@code @Frame} (framed), recursions, direct and mutual, whose cycles pass through small
 * loop-free methods (framed: each can reach itself), small loop-free methods that call only exactly
 * within the class or closed JDK methods (left without a frame), a recursion through one of those,
 * and small loop-free methods with one call that needs a frame (framed at that call), with a
 * recursion through them along a virtual call and an exception out of such a call. Run under {@code
 * stackLimit=64k}, each recursion fails its task with {@link StackLimitExceededError} long before
 * the thread's stack runs out.
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

  /** Calls only a leaf of its own class: left without a frame (a pass-through). */
  static int twice(int n) {
    return inc(inc(n));
  }

  /** Calls only a JDK method that runs no code of anyone else's: left without a frame. */
  static int clampLow(int n) {
    return Math.max(n, 0);
  }

  /** Calls a JDK method that may call the application back ({@code toString}): framed. */
  static String show(Object o) {
    return String.valueOf(o);
  }

  /**
   * A recursion through a method left without a frame: {@code step} is a pass-through (it only
   * calls {@code walk}, exactly, in its own class), {@code walk} keeps its frame (it has a loop),
   * so every trip still adds {@code walk}'s frame.
   */
  static int walk(int n) {
    int s = 0;
    for (int i = 0; i < 2; i++) {
      s += i;
    }
    return n == 0 ? s : step(n);
  }

  static int step(int n) {
    return walk(n - 1) + 1;
  }

  /** A leaf of 144 bytes (12 slots of locals, 4 of stack): left out. */
  static long wide(long a, long b, long c, long d, long e, long f) {
    return a + b + c + d + e + f;
  }

  /** A pass-through whose chain (144 + 144 bytes) is over 256 bytes: keeps its frame. */
  static long widely(long x, long y) {
    return wide(x, y, x, y, x, y);
  }

  /** A class that may be extended: a virtual call on it may reach an override. */
  static class Open {
    int value;

    int get() {
      return value;
    }

    /** Calls {@code get} virtually, and a subclass may override it: framed. */
    int viaVirtual() {
      return get();
    }

    /** A final leaf. */
    final int fixed() {
      return value + 1;
    }

    /** Calls a final method of its own class: exact, so left without a frame. */
    int viaFinal() {
      return fixed();
    }
  }

  /**
   * Framed at its one call, which it makes only for a negative {@code n}: the frame is entered only
   * on that path.
   */
  static int checked(int n) {
    return n >= 0 ? n : Checks.reject(n);
  }

  /** One call, inside a handler of its own: framed on entry. */
  static String safeShow(Object o) {
    try {
      return String.valueOf(o);
    } catch (RuntimeException e) {
      return "?";
    }
  }

  /** One call, to taskrt (a hook for this frame): framed on entry. */
  static void hooked(Runnable hook) {
    Tasks.onUnwind(hook);
  }

  /** Throws for {@link #checked}. */
  static final class Checks {
    private Checks() {}

    static int reject(int n) {
      throw new IllegalArgumentException("negative");
    }
  }

  /**
   * A recursion through methods framed at their one call, along a virtual call: {@code viaVirtual}
   * calls {@code get}, which this class overrides to call {@code viaVirtual} again.
   */
  static final class Echo extends Open {
    private int left;

    Echo(int left) {
      this.left = left;
    }

    @Override
    int get() {
      return left-- == 0 ? 0 : viaVirtual() + 1;
    }
  }

  /** Runs each recursion a million calls deep and says how it ended. */
  public static void main(String[] args) {
    System.out.println("small: " + down(10) + " " + ping(10) + " " + new Recursions().nest(10));
    report("down", () -> down(1_000_000));
    report("ping", () -> ping(1_000_000));
    report("nest", () -> new Recursions().nest(1_000_000));
    report("walk", () -> walk(1_000_000));
    report("echo", () -> new Echo(1_000_000).get());
    // an exception out of the one call a frame was taken around leaves that frame: were it
    // left on the task's stack, a thousand or two of them would pass the 64k limit
    int caught = 0;
    for (int i = 0; i < 100_000; i++) {
      try {
        checked(-i - 1);
      } catch (IllegalArgumentException e) {
        caught++;
      }
    }
    hooked(() -> {});
    System.out.println(
        "one-call frames: "
            + checked(5)
            + " "
            + caught
            + " caught, then "
            + down(100)
            + " "
            + safeShow(8));
    System.out.println("leaves: " + inc(1) + " " + marked(1) + " " + spin(4));
    Open open = new Open();
    System.out.println(
        "pass-throughs: "
            + twice(1)
            + " "
            + clampLow(-5)
            + " "
            + show(7)
            + " "
            + widely(1, 2)
            + " "
            + open.viaVirtual()
            + " "
            + open.viaFinal());
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
