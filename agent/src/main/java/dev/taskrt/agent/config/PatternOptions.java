package dev.taskrt.agent.config;

import dev.taskrt.SpawnMode;
import dev.taskrt.internal.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The annotation options in braces after a pattern or a mapping ({@code
 * com.acme.Mailer[send]{weak=true,scheduler=platform}}, {@code
 * org.acme.Async=Spawn{mode=unlinked}}): the elements of the taskrt annotation the pattern stands
 * for, each checked like an option. Valid keys are that annotation's own elements. When any is not
 * valid, {@link #problem} says which and what is valid, and the options are dropped: the pattern
 * applies with the annotation's defaults. Immutable.
 *
 * @param values the valid options by element name ({@code mode} as a {@link SpawnMode} name, {@code
 *     weak} as {@code true}/{@code false}, the others as written), in the order given
 * @param problem what is wrong with the braces, or null
 */
public record PatternOptions(Map<String, String> values, String problem) {
  /** No braces. */
  public static final PatternOptions NONE = new PatternOptions(Map.of(), null);

  /** How the braces are written, for the valid forms of the pattern keys. */
  static final String FORMS = "{key=value,...} after a pattern sets the annotation's elements";

  /** The elements each annotation kind has, as braces may set them. */
  public static List<String> keysOf(String kind) {
    switch (kind) {
      case "Task":
        return List.of("name", "mode", "stackLimit", "stackSize");
      case "Spawn":
        return List.of("name", "mode", "stackLimit", "stackSize", "scheduler", "weak");
      case "Foreign":
        return List.of("headroom", "stackSize");
      case "Boundary":
        return List.of("fallback");
      default:
        return List.of();
    }
  }

  /** Whether braces were given and are valid. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Parses the text between the braces for an annotation of {@code kind} ({@code Task}, ...). Never
   * throws: what is wrong goes into {@link #problem}.
   */
  static PatternOptions parse(String text, String kind) {
    List<String> keys = keysOf(kind);
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (text.isBlank()) {
      return NONE;
    }
    for (String entry : text.split(",", -1)) {
      String e = entry.trim();
      int eq = e.indexOf('=');
      String key = (eq < 0 ? e : e.substring(0, eq)).trim();
      String value = eq < 0 ? null : e.substring(eq + 1).trim();
      if (!keys.contains(key)) {
        problems.add(
            "'"
                + key
                + "' is not an element of @"
                + kind
                + (keys.isEmpty() ? ", which has none" : "; valid: " + String.join(", ", keys)));
      } else if (value == null || value.isEmpty()) {
        problems.add(key + " has no value: write " + key + "=" + validValues(key));
      } else if (values.containsKey(key)) {
        problems.add(key + " is given twice");
      } else {
        String checked = check(key, value);
        if (checked == null) {
          problems.add(key + "='" + value + "' is not valid; expected " + validValues(key));
        } else {
          values.put(key, checked);
        }
      }
    }
    if (!problems.isEmpty()) {
      return new PatternOptions(Map.of(), String.join("; ", problems));
    }
    return new PatternOptions(java.util.Collections.unmodifiableMap(values), null);
  }

  /** The valid values of an element, for messages. */
  static String validValues(String key) {
    switch (key) {
      case "mode":
        return "linked, supervised or unlinked";
      case "weak":
        return "true or false";
      case "stackLimit":
      case "stackSize":
      case "headroom":
        return "a size in bytes with an optional k, m or g suffix, e.g. 256k";
      case "fallback":
        return "the name of a method of the same class with the same parameters and return type";
      default:
        return "a name (letters, digits, '.', '-', '_', ' ')";
    }
  }

  /** The value as the planner reads it, or null when not valid. */
  private static String check(String key, String value) {
    switch (key) {
      case "mode":
        for (SpawnMode m : SpawnMode.values()) {
          if (m.name().equalsIgnoreCase(value)) {
            return m.name();
          }
        }
        return null;
      case "weak":
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") ? lower : null;
      case "stackLimit":
      case "stackSize":
      case "headroom":
        try {
          Sizes.parse(value, 0);
          return value;
        } catch (IllegalArgumentException e) {
          return null;
        }
      case "fallback":
        return isIdentifier(value) ? value : null;
      default:
        return value.matches("[\\p{L}\\p{N}._\\- ]+") ? value : null;
    }
  }

  private static boolean isIdentifier(String s) {
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The braces as messages show them, {@code {mode=SUPERVISED,name=order}}; empty for none. */
  @Override
  public String toString() {
    if (values.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("{");
    values.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append('=').append(v));
    return b.append('}').toString();
  }

  /**
   * Splits {@code text} into what comes before the braces and the text inside them; the second is
   * null when {@code text} has no braces.
   *
   * @throws IllegalArgumentException when the braces are unbalanced or not at the end
   */
  static String[] splitBraces(String text) {
    int open = text.indexOf('{');
    if (open < 0) {
      if (text.indexOf('}') >= 0) {
        throw new IllegalArgumentException("'" + text + "' has a '}' without '{'");
      }
      return new String[] {text, null};
    }
    if (!text.endsWith("}") || text.indexOf('{', open + 1) >= 0 || text.indexOf('}') < open) {
      throw new IllegalArgumentException(
          "'" + text + "' has unbalanced braces (write {key=value,...} at the end)");
    }
    return new String[] {
      text.substring(0, open).trim(), text.substring(open + 1, text.length() - 1)
    };
  }
}
