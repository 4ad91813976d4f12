package dev.taskrt.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned strings (task names, scheduler names, thread names) by index, with a cap so a recording
 * of a million differently named tasks stays bounded. A task's default name, {@code task-<id>}, is
 * not stored at all: it is {@link #DEFAULT_NAME} and rebuilt from the id.
 */
final class StringTable {
  /** The name is {@code task-<id>}. */
  static final int DEFAULT_NAME = -2;

  /** Not known (never seen, or seen after the table was full). */
  static final int UNKNOWN = -1;

  private final int cap;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final List<String> values = new ArrayList<>();

  StringTable(int cap) {
    this.cap = cap;
  }

  /** The index of {@code value}, added if new; {@link #UNKNOWN} when full or null. */
  int intern(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    Integer index = indexes.get(value);
    if (index != null) {
      return index;
    }
    if (values.size() >= cap) {
      return UNKNOWN;
    }
    int next = values.size();
    values.add(value);
    indexes.put(value, next);
    return next;
  }

  /** The index of a task's name, {@link #DEFAULT_NAME} for {@code task-<id>}. */
  int internTaskName(String name, long id) {
    if (name != null && name.startsWith("task-") && name.equals("task-" + id)) {
      return DEFAULT_NAME;
    }
    return intern(name);
  }

  /** The string at {@code index}, or {@code fallback} for {@link #UNKNOWN}. */
  String get(int index, String fallback) {
    return index >= 0 && index < values.size() ? values.get(index) : fallback;
  }

  /** A task's name from its index. */
  String taskName(int index, long id) {
    if (index == DEFAULT_NAME) {
      return "task-" + id;
    }
    return get(index, "?");
  }

  int size() {
    return values.size();
  }
}
