package dev.taskrt.agent;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code jfr=FILE}: a recording with the agent's {@code taskrt.jfc} settings, written to the file
 * when the JVM exits. The kernel's shutdown sequence runs before the JVM's shutdown hooks (see the
 * {@code jdk} package's exit-path rewrite), so its at_exit and Shutdown events are in the file.
 */
final class JfrRecording {
  /** The settings file inside the agent jar. */
  static final String SETTINGS = "dev/taskrt/agent/taskrt.jfc";

  private JfrRecording() {}

  static void start(String file) {
    try (InputStream in = settings();
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Configuration configuration = Configuration.create(reader);
      Recording recording = new Recording(configuration);
      recording.setName("taskrt");
      recording.setToDisk(true);
      recording.setDestination(Path.of(file));
      recording.setDumpOnExit(true);
      recording.start();
    } catch (Exception | LinkageError e) {
      System.err.println("taskrt: jfr=" + file + ": could not start the recording: " + e);
    }
  }

  private static InputStream settings() throws java.io.IOException {
    InputStream in = ClassLoader.getSystemResourceAsStream(SETTINGS);
    if (in == null) {
      in = JfrRecording.class.getResourceAsStream("taskrt.jfc");
    }
    if (in == null) {
      throw new java.io.FileNotFoundException(SETTINGS + " is missing from the agent jar");
    }
    return in;
  }
}
