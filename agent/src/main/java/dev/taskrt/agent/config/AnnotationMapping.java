package dev.taskrt.agent.config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of {@code annotations=}: other annotations the agent treats as taskrt's, for example
 * {@code org.springframework.scheduling.annotation.Async=Spawn;com.acme.Traced=Frame}. A mapped
 * annotation brings no options of its own: the method gets the defaults of the taskrt annotation.
 * Immutable.
 */
public final class AnnotationMapping {
  /** The valid forms, as messages name them. */
  public static final String FORMS =
      "Annotation=Kind;Annotation=Kind with Kind one of Task, Spawn, Frame, Foreign, Boundary,"
          + " AtExit, e.g. org.springframework.scheduling.annotation.Async=Spawn";

  private static final List<String> KINDS =
      List.of("Task", "Spawn", "Frame", "Foreign", "Boundary", "AtExit");

  /** No mapping. */
  public static final AnnotationMapping NONE = new AnnotationMapping(Map.of());

  private final Map<String, String> kindByDescriptor;
  private final byte[][] descriptors;

  private AnnotationMapping(Map<String, String> kindByDescriptor) {
    this.kindByDescriptor = Map.copyOf(kindByDescriptor);
    this.descriptors = new byte[kindByDescriptor.size()][];
    int i = 0;
    for (String d : kindByDescriptor.keySet()) {
      descriptors[i++] = d.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Parses the option's value.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static AnnotationMapping parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the value is empty");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : text.split(";", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("an empty part between ';'");
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("'" + p + "' has no '=Kind'");
      }
      String name = p.substring(0, eq).trim();
      String kind = p.substring(eq + 1).trim();
      if (name.isEmpty()
          || !name.matches("[\\p{javaJavaIdentifierPart}.$]+")
          || name.startsWith(".")) {
        throw new IllegalArgumentException("'" + name + "' is not an annotation's class name");
      }
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "'" + kind + "' is not one of " + String.join(", ", KINDS));
      }
      map.put("L" + name.replace('.', '/') + ";", kind);
    }
    return new AnnotationMapping(map);
  }

  /** Whether any annotation is mapped. */
  public boolean isEmpty() {
    return kindByDescriptor.isEmpty();
  }

  /** The taskrt annotation ({@code Spawn}, ...) an annotation's descriptor maps to, or null. */
  public String kindOf(String descriptor) {
    return kindByDescriptor.get(descriptor);
  }

  /** Whether the class file's bytes mention a mapped annotation's descriptor at all. */
  public boolean mentionedIn(byte[] classFile) {
    for (byte[] d : descriptors) {
      if (indexOf(classFile, d) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] b, byte[] needle) {
    outer:
    for (int i = 0, last = b.length - needle.length; i <= last; i++) {
      if (b[i] != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
