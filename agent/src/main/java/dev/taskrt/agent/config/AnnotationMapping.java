package dev.taskrt.agent.config;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of {@code annotations=}: other annotations the agent treats as taskrt's, for example
 * {@code
 * org.springframework.scheduling.annotation.Async=Spawn{mode=unlinked};com.acme.Traced=Frame}. A
 * mapped annotation's own elements are not read: the method gets the taskrt annotation's defaults,
 * or the elements given in braces after the kind ({@link PatternOptions}). Immutable.
 */
public final class AnnotationMapping {
  /** The valid forms, as messages name them. */
  public static final String FORMS =
      "Annotation=Kind;Annotation=Kind with Kind one of Task, Spawn, Frame, Foreign, Boundary,"
          + " AtExit, optionally followed by the annotation's elements in braces, e.g."
          + " org.springframework.scheduling.annotation.Async=Spawn{mode=unlinked}";

  private static final List<String> KINDS =
      List.of("Task", "Spawn", "Frame", "Foreign", "Boundary", "AtExit");

  /** No mapping. */
  public static final AnnotationMapping NONE = new AnnotationMapping(Map.of(), Map.of());

  private final Map<String, String> kindByDescriptor;
  private final Map<String, PatternOptions> optionsByDescriptor;
  private final byte[][] descriptors;

  private AnnotationMapping(
      Map<String, String> kindByDescriptor, Map<String, PatternOptions> optionsByDescriptor) {
    this.kindByDescriptor = Map.copyOf(kindByDescriptor);
    this.optionsByDescriptor = Map.copyOf(optionsByDescriptor);
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
    Map<String, PatternOptions> options = new LinkedHashMap<>();
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
      String[] split = PatternOptions.splitBraces(p.substring(eq + 1).trim());
      String kind = split[0];
      if (name.isEmpty()
          || !name.matches("[\\p{javaJavaIdentifierPart}.$]+")
          || name.startsWith(".")) {
        throw new IllegalArgumentException("'" + name + "' is not an annotation's class name");
      }
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "'" + kind + "' is not one of " + String.join(", ", KINDS));
      }
      String descriptor = "L" + name.replace('.', '/') + ";";
      map.put(descriptor, kind);
      options.put(
          descriptor,
          split[1] == null ? PatternOptions.NONE : PatternOptions.parse(split[1], kind));
    }
    return new AnnotationMapping(map, options);
  }

  /** Whether any annotation is mapped. */
  public boolean isEmpty() {
    return kindByDescriptor.isEmpty();
  }

  /** The taskrt annotation ({@code Spawn}, ...) an annotation's descriptor maps to, or null. */
  public String kindOf(String descriptor) {
    return kindByDescriptor.get(descriptor);
  }

  /**
   * The options in braces of the mapping of that descriptor; {@link PatternOptions#NONE} without.
   */
  public PatternOptions optionsOf(String descriptor) {
    return optionsByDescriptor.getOrDefault(descriptor, PatternOptions.NONE);
  }

  /** Each mapping with bad braces, as {@code Name=Kind{...}} text, and what is wrong. */
  public Map<String, String> problems() {
    Map<String, String> problems = new LinkedHashMap<>();
    optionsByDescriptor.forEach(
        (d, o) -> {
          if (o.problem() != null) {
            problems.put(
                d.substring(1, d.length() - 1).replace('/', '.') + "=" + kindByDescriptor.get(d),
                o.problem());
          }
        });
    return problems;
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
