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
 * System.identityHashCode}, {@code Objects.requireNonNull}), and so are the final methods of the
 * atomic boxes (they read, write or compare-and-set the box's one field, references by identity)
 * and of {@code Enum} that only read its fields. A constructor of one of the JDK's common exception
 * classes with no argument or a {@code String} is closed as well: no rule takes a constructor, so
 * such a call always initialises a new object of exactly that class, and {@code Throwable}'s
 * constructor then runs the JDK's own {@code fillInStackTrace}. Methods that look something up by
 * name where the application may have registered the answer (a charset by name, a system property)
 * are left out. None of them blocks, and none registers a task hook.
 *
 * <p>Every listed method that is not a constructor is static or final, or its class is final, so
 * resolution may also reach one through an application's class ({@link #containsMethod}): an enum's
 * {@code ordinal()}, say. {@code ClosedJdkCallsTest} checks that on the running JDK.
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
          "java/util/Objects.checkIndex(II)I",
          "java/lang/Thread.currentThread()Ljava/lang/Thread;",
          "java/lang/Enum.ordinal()I",
          "java/lang/Enum.name()Ljava/lang/String;",
          "java/lang/Enum.getDeclaringClass()Ljava/lang/Class;");

  /** The owners in {@link #EXACT}: no key is built for a call to any other class. */
  private static final Set<String> EXACT_OWNERS =
      Set.of(
          "java/lang/Object",
          "java/lang/System",
          "java/util/Objects",
          "java/lang/Thread",
          "java/lang/Enum");

  /** The atomic boxes; their methods in {@link #ATOMIC_METHODS} are final. */
  private static final Set<String> ATOMIC_CLASSES =
      Set.of(
          "java/util/concurrent/atomic/AtomicInteger",
          "java/util/concurrent/atomic/AtomicLong",
          "java/util/concurrent/atomic/AtomicBoolean",
          "java/util/concurrent/atomic/AtomicReference");

  /**
   * Final methods of the atomic boxes, whose parameters are the box's value (a primitive, or a
   * reference stored or compared by identity). Not {@code weakCompareAndSet} and {@code
   * weakCompareAndSetPlain}, which {@code AtomicBoolean} leaves open to overrides, nor the methods
   * that take a function.
   */
  private static final Set<String> ATOMIC_METHODS =
      Set.of(
          "get",
          "set",
          "lazySet",
          "getAndSet",
          "compareAndSet",
          "weakCompareAndSetVolatile",
          "weakCompareAndSetAcquire",
          "weakCompareAndSetRelease",
          "compareAndExchange",
          "compareAndExchangeAcquire",
          "compareAndExchangeRelease",
          "getAndIncrement",
          "getAndDecrement",
          "getAndAdd",
          "incrementAndGet",
          "decrementAndGet",
          "addAndGet",
          "getPlain",
          "setPlain",
          "getOpaque",
          "setOpaque",
          "getAcquire",
          "setRelease");

  /** Exception classes whose constructors with no argument or a message are closed. */
  private static final Set<String> EXCEPTIONS =
      Set.of(
          "java/lang/AssertionError",
          "java/lang/IllegalStateException",
          "java/lang/IllegalArgumentException",
          "java/lang/UnsupportedOperationException",
          "java/lang/IndexOutOfBoundsException",
          "java/lang/ArrayIndexOutOfBoundsException",
          "java/lang/NullPointerException",
          "java/lang/ArithmeticException",
          "java/lang/ClassCastException",
          "java/util/NoSuchElementException",
          "java/util/ConcurrentModificationException");

  private ClosedJdkCalls() {}

  /** Whether {@code call} reaches only JDK code that runs nothing outside the JDK. */
  static boolean contains(MethodInsnNode call) {
    return containsMethod(call.owner, call.name, call.desc);
  }

  /**
   * Whether {@code owner.name desc} is a closed JDK method. For a name that is not a constructor's,
   * a call that resolves to it from a subclass (an application's enum calling {@code ordinal()})
   * runs exactly it as well: it is static or final, or its class is final.
   */
  static boolean containsMethod(String owner, String name, String desc) {
    if (EXACT_OWNERS.contains(owner)) {
      return EXACT.contains(owner + "." + name + desc);
    }
    if (WHOLE_CLASSES.contains(owner)) {
      return !PROPERTY_READERS.contains(name) && closedParameters(desc);
    }
    if (ATOMIC_CLASSES.contains(owner)) {
      return ATOMIC_METHODS.contains(name) && valueParameters(desc);
    }
    if (EXCEPTIONS.contains(owner)) {
      return name.equals("<init>") && (desc.equals("()V") || desc.equals("(Ljava/lang/String;)V"));
    }
    switch (owner) {
      case "java/lang/String":
        return name.equals("<init>")
            ? STRING_CONSTRUCTORS.contains(desc)
            : STRING_METHODS.contains(name) && closedParameters(desc);
      case "java/lang/StringBuilder":
        return STRING_BUILDER_METHODS.contains(name) && closedParameters(desc);
      default:
        return false;
    }
  }

  /** Every parameter a primitive or an {@code Object} (an atomic reference's value, erased). */
  private static boolean valueParameters(String desc) {
    for (Type t : Type.getArgumentTypes(desc)) {
      if (t.getSort() == Type.ARRAY
          || (t.getSort() == Type.OBJECT && !t.getInternalName().equals("java/lang/Object"))) {
        return false;
      }
    }
    return true;
  }

  /** The classes whose listed methods a test checks against the running JDK. */
  static Set<String> listedOwners() {
    Set<String> owners = new java.util.TreeSet<>(EXACT_OWNERS);
    owners.addAll(ATOMIC_CLASSES);
    return owners;
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
