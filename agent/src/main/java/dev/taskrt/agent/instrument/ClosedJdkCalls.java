package dev.taskrt.agent.instrument;

import java.util.Set;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * JDK methods that run no code outside the JDK: a method whose only calls go to these (and to
 * methods of its own class, see {@link PassThroughs}) cannot take part in a recursion through them.
 *
 * <p>Each is a method of a final class of {@code java.base} (so a call on it reaches exactly the
 * JDK's code, never an override), and what it is given cannot lead it to code outside the JDK:
 * every parameter is a primitive, a {@code String} or an array of primitives, so the method has
 * nothing of the application's to call (no {@code Object} whose {@code toString} or {@code equals}
 * it could invoke, no {@code CharSequence} or {@code Charset} the application may have
 * implemented). A few methods that take any object are listed by their exact descriptor because
 * they only copy it, compare it by identity or check it for null ({@code System.arraycopy}, {@code
 * System.identityHashCode}, {@code Objects.requireNonNull}). Methods that look something up by name
 * where the application may have registered the answer (a charset by name, a system property) are
 * left out. None of them blocks, and none registers a task hook.
 */
final class ClosedJdkCalls {
  /** Classes whose every method passing the parameter rule is closed, with the exceptions below. */
  private static final Set<String> WHOLE_CLASSES =
      Set.of(
          "java/lang/Math",
          "java/lang/StrictMath",
          "java/lang/Integer",
          "java/lang/Long",
          "java/lang/Short",
          "java/lang/Byte",
          "java/lang/Character",
          "java/lang/Boolean",
          "java/lang/Float",
          "java/lang/Double");

  /** Methods of {@link #WHOLE_CLASSES} left out: they read system properties. */
  private static final Set<String> PROPERTY_READERS = Set.of("getInteger", "getLong", "getBoolean");

  /** Methods of {@code String} taken, when they pass the parameter rule. */
  private static final Set<String> STRING_METHODS =
      Set.of(
          "length",
          "isEmpty",
          "isBlank",
          "charAt",
          "codePointAt",
          "substring",
          "indexOf",
          "lastIndexOf",
          "startsWith",
          "endsWith",
          "equalsIgnoreCase",
          "compareTo",
          "compareToIgnoreCase",
          "hashCode",
          "concat",
          "replace",
          "trim",
          "strip",
          "repeat",
          "toLowerCase",
          "toUpperCase",
          "toCharArray",
          "valueOf");

  /** Constructors of {@code String} taken (none decodes with a charset named at run time). */
  private static final Set<String> STRING_CONSTRUCTORS =
      Set.of("()V", "(Ljava/lang/String;)V", "([C)V", "([CII)V", "([B)V", "([BII)V");

  /** Methods of {@code StringBuilder} taken, when they pass the parameter rule. */
  private static final Set<String> STRING_BUILDER_METHODS =
      Set.of(
          "<init>",
          "append",
          "insert",
          "toString",
          "length",
          "charAt",
          "setCharAt",
          "setLength",
          "deleteCharAt",
          "delete",
          "reverse");

  /** Methods taken by owner, name and descriptor, whatever their parameters. */
  private static final Set<String> EXACT =
      Set.of(
          "java/lang/Object.<init>()V",
          "java/lang/Object.getClass()Ljava/lang/Class;",
          "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V",
          "java/lang/System.identityHashCode(Ljava/lang/Object;)I",
          "java/lang/System.nanoTime()J",
          "java/lang/System.currentTimeMillis()J",
          "java/util/Objects.requireNonNull(Ljava/lang/Object;)Ljava/lang/Object;",
          "java/util/Objects.requireNonNull(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;",
          "java/util/Objects.checkIndex(II)I");

  /** The owners in {@link #EXACT}: no key is built for a call to any other class. */
  private static final Set<String> EXACT_OWNERS =
      Set.of("java/lang/Object", "java/lang/System", "java/util/Objects");

  private ClosedJdkCalls() {}

  /** Whether {@code call} reaches only JDK code that runs nothing outside the JDK. */
  static boolean contains(MethodInsnNode call) {
    String owner = call.owner;
    if (EXACT_OWNERS.contains(owner)) {
      return EXACT.contains(owner + "." + call.name + call.desc);
    }
    if (WHOLE_CLASSES.contains(owner)) {
      return !PROPERTY_READERS.contains(call.name) && closedParameters(call.desc);
    }
    switch (owner) {
      case "java/lang/String":
        return call.name.equals("<init>")
            ? STRING_CONSTRUCTORS.contains(call.desc)
            : STRING_METHODS.contains(call.name) && closedParameters(call.desc);
      case "java/lang/StringBuilder":
        return STRING_BUILDER_METHODS.contains(call.name) && closedParameters(call.desc);
      default:
        return false;
    }
  }

  /** Every parameter a primitive, a {@code String} or an array of primitives. */
  private static boolean closedParameters(String desc) {
    for (Type t : Type.getArgumentTypes(desc)) {
      switch (t.getSort()) {
        case Type.OBJECT:
          if (!t.getInternalName().equals("java/lang/String")) {
            return false;
          }
          break;
        case Type.ARRAY:
          if (t.getElementType().getSort() == Type.OBJECT || t.getDimensions() > 1) {
            return false;
          }
          break;
        default:
          break;
      }
    }
    return true;
  }
}
