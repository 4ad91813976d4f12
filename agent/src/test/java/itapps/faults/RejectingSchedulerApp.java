package itapps.faults;

import dev.taskrt.Kernel;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.concurrent.RejectedExecutionException;

/**
 * A user's scheduler that refuses every body: the spawn fails cleanly and nothing stays live. The
 * spawns are supervised: a refused LINKED spawn fails like any linked child and kills its parent.
 */
public final class RejectingSchedulerApp {
  private RejectingSchedulerApp() {}

  public static void main(String[] args) {
    Kernel.schedulers()
        .register(
            "full",
            body -> {
              throw new RejectedExecutionException("queue full");
            });
    long before = Kernel.liveTasks();
    for (int i = 0; i < 3; i++) {
      try {
        TaskHandle<String> refused =
            Tasks.builder()
                .name("refused")
                .mode(SpawnMode.SUPERVISED)
                .scheduler("full")
                .spawn(() -> "ran (it should not)");
        System.out.println("spawn returned a handle in state " + refused.state());
        refused.join();
        System.out.println("join returned (it should not)");
      } catch (TaskFailedException e) {
        System.out.println("join threw TaskFailedException: " + e.getCause());
      } catch (RuntimeException e) {
        System.out.println("spawn threw " + e);
      }
    }
    System.out.println("live tasks unchanged: " + (Kernel.liveTasks() == before));
    System.out.println("default scheduler after: " + Tasks.spawn(() -> 6 * 7).join());
  }
}
