package itapps.faults;

import dev.taskrt.TaskHandle;
import dev.taskrt.TaskListener;
import dev.taskrt.TaskState;

/** A {@link TaskListener} (found through ServiceLoader) that throws from both callbacks. */
public final class ThrowingListener implements TaskListener {
  @Override
  public void onStart(TaskHandle<?> task) {
    throw new IllegalStateException("listener broke at the start of " + task.name());
  }

  @Override
  public void onEnd(TaskHandle<?> task, TaskState outcome, Throwable failure) {
    throw new IllegalStateException("listener broke at the end of " + task.name());
  }
}
