package itapps.legacy;

import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Methods carrying annotations of the application's own (as Spring's {@code @Async} would), which
 * {@code annotations=} maps to {@code @Spawn} and {@code @Task}.
 */
public final class MappedAnnotationsApp {
  /** Like Spring's {@code @Async}: runtime retention. */
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Async {}

  /** A class-retention annotation (not visible to reflection). */
  @Retention(RetentionPolicy.CLASS)
  public @interface Traced {}

  private MappedAnnotationsApp() {}

  static String where() {
    if (!Tasks.inTask()) {
      return "no task";
    }
    TaskHandle<?> me = Tasks.current();
    return me.name()
        + " (parent "
        + me.parent().map(TaskHandle::name).orElse("-")
        + ", thread "
        + (Thread.currentThread().getName().equals("main") ? "main" : "other")
        + ")";
  }

  @Async
  static CompletableFuture<String> later() {
    return CompletableFuture.completedFuture(where());
  }

  @Traced
  static String traced() {
    return where();
  }

  public static void main(String[] args) throws Exception {
    System.out.println("@Async: " + later().get(30, TimeUnit.SECONDS));
    System.out.println("@Traced: " + traced());
  }
}
