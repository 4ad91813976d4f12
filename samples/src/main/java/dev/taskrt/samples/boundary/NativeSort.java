package dev.taskrt.samples.boundary;

import dev.taskrt.Boundary;
import dev.taskrt.Foreign;
import dev.taskrt.Task;
import java.util.Arrays;

/**
 * Sorts sensor readings with the C library's {@code qsort} (through JNI), comparing in Java.
 *
 * <p>The comparator refuses a corrupt reading (a negative one) by throwing. Without taskrt that
 * exception is left pending inside native code while {@code qsort} keeps calling back into the JVM,
 * which JNI forbids ({@code -Xcheck:jni} reports "JNI call made with exception pending" for each
 * such call), and then ends the program when the native call returns. With the agent,
 * {@code @Boundary} catches the failure at the callback: the task records it, and the callback
 * returns its fallback (the two readings compare equal), so native code never sees an exception and
 * the program goes on.
 *
 * <p>Needs {@code libnativesort.so} (from {@code samples/src/main/native/native_sort.c}) on {@code
 * java.library.path}.
 */
public final class NativeSort {
  private NativeSort() {}

  /** Sorts {@code values} in place with qsort; returns how many comparisons qsort asked for. */
  static native int sort(int[] values);

  /** Sorts two batches of readings, the second with a corrupt one. */
  public static void main(String[] args) {
    System.loadLibrary("nativesort");
    sortBatch(new int[] {42, 7, 19, 3, 28});
    sortBatch(new int[] {42, 7, -1, 3, 28});
    System.out.println("still running after both batches");
  }

  /** Sorts one batch as a task, so a failure inside it is recorded against it. */
  @Task(name = "sort-batch")
  static void sortBatch(int[] readings) {
    int[] sorted = readings.clone();
    int comparisons = sortNatively(sorted);
    System.out.println(
        Arrays.toString(readings)
            + " -> "
            + Arrays.toString(sorted)
            + " ("
            + comparisons
            + " comparisons)");
  }

  /** The call into native code: the task is FOREIGN while it lasts. */
  @Foreign
  static int sortNatively(int[] values) {
    return sort(values);
  }

  /**
   * Called back from C for every pair: no failure may leave it, or it would cross into qsort.
   *
   * @throws IllegalArgumentException (caught by the boundary) for a corrupt, negative reading
   */
  @Boundary(fallback = "tie")
  static int compare(int left, int right) {
    if (left < 0 || right < 0) {
      throw new IllegalArgumentException("corrupt reading " + Math.min(left, right));
    }
    return Integer.compare(left, right);
  }

  /** The boundary's answer when {@link #compare} fails: the two readings compare equal. */
  static int tie(int left, int right) {
    return 0;
  }
}
