package itapps.faults;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;

/** Tasks that succeed and fail while a listener throws on every callback. */
public final class ListenerApp {
  private ListenerApp() {}

  public static void main(String[] args) {
    for (int i = 0; i < 3; i++) {
      TaskHandle<Integer> ok = Tasks.builder().name("ok").spawn(() -> 42);
      System.out.println("ok -> " + ok.join() + " " + ok.state());
      TaskHandle<Integer> bad =
          Tasks.builder()
              .name("bad")
              .mode(SpawnMode.SUPERVISED)
              .spawn(
                  () -> {
                    throw new IllegalArgumentException("bad on purpose");
                  });
      try {
        bad.join();
        System.out.println("bad -> returned (it should not)");
      } catch (TaskFailedException e) {
        System.out.println("bad -> " + e.getCause() + " " + bad.state());
      }
    }
  }
}
