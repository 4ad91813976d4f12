package itapps.unmarked;

/** Main starts two non-daemon threads and returns; the JVM waits for both. */
public final class MainReturnsWhileThreadsRun {
  private MainReturnsWhileThreadsRun() {}

  public static void main(String[] args) {
    Thread first =
        new Thread(
            () -> {
              sleep(200);
              System.out.println("first thread done");
            },
            "first");
    Thread second =
        new Thread(
            () -> {
              try {
                first.join();
              } catch (InterruptedException e) {
                System.out.println("second thread interrupted");
                return;
              }
              sleep(100);
              System.out.println("second thread done");
            },
            "second");
    first.start();
    second.start();
    System.out.println("main returns");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      System.out.println(Thread.currentThread().getName() + " interrupted");
      Thread.currentThread().interrupt();
    }
  }
}
