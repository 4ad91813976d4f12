package dev.taskrt.inspect.programs;

import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The floor for inspect's reading time: the same {@code RecordingFile.readEvent} loop over a
 * recording, reading one field of each TaskEnd and nothing else. Run beside {@code inspect} on the
 * same file to compare (docs/PERFORMANCE.md, "Inspect").
 */
public final class ReadEventsOnly {
  private ReadEventsOnly() {}

  public static void main(String[] args) throws Exception {
    long events = 0;
    long sum = 0;
    try (RecordingFile in = new RecordingFile(Path.of(args[0]))) {
      while (in.hasMoreEvents()) {
        RecordedEvent event = in.readEvent();
        events++;
        if (event.getEventType().getName().equals("taskrt.TaskEnd")) {
          sum += event.getLong("taskId");
        }
      }
    }
    System.out.printf("%,d events (checksum %d)%n", events, sum);
  }
}
