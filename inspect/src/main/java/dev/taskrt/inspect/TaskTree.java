package dev.taskrt.inspect;

import java.util.Arrays;

/**
 * The task tree over the rows of a {@link TaskTable}, in int arrays (12 bytes a task): first child,
 * next sibling, and the size of each subtree with how many of its tasks did not end DONE. A task
 * whose parent is not in the recording (it started before the recording) is a root.
 */
final class TaskTree {
  final int[] roots;
  private final int[] firstChild;
  private final int[] nextSibling;
  private final int[] subtreeSize;
  private final int[] subtreeTroubled;

  TaskTree(TaskTable tasks) {
    int n = tasks.size();
    firstChild = new int[n];
    nextSibling = new int[n];
    Arrays.fill(firstChild, -1);
    Arrays.fill(nextSibling, -1);
    int rootCount = 0;
    int[] parentRow = new int[n];
    for (int row = n - 1; row >= 0; row--) {
      long parent = tasks.parent(row);
      int p = parent == 0 ? -1 : tasks.row(parent);
      if (p == row) {
        p = -1;
      }
      parentRow[row] = p;
      if (p < 0) {
        rootCount++;
      } else {
        nextSibling[row] = firstChild[p];
        firstChild[p] = row;
      }
    }
    roots = new int[rootCount];
    int r = 0;
    for (int row = 0; row < n; row++) {
      if (parentRow[row] < 0) {
        roots[r++] = row;
      }
    }
    sortByStart(tasks, roots);
    subtreeSize = new int[n];
    subtreeTroubled = new int[n];
    // post-order without recursion: visit order from roots, then accumulate in reverse
    int[] order = new int[n];
    int count = 0;
    int[] stack = new int[Math.max(1, n)];
    for (int root : roots) {
      int top = 0;
      stack[top++] = root;
      while (top > 0) {
        int row = stack[--top];
        order[count++] = row;
        for (int c = firstChild[row]; c >= 0; c = nextSibling[c]) {
          stack[top++] = c;
        }
      }
    }
    for (int i = count - 1; i >= 0; i--) {
      int row = order[i];
      subtreeSize[row] += 1;
      if (tasks.outcome(row) != TaskTable.DONE) {
        subtreeTroubled[row] += 1;
      }
      int p = parentRow[row];
      if (p >= 0) {
        subtreeSize[p] += subtreeSize[row];
        subtreeTroubled[p] += subtreeTroubled[row];
      }
    }
  }

  /** The children of {@code row}, in start order. */
  int[] children(TaskTable tasks, int row) {
    int n = 0;
    for (int c = firstChild[row]; c >= 0; c = nextSibling[c]) {
      n++;
    }
    int[] list = new int[n];
    int i = 0;
    for (int c = firstChild[row]; c >= 0; c = nextSibling[c]) {
      list[i++] = c;
    }
    sortByStart(tasks, list);
    return list;
  }

  boolean hasChildren(int row) {
    return firstChild[row] >= 0;
  }

  /** Tasks in the subtree of {@code row}, itself included. */
  int subtreeSize(int row) {
    return subtreeSize[row];
  }

  /** Tasks in the subtree of {@code row} that did not end DONE. */
  int subtreeTroubled(int row) {
    return subtreeTroubled[row];
  }

  /** Sorts rows by start time, then id; boxed-free (a merge sort on long keys). */
  static void sortByStart(TaskTable tasks, int[] rows) {
    if (rows.length < 2) {
      return;
    }
    long[] keys = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      keys[i] = tasks.start(rows[i]);
    }
    // sort indexes by key with a primitive sort on (key, position) packed pairs when possible
    Integer[] boxed = null;
    if (rows.length <= 4096) {
      boxed = new Integer[rows.length];
      for (int i = 0; i < rows.length; i++) {
        boxed[i] = i;
      }
      Arrays.sort(
          boxed,
          (a, b) -> {
            int c = Long.compare(keys[a], keys[b]);
            return c != 0 ? c : Long.compare(tasks.id(rows[a]), tasks.id(rows[b]));
          });
      int[] copy = rows.clone();
      for (int i = 0; i < rows.length; i++) {
        rows[i] = copy[boxed[i]];
      }
      return;
    }
    int[] idx = new int[rows.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    int[] tmp = new int[rows.length];
    mergeSort(idx, tmp, 0, idx.length, keys);
    int[] copy = rows.clone();
    for (int i = 0; i < rows.length; i++) {
      rows[i] = copy[idx[i]];
    }
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] keys) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, keys);
    mergeSort(a, tmp, mid, to, keys);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      tmp[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < to) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, from, a, from, to - from);
  }
}
