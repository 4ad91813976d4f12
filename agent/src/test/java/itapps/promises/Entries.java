package itapps.promises;

import dev.taskrt.StackLimitExceededError;
import itapps.promises.lib.Entry;

/**
 * Under {@code frames=itapps.promises.lib.*[*],stackLimit=64k}: a recursion that enters the library
 * again and again through {@code Runnable}, a type no pattern covers ({@link Entry}). It fails with
 * {@link StackLimitExceededError}: the method entered keeps its frame, whose estimate counts the
 * methods below it that have none.
 */
public final class Entries {
  private Entries() {}

  public static void main(String[] args) {
    try {
      System.out.println("returned " + Entry.start(1_000_000));
    } catch (StackLimitExceededError e) {
      System.out.println("failed: StackLimitExceededError");
    } catch (StackOverflowError e) {
      System.out.println("failed: StackOverflowError");
    }
  }
}
