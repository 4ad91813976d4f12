package dev.taskrt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TaskListener provider registered in the test class path's META-INF/services. */
public final class RecordingListener implements TaskListener {
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Override
  public void onStart(TaskHandle<?> task) {
    if (task.name().startsWith("listened")) {
      SEEN.add("start " + task.name() + " on " + Thread.currentThread().getName());
    }
  }

  @Override
  public void onEnd(TaskHandle<?> task, TaskState outcome, Throwable failure) {
    if (task.name().startsWith("listened")) {
      SEEN.add(
          "end "
              + task.name()
              + " "
              + outcome
              + (failure == null ? "" : " " + failure.getMessage())
              + " on "
              + Thread.currentThread().getName());
      if (task.name().equals("listened-throwing")) {
        throw new IllegalStateException("a listener that throws");
      }
    }
  }
}
