package dev.taskrt.agent.instrument;

/**
 * Decides from a class file's constant pool, without parsing the class, whether it can hold
 * anything the agent rewrites: a taskrt annotation's descriptor ({@code Ldev/taskrt/Task;} and the
 * others), or the name {@code loadClass} (a class loader the agent makes delegate taskrt's classes
 * to the bootstrap loader). Most classes have neither and are passed over after this scan alone.
 */
final class ClassScanner {
  /** The class names a taskrt annotation's descriptor. */
  static final int ANNOTATIONS = 1;

  /** The class mentions {@code loadClass}. */
  static final int LOAD_CLASS = 2;

  /** The constant pool could not be read: let the full parser decide. */
  static final int UNREADABLE = 4;

  private static final byte[] PREFIX =
      "Ldev/taskrt/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String[] ANNOTATION_SUFFIXES = {
    "Task;", "Spawn;", "Frame;", "AtExit;", "Foreign;", "Boundary;"
  };
  private static final byte[] LOAD_CLASS_NAME =
      "loadClass".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private ClassScanner() {}

  /** What the constant pool holds, as a mask of {@link #ANNOTATIONS} and {@link #LOAD_CLASS}. */
  static int scan(byte[] b) {
    try {
      int count = u2(b, 8);
      int p = 10;
      int found = 0;
      for (int i = 1; i < count; i++) {
        int tag = b[p];
        switch (tag) {
          case 1: // Utf8
            int length = u2(b, p + 1);
            found |= utf8(b, p + 3, length);
            p += 3 + length;
            break;
          case 3: // Integer
          case 4: // Float
          case 9: // Fieldref
          case 10: // Methodref
          case 11: // InterfaceMethodref
          case 12: // NameAndType
          case 17: // Dynamic
          case 18: // InvokeDynamic
            p += 5;
            break;
          case 5: // Long
          case 6: // Double
            p += 9;
            i++;
            break;
          case 7: // Class
          case 8: // String
          case 16: // MethodType
          case 19: // Module
          case 20: // Package
            p += 3;
            break;
          case 15: // MethodHandle
            p += 4;
            break;
          default:
            return UNREADABLE;
        }
      }
      return found;
    } catch (ArrayIndexOutOfBoundsException e) {
      return UNREADABLE;
    }
  }

  private static int utf8(byte[] b, int start, int length) {
    if (length == LOAD_CLASS_NAME.length
        && b[start] == 'l'
        && regionEquals(b, start, LOAD_CLASS_NAME)) {
      return LOAD_CLASS;
    }
    if (length < PREFIX.length + 5 || length > PREFIX.length + 9 || b[start] != 'L') {
      return 0;
    }
    if (!regionEquals(b, start, PREFIX)) {
      return 0;
    }
    int rest = start + PREFIX.length;
    int restLength = length - PREFIX.length;
    for (String suffix : ANNOTATION_SUFFIXES) {
      if (suffix.length() == restLength && asciiEquals(b, rest, suffix)) {
        return ANNOTATIONS;
      }
    }
    return 0;
  }

  private static boolean regionEquals(byte[] b, int start, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (b[start + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiEquals(byte[] b, int start, String expected) {
    for (int i = 0; i < expected.length(); i++) {
      if (b[start + i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
