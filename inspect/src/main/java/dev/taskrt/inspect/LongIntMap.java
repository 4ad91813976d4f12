package dev.taskrt.inspect;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to non-negative {@code int} values: task id to row,
 * thread id to index. Twelve bytes a slot at most half full, no boxing, so a million tasks cost
 * about 24 MiB here instead of the ~80 MiB of a {@code HashMap<Long, Integer>}.
 */
final class LongIntMap {
  private static final int MISSING = -1;

  private long[] keys;
  private int[] values;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, MISSING);
  }

  /** The value for {@code key}, or -1. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      int v = values[i];
      if (v == MISSING) {
        return MISSING;
      }
      if (keys[i] == key) {
        return v;
      }
    }
  }

  /** Maps {@code key} to {@code value} (which must be >= 0). */
  void put(long key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (values[i] == MISSING) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    Arrays.fill(values, MISSING);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != MISSING) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
