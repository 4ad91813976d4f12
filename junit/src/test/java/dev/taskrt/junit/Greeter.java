package dev.taskrt.junit;

import dev.taskrt.Spawn;
import dev.taskrt.SpawnMode;
import dev.taskrt.Task;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Code under test: annotated methods that the agent turns into tasks. */
public class Greeter {
  /** Runs as a task of its own; says which task it ran as and which task spawned it. */
  @Spawn(mode = SpawnMode.SUPERVISED)
  public CompletableFuture<String> greetLater(String who) {
    return CompletableFuture.completedFuture(greeting(who));
  }

  /** Runs as a synchronous child task on the caller's thread. */
  @Task
  public String greetNow(String who) {
    return greeting(who);
  }

  /** Starts a task that never ends by itself; nobody is linked to it. */
  @Spawn(mode = SpawnMode.UNLINKED)
  public TaskHandle<Void> waitForever() {
    Tasks.sleep(Duration.ofDays(1));
    return null;
  }

  /** Starts a task that fails; nobody is linked to it. */
  @Spawn(mode = SpawnMode.UNLINKED)
  public TaskHandle<Void> failLater(String why) {
    throw new IllegalStateException(why);
  }

  /** Starts a task that fails; linked to its parent, which its failure kills. */
  @Spawn
  public void failLinked(String why) {
    throw new IllegalStateException(why);
  }

  private static String greeting(String who) {
    TaskHandle<?> self = Tasks.current();
    String parent = self.parent().map(TaskHandle::name).orElse("none");
    return "hello " + who + " from task " + self.name() + ", child of " + parent;
  }
}
