package dev.taskrt.inspect.live;

import java.util.Comparator;
import java.util.Map;

/** How {@code top} orders the live tasks, and the key that picks each order. */
enum SortOrder {
  /** Longest-running first. */
  DURATION('d', "duration"),
  /** By name, then id. */
  NAME('n', "name"),
  /** Blocked, foreign and unwinding before running; longest first within a state. */
  STATE('s', "state"),
  /** Oldest id first. */
  ID('i', "id");

  private static final Map<String, Integer> STATE_RANK =
      Map.of("BLOCKED", 0, "FOREIGN", 1, "UNWINDING", 2, "RUNNING", 3);

  /** The key that selects this order. */
  final char key;

  /** The order's name as the screen shows it. */
  final String label;

  SortOrder(char key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The order a key selects, or null. */
  static SortOrder forKey(int key) {
    for (SortOrder order : values()) {
      if (order.key == Character.toLowerCase((char) key)) {
        return order;
      }
    }
    return null;
  }

  /** The comparator for rows. */
  Comparator<LiveSnapshot.Row> comparator() {
    Comparator<LiveSnapshot.Row> longest =
        Comparator.comparingLong(LiveSnapshot.Row::ageNanos)
            .reversed()
            .thenComparingLong(LiveSnapshot.Row::id);
    switch (this) {
      case NAME:
        return Comparator.comparing(LiveSnapshot.Row::name).thenComparingLong(LiveSnapshot.Row::id);
      case STATE:
        return Comparator.<LiveSnapshot.Row>comparingInt(r -> STATE_RANK.getOrDefault(r.state(), 9))
            .thenComparing(longest);
      case ID:
        return Comparator.comparingLong(LiveSnapshot.Row::id);
      default:
        return longest;
    }
  }
}
