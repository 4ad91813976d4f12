package dev.taskrt.inspect.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * The JFR event stream from the watched JVM ({@link RemoteRecordingStream} over its {@code
 * FlightRecorderMXBean}). The stream makes a recording of its own in that JVM, with the settings of
 * the agent's {@code taskrt.jfc} plus the live-task snapshot at {@code top}'s interval, and closing
 * the stream stops and removes that recording; a recording the JVM already runs is left alone.
 * Chunks are shared by every recording in a JVM, so while {@code top} watches, a running {@code
 * jfr=FILE} recording also receives the snapshots.
 */
final class LiveStream implements AutoCloseable {
  /** Where the agent jar keeps its JFR settings. */
  static final String SETTINGS_RESOURCE = "dev/taskrt/agent/taskrt.jfc";

  /** How much of its own recording the JVM keeps on disk for the stream. */
  static final Duration MAX_AGE = Duration.ofMinutes(2);

  /** The taskrt events, for when the settings file is not on the class path. */
  private static final List<String> TASKRT_EVENTS =
      List.of(
          "TaskStart",
          "TaskEnd",
          "TaskFailure",
          "LinkedFailure",
          "Unwind",
          "StackSegment",
          "ForeignCall",
          "PipeBlocked",
          "AtExit",
          "Shutdown",
          "KernelStats");

  private final RemoteRecordingStream stream;
  private volatile boolean closed;

  private LiveStream(RemoteRecordingStream stream) {
    this.stream = stream;
  }

  /** Starts streaming {@code target}'s events into {@code model}. */
  static LiveStream start(TargetJvm target, LiveModel model, Duration interval)
      throws TopException {
    RemoteRecordingStream stream;
    try {
      stream = new RemoteRecordingStream(target.connection());
    } catch (IOException | RuntimeException e) {
      throw new TopException(
          TopException.NOT_ATTACHABLE,
          "taskrt: top: process "
              + target.pid
              + " offers no JFR streaming ("
              + e.getMessage()
              + "); it needs JDK 17 or later with the jdk.management.jfr module",
          e);
    }
    LiveStream live = new LiveStream(stream);
    stream.setSettings(settings(interval));
    stream.setMaxAge(MAX_AGE);
    stream.onEvent(model::accept);
    stream.onClose(() -> live.closed = true);
    stream.startAsync();
    return live;
  }

  /** {@code taskrt.jfc}'s settings with the snapshot and kernel counts at {@code interval}. */
  static Map<String, String> settings(Duration interval) {
    Map<String, String> settings = new HashMap<>();
    try (InputStream in =
        LiveStream.class.getClassLoader().getResourceAsStream(SETTINGS_RESOURCE)) {
      if (in != null) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          settings.putAll(Configuration.create(reader).getSettings());
        }
      }
    } catch (IOException | ParseException e) {
      settings.clear(); // fall back to the taskrt events alone
    }
    if (settings.isEmpty()) {
      for (String event : TASKRT_EVENTS) {
        settings.put("taskrt." + event + "#enabled", "true");
      }
    }
    // top reads the live tasks from snapshots, not from every task's start and end: a stream of
    // TaskStart and TaskEnd events of short tasks costs the watched JVM several times what
    // recording them does (the chunks are read back and sent over JMX; measured by the bench's
    // LiveViewBench), so its own recording leaves both off. Ages come from the snapshots.
    settings.put("taskrt.TaskStart#enabled", "false");
    settings.put("taskrt.TaskEnd#enabled", "false");
    String period = interval.toMillis() + " ms";
    settings.put("taskrt.KernelStats#enabled", "true");
    settings.put("taskrt.KernelStats#period", period);
    settings.put("taskrt.LiveTasks#enabled", "true");
    settings.put("taskrt.LiveTasks#period", period);
    settings.put("taskrt.LiveTask#enabled", "true");
    settings.put("taskrt.LiveTask#stackTrace", "false");
    return settings;
  }

  /** Whether the stream has ended (the JVM went away, or {@link #close} was called). */
  boolean isClosed() {
    return closed;
  }

  /** Stops the stream and the recording it made in the JVM. */
  @Override
  public void close() {
    closed = true;
    try {
      stream.close();
    } catch (RuntimeException e) {
      // the JVM may be gone, and its recording with it
    }
  }
}
