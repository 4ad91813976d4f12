package com.example.orders;

import dev.taskrt.Spawn;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.concurrent.CompletableFuture;

/** Confirms orders in the background: each confirmation is a task of its own. */
public class OrderService {
  /** Returns at once; the body runs as the task {@code OrderService.confirm}. */
  @Spawn(mode = SpawnMode.SUPERVISED)
  public CompletableFuture<String> confirm(String orderId) {
    TaskHandle<?> self = Tasks.current();
    String parent = self.parent().map(TaskHandle::name).orElse("none");
    return CompletableFuture.completedFuture(
        orderId + " confirmed by task " + self.name() + " for " + parent);
  }
}
