package itapps.safe;

import dev.taskrt.Tasks;

/**
 * Main returns while a strong task, {@code worker}, still runs; the worker ends by itself about two
 * seconds later.
 */
public final class StrongTaskOutlivesMainApp {
  private StrongTaskOutlivesMainApp() {}

  public static void main(String[] args) {
    Tasks.builder()
        .name("worker")
        .spawn(
            () -> {
              Thread.sleep(2000);
              System.out.println("worker done");
              return null;
            });
    System.out.println("main returns");
  }
}
