package itapps.unmarked;

/**
 * One thread dies of an uncaught exception (the JVM's default handler prints it), another has its
 * own handler; main goes on and ends normally.
 */
public final class UncaughtInThread {
  private UncaughtInThread() {}

  public static void main(String[] args) throws Exception {
    Thread plain =
        new Thread(
            () -> {
              throw new IllegalArgumentException("worker broke");
            },
            "worker");
    plain.start();
    plain.join();
    System.out.println("main saw the worker end");
    Thread handled =
        new Thread(
            () -> {
              throw new UnsupportedOperationException("handled broke");
            },
            "handled");
    handled.setUncaughtExceptionHandler(
        (t, e) -> System.out.println("handler of " + t.getName() + " got " + e));
    handled.start();
    handled.join();
    System.out.println("main returns");
  }
}
