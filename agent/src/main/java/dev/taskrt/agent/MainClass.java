package dev.taskrt.agent;

import java.io.IOException;
import java.util.jar.JarFile;

/** Finds the application's main class from the launcher's {@code sun.java.command} property. */
final class MainClass {
  private MainClass() {}

  /**
   * The main class's internal name ({@code com/acme/Main}), or null when the launcher does not say
   * (source-file mode, an embedded JVM).
   */
  static String find() {
    String command = System.getProperty("sun.java.command", "").trim();
    if (command.isEmpty()) {
      return null;
    }
    int space = command.indexOf(' ');
    String first = space < 0 ? command : command.substring(0, space);
    if (first.endsWith(".java")) {
      return null;
    }
    if (first.endsWith(".jar")) {
      try (JarFile jar = new JarFile(first)) {
        var manifest = jar.getManifest();
        String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
        return main == null ? null : main.trim().replace('.', '/');
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
    int slash = first.indexOf('/');
    if (slash >= 0) {
      first = first.substring(slash + 1); // -m module/class
    }
    return first.replace('.', '/');
  }
}
