package itapps.legacy;

import dev.taskrt.Task;
import dev.taskrt.Tasks;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plain methods that the options name by pattern (or by a mapped annotation), with the annotation's
 * elements in braces: {@code tasks=...[handle]{mode=supervised,name=order}} and so on. Each method
 * prints what it runs as, and the test reads the same back from the recording.
 */
public final class PatternOptionsApp {
  /** Like Spring's {@code @Async}. */
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Async {}

  private PatternOptionsApp() {}

  static String where() {
    return Tasks.inTask() ? Tasks.current().name() : "no task";
  }

  static String handle(String order) {
    return order + " handled in " + where();
  }

  static CompletableFuture<String> send(String mail) {
    return CompletableFuture.completedFuture(mail + " sent in " + where());
  }

  @Async
  static CompletableFuture<String> later() {
    return CompletableFuture.completedFuture("later in " + where());
  }

  /** Named by a pattern too: the annotation wins. */
  @Task(name = "own")
  static String annotatedAndNamed() {
    return "annotated in " + where();
  }

  static String callOut() {
    return "state in foreign call: " + Tasks.current().state();
  }

  static String callOutOnOwnStack() {
    return "own-stack foreign call on "
        + Thread.currentThread().getName().replaceAll("\\d+$", "N")
        + " for task "
        + Tasks.current().name()
        + " in state "
        + Tasks.current().state();
  }

  static int risky(int x) {
    if (x > 0) {
      throw new IllegalStateException("risky with " + x);
    }
    return 100;
  }

  static int safe(int x) {
    return -x;
  }

  public static void main(String[] args) throws Exception {
    System.out.println(handle("o-1"));
    System.out.println(send("m-1").get(30, TimeUnit.SECONDS));
    System.out.println(later().get(30, TimeUnit.SECONDS));
    System.out.println(annotatedAndNamed());
    System.out.println(callOut());
    System.out.println(callOutOnOwnStack());
    try {
      System.out.println("risky: " + risky(4));
    } catch (IllegalStateException e) {
      System.out.println("risky threw: " + e.getMessage());
    }
  }
}
