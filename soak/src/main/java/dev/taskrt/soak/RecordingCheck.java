package dev.taskrt.soak;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a recording says about the tasks of a run: how many started and ended, which started and
 * never ended, and outcomes by task name.
 */
public record RecordingCheck(
    long started,
    long ended,
    Map<Long, String> neverEnded,
    Map<String, Map<String, Long>> outcomesByName,
    Map<String, Long> outcomes) {

  /** Reads the recording's TaskStart and TaskEnd events. */
  public static RecordingCheck read(Path recording) throws IOException {
    Map<Long, String> open = new HashMap<>();
    Set<Long> endedIds = new HashSet<>();
    Map<String, Map<String, Long>> byName = new TreeMap<>();
    Map<String, Long> outcomes = new TreeMap<>();
    long started = 0;
    long ended = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        String type = e.getEventType().getName();
        if (type.equals("taskrt.TaskStart")) {
          started++;
          long id = e.getLong("taskId");
          if (!endedIds.remove(id)) {
            open.put(id, e.getString("taskName"));
          }
        } else if (type.equals("taskrt.TaskEnd")) {
          ended++;
          long id = e.getLong("taskId");
          // Events of different threads are not ordered in the file: an end may come first.
          if (open.remove(id) == null) {
            endedIds.add(id);
          }
          String outcome = e.getString("outcome");
          outcomes.merge(outcome, 1L, Long::sum);
          byName
              .computeIfAbsent(group(e.getString("taskName")), k -> new TreeMap<>())
              .merge(outcome, 1L, Long::sum);
        }
      }
    }
    return new RecordingCheck(started, ended, open, byName, outcomes);
  }

  /** Task names with numbers in them (worker-0, pool-1-thread-3) are grouped. */
  private static String group(String name) {
    return name == null ? "(none)" : name.replaceAll("[0-9]+", "N");
  }
}
