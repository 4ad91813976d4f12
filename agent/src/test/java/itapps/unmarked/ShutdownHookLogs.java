package itapps.unmarked;

import java.util.logging.Logger;

/**
 * A shutdown hook that logs (to stderr) and prints. The hook writes its log line itself: a
 * java.util.logging handler may already be closed by the LogManager's own shutdown hook, which the
 * JVM runs concurrently, so whether a JUL record from a hook appears is a race without the agent.
 */
public final class ShutdownHookLogs {
  private ShutdownHookLogs() {}

  public static void main(String[] args) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%n");
    Logger log = Logger.getLogger("app.lifecycle");
    log.info("starting");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("hook: closing");
                  System.err.println("WARNING app.lifecycle: hook: flushing state");
                  System.out.println("hook: closed");
                },
                "closer"));
    System.out.println("main returns");
  }
}
