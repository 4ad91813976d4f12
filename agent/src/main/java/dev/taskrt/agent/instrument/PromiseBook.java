package dev.taskrt.agent.instrument;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the fourth rule of {@link FrameWorth} ({@link PromiseRule}) has promised, and what it must
 * know to keep its promises, for one JVM: every class the agent rewrote under a wildcard pattern
 * (its superclass and what became of each method), class files read ahead for classes not loaded
 * yet, and, per method key (name and descriptor), the highest level the methods seen of it have and
 * the highest level a method of it may still be left out at.
 *
 * <p><b>Levels.</b> A method is of level 0, <em>base-safe</em>, when every cycle of calls through
 * it meets a frame by an argument that does not use this rule: it keeps a frame (on entry or at its
 * one call), or the first two rules left it out (a loop-free leaf, a pass-through). A method the
 * rule left out has a level from 1 to {@link #MAX_LEVEL}, above the levels of every method its
 * calls may run. A method with no frame for another reason (native, a bridge, a method of a class
 * outside the patterns) has no level: its key is <em>unsafe</em>, and a call that may run it
 * refuses the rule.
 *
 * <p><b>The promise.</b> When the rule leaves out a method of level {@code n} that calls key {@code
 * k}, it caps {@code k} at {@code n - 1}: from then on every method of key {@code k} the JVM
 * defines or rewrites again is held to the cap. A class under a wildcard pattern is planned so (the
 * rule leaves a method out only under its key's cap), and any other class (outside the patterns, a
 * hidden class, a bridge) gets a frame on it ({@link #promisedAmong}). The rule makes no promise it
 * cannot keep: its level is above the levels of every method of {@code k} already seen ({@link
 * #highestLevel}). Keys are matched by name and descriptor alone, across every class loader: two
 * unrelated methods of one key are both held to the cap, which costs a frame at most and never
 * misses an override.
 *
 * <p><b>Concurrency.</b> Classes load on many threads at once. Every decision of the rule, the
 * rewrite it belongs to and the record of its outcome happen under this object's monitor ({@link
 * #lock}), and so does the check of every class outside the patterns, so a class's check is either
 * before a promise (then its keys count in the level, or are unsafe and refuse it) or after it
 * (then it sees the cap). A record is written only once the class's rewrite has succeeded ({@link
 * #recordRewritten}); a class whose rewrite failed is recorded as all unsafe ({@link
 * #recordUnchanged}). Unsafe keys are kept as 64-bit hashes: a collision only refuses the rule.
 */
final class PromiseBook {
  /** The method keeps a frame or is left out by a rule whose own argument holds. */
  static final int SAFE = 1;

  /** The method is abstract: only its overrides run. */
  static final int ABSTRACT = 2;

  /** An override may be dispatched to instead of the method (not private, static or final). */
  static final int OVERRIDABLE = 4;

  /** The fourth rule left the method out; its level is {@link #levelOf(int)}. */
  static final int LEFT_OUT = 8;

  /**
   * The highest level a method the fourth rule leaves out may have: a method of level {@code n}
   * calls only methods of lower levels (0: base-safe), so at most this many such methods run
   * between two frames, above one chain of the first two rules.
   */
  static final int MAX_LEVEL = 4;

  /**
   * The most superclasses a walk up from one class follows: class files read ahead that do not
   * match the classes loaded (stale, or from two versions of a library) could name each other as
   * superclasses, and a walk without an end would hold the lock forever. Past it, the walk gives
   * the answer that refuses the rule.
   */
  private static final int MAX_CHAIN = 256;

  /** A level no method can be left out at: the key is held by a method that is not safe. */
  static final int NEVER = Integer.MAX_VALUE;

  /** The level of a status with {@link #LEFT_OUT}. */
  static int levelOf(int status) {
    return status >>> 16;
  }

  /** The status of a method the fourth rule left out at {@code level}. */
  static int leftOut(int level) {
    return LEFT_OUT | (level << 16);
  }

  /** A class under a wildcard pattern that the agent rewrote: its superclass and its methods. */
  private record ClassRecord(
      String superName, List<String> interfaces, Map<String, Integer> methods) {}

  /**
   * What a class file read ahead from the class path (for a class a wildcard covers that is not
   * loaded yet) says: its superclass, its methods' access flags, and whether the class is final.
   */
  private record ReadAhead(
      String superName, List<String> interfaces, Map<String, Integer> access, boolean finalClass) {}

  /**
   * A type outside the wildcard patterns, read from its class file: its supertypes and the names
   * and descriptors of its instance methods.
   */
  private record OutsideType(String superName, List<String> interfaces, Set<String> keys) {}

  /** Outside types read so far; a name mapped to null could not be read. */
  private final Map<String, OutsideType> outsideTypes = new HashMap<>();

  private final Map<String, ReadAhead> readAhead = new HashMap<>();

  /** Where the class files of the class being rewritten's loader are read from, or null. */
  private Function<String, byte[]> classFiles;

  private volatile boolean promising;
  private final Map<String, ClassRecord> classes = new HashMap<>();

  /**
   * Marks, in the caps a class's rewrite gives {@link #recordRewritten}, a key called exactly: it
   * caps only what the rule may do to methods of that key (the target's class may be rewritten
   * again), and frames nothing.
   */
  static final String EXACT = "=";

  /** Per promised key, the highest level a method of that key may be left out at from now on. */
  private final Map<String, Integer> caps = new HashMap<>();

  /** Per key called exactly, the highest level the rule may leave a method of that key out at. */
  private final Map<String, Integer> exactCaps = new HashMap<>();

  /** Per key, the highest level among the methods of that key the fourth rule left out. */
  private final Map<String, Integer> levels = new HashMap<>();

  private final LongHashSet unsafe = new LongHashSet();

  /** Whether the rule may leave methods out (else it only records what it sees). */
  boolean promising() {
    return promising;
  }

  /**
   * From now on the rule may make promises: every way a class can be defined is watched (the
   * transformer and the hidden-class hook are in place, and the classes loaded before were read).
   */
  void startPromising() {
    promising = true;
  }

  /** The monitor every decision and record is made under. */
  Object lock() {
    return this;
  }

  /**
   * What {@code owner.key} resolves to among the classes rewritten under a wildcard ({@link #SAFE},
   * {@link #ABSTRACT}, {@link #OVERRIDABLE}), or -1 when resolution meets a class not recorded
   * before it finds the method (the JDK's, one outside the patterns, or one not loaded yet). A
   * closed JDK method found there ({@link ClosedJdkCalls}) is {@link #SAFE}. Resolution that
   * reaches {@code planning}, the class being planned, gives -1 too: what its class file says of
   * its methods is being decided.
   */
  int resolve(String owner, String key, String planning, Targets targets) {
    int steps = 0;
    for (String c = owner; c != null; ) {
      if (c.equals(planning) || ++steps > MAX_CHAIN) {
        return -1;
      }
      ClassRecord r = classes.get(c);
      if (r != null) {
        Integer m = r.methods().get(key);
        if (m != null) {
          return m;
        }
        c = r.superName();
        continue;
      }
      ReadAhead a = readAheadIfCovered(c, targets);
      if (a == null) {
        return closedJdkMethod(c, key) ? SAFE : -1;
      }
      Integer access = a.access().get(key);
      if (access != null) {
        String name = key.substring(0, key.indexOf('('));
        return predicted(key, access, a.finalClass(), targets.framesNameMethod(c, name));
      }
      c = a.superName();
    }
    return -1;
  }

  /**
   * Whether a class {@code planning} whose superclass is {@code superName} is known to be neither
   * {@code owner} nor a subclass of it: its whole chain of superclasses is known (by records and
   * class files read ahead) and reaches the JDK without meeting {@code owner}. A virtual call on
   * {@code owner} can then never run a method of {@code planning}.
   */
  boolean notASubclass(String planning, String superName, String owner, Targets targets) {
    if (planning.equals(owner)) {
      return false;
    }
    int steps = 0;
    for (String c = superName; c != null; ) {
      if (c.equals(owner) || ++steps > MAX_CHAIN) {
        return false;
      }
      if (c.startsWith("java/")) {
        return true; // only the JDK defines java. classes, and none extends an application's
      }
      ClassRecord r = classes.get(c);
      if (r != null) {
        c = r.superName(); // null: two classes of the name, so the chain is not known
        continue;
      }
      ReadAhead a = readAheadIfCovered(c, targets);
      if (a == null) {
        return false;
      }
      c = a.superName();
    }
    return false;
  }

  /**
   * The names and descriptors of the instance methods that the supertypes of {@code cn} outside the
   * wildcard patterns declare (a JDK interface such as {@code Runnable}, an application's base
   * class), or null when one of its supertypes cannot be read. A method of {@code cn} of such a
   * name and descriptor may be entered straight from code no pattern covers, whose frames fold in
   * nothing for what it runs without a frame.
   */
  Set<String> keysFromOutside(ClassNode cn, Targets targets) {
    Set<String> keys = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(cn.interfaces);
    if (cn.superName != null) {
      todo.add(cn.superName);
    }
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String t = todo.poll();
      if (t.equals("java/lang/Object") || !seen.add(t)) {
        continue;
      }
      String superName;
      List<String> interfaces;
      ClassRecord r = classes.get(t);
      ReadAhead a = r == null ? readAheadIfCovered(t, targets) : null;
      if (r != null) {
        if (r.superName() == null) {
          return null; // two classes of the name, or one never rewritten: not known
        }
        superName = r.superName();
        interfaces = r.interfaces();
      } else if (a != null) {
        superName = a.superName();
        interfaces = a.interfaces();
      } else if (targets.framesWildcardCovers(t) && !ClassTransformer.isPlatformOrAgentClass(t)) {
        return null; // covered, but neither rewritten nor readable
      } else {
        OutsideType o = outsideType(t);
        if (o == null) {
          return null;
        }
        keys.addAll(o.keys());
        superName = o.superName();
        interfaces = o.interfaces();
      }
      if (superName != null) {
        todo.add(superName);
      }
      todo.addAll(interfaces);
    }
    return keys;
  }

  /** A type outside the patterns, read once from its class file; null when it cannot be read. */
  private OutsideType outsideType(String name) {
    if (outsideTypes.containsKey(name)) {
      return outsideTypes.get(name);
    }
    byte[] bytes = null;
    try {
      bytes = classFiles != null ? classFiles.apply(name) : null;
      if (bytes == null) {
        try (java.io.InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
          bytes = in == null ? null : in.readAllBytes();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      bytes = null;
    }
    OutsideType o = null;
    if (bytes != null) {
      try {
        ClassNode survey = new ClassNode();
        new ClassReader(bytes)
            .accept(
                survey, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Set<String> keys = new HashSet<>();
        for (MethodNode m : survey.methods) {
          if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0
              && !m.name.startsWith("<")) {
            keys.add(m.name + m.desc);
          }
        }
        o = new OutsideType(survey.superName, List.copyOf(survey.interfaces), keys);
      } catch (RuntimeException e) {
        o = null;
      }
    }
    outsideTypes.put(name, o);
    return o;
  }

  /**
   * Whether resolution, on its way up from an application's class, has reached a closed JDK method
   * (an enum's {@code ordinal()}, {@code Object.getClass()}): static or final, so it is exactly the
   * method that runs, and it runs only JDK code, as a base-safe method calls nothing that could
   * lead back.
   */
  private static boolean closedJdkMethod(String owner, String key) {
    int paren = key.indexOf('(');
    return owner.startsWith("java/")
        && key.charAt(0) != '<'
        && ClosedJdkCalls.containsMethod(owner, key.substring(0, paren), key.substring(paren));
  }

  /**
   * The status a method of a class not loaded yet will have, by its class file and the patterns:
   * base-safe when the planner will frame it (its key is capped before its class loads, so the rule
   * cannot leave it out higher); none, which refuses the rule, for a method no pattern names, a
   * bridge or synthetic method, a native one.
   */
  private static int predicted(String key, int access, boolean finalClass, boolean named) {
    // as the planner will plan it: a method a pattern names, with code, that a wildcard does not
    // pass over (a bridge or synthetic method, a constructor), gets a frame; any other gets none
    boolean framed =
        named
            && (access
                    & (Opcodes.ACC_NATIVE
                        | Opcodes.ACC_ABSTRACT
                        | Opcodes.ACC_BRIDGE
                        | Opcodes.ACC_SYNTHETIC))
                == 0
            && !key.startsWith("<");
    return (framed ? SAFE : 0) | flags(key, access, finalClass);
  }

  /**
   * What resolution needs of a method of a class being planned or rewritten: {@link #SAFE}, or
   * {@link #LEFT_OUT} with its level, by its plan (null: no frame, for whatever reason), and {@link
   * #ABSTRACT} and {@link #OVERRIDABLE} by its flags.
   */
  static int status(MethodNode m, MethodPlan plan, boolean finalClass) {
    int status = 0;
    if (plan != null && baseSafe(plan)) {
      status = SAFE;
    } else if (plan != null && PromiseRule.REASON.equals(plan.frameLeftOut)) {
      status = leftOut(plan.promiseLevel);
    }
    return status | flags(m.name, m.access, finalClass);
  }

  /** {@link #ABSTRACT} and {@link #OVERRIDABLE}, from a method's name and flags. */
  private static int flags(String name, int access, boolean finalClass) {
    int flags = (access & Opcodes.ACC_ABSTRACT) != 0 ? ABSTRACT : 0;
    if (!finalClass
        && (access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) == 0
        && !name.startsWith("<")) {
      flags |= OVERRIDABLE;
    }
    return flags;
  }

  /**
   * The class file of {@code c} read ahead, when a wildcard covers it: never a JDK class (the agent
   * rewrites none), nor one the bootstrap loader defined (recorded); else null.
   */
  private ReadAhead readAheadIfCovered(String c, Targets targets) {
    return targets.framesWildcardCovers(c) && !ClassTransformer.isPlatformOrAgentClass(c)
        ? readAhead(c)
        : null;
  }

  /** Reads ahead the class file of a class not loaded yet, once; null when there is none. */
  private ReadAhead readAhead(String name) {
    ReadAhead known = readAhead.get(name);
    if (known != null || classFiles == null) {
      return known;
    }
    byte[] bytes;
    try {
      bytes = classFiles.apply(name);
    } catch (RuntimeException e) {
      bytes = null;
    }
    if (bytes == null) {
      return null;
    }
    ClassNode survey = new ClassNode();
    try {
      new ClassReader(bytes)
          .accept(survey, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    } catch (RuntimeException e) {
      return null;
    }
    if (!survey.name.equals(name)) {
      return null;
    }
    ReadAhead a = readAheadOf(survey);
    readAhead.put(name, a);
    return a;
  }

  private static ReadAhead readAheadOf(ClassNode survey) {
    Map<String, Integer> access = new HashMap<>();
    for (MethodNode m : survey.methods) {
      access.put(m.name + m.desc, m.access);
    }
    return new ReadAhead(
        survey.superName,
        List.copyOf(survey.interfaces),
        access,
        (survey.access & Opcodes.ACC_FINAL) != 0);
  }

  /**
   * Where to read class files ahead while one class is rewritten (its loader's class path), or
   * null; set and cleared under the lock.
   */
  void readClassFilesFrom(Function<String, byte[]> classFiles) {
    this.classFiles = classFiles;
  }

  /**
   * Whether a class being rewritten is the one its class file read ahead described (or none was
   * read): the same superclass and the same methods. When it is not, what was counted on it may not
   * hold.
   */
  boolean matchesReadAhead(ClassNode survey) {
    ReadAhead a = readAhead.get(survey.name);
    return a == null || a.equals(readAheadOf(survey));
  }

  /**
   * The highest level among the methods seen of this key: 0 when each keeps a frame or needs none
   * by the first two rules (or none was seen), {@link #NEVER} when one is not safe at all.
   */
  int highestLevel(String key) {
    return unsafe.contains(hash(key)) ? NEVER : levels.getOrDefault(key, 0);
  }

  /** The highest level a method of this key may be left out at ({@link #NEVER}: no promise). */
  int cap(String key) {
    return Math.min(caps.getOrDefault(key, NEVER), exactCaps.getOrDefault(key, NEVER));
  }

  /** Whether a method left out counts on the methods of this key (and on its overrides). */
  boolean isPromised(String key) {
    return caps.containsKey(key);
  }

  /** Whether a method left out may count on a method of this key, through any call. */
  boolean isCountedOn(String key) {
    return caps.containsKey(key) || exactCaps.containsKey(key);
  }

  /** Whether any promise has been made. */
  boolean anyPromise() {
    return !caps.isEmpty();
  }

  /**
   * The instance methods of {@code survey} with code that a promise covers (their keys), which must
   * be framed. Called for every class that may hold an override: all but those whose superclass is
   * a {@code java.} class and that are not interfaces.
   */
  Set<String> promisedAmong(ClassNode survey) {
    Set<String> keys = new HashSet<>();
    if (caps.isEmpty()) {
      return keys;
    }
    for (MethodNode m : survey.methods) {
      String key = m.name + m.desc;
      if (isDispatchable(m) && (m.access & Opcodes.ACC_NATIVE) == 0 && caps.containsKey(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /**
   * Records a class the agent rewrote (or checked and left as it was, {@code plans} then empty):
   * under a wildcard pattern ({@code covered}) its superclass and each method's status, for later
   * resolution; in any case the keys of its instance methods that are not base-safe; and the keys
   * its methods left out counted on. A class rewritten {@code again} (retransformed) replaces its
   * record: a method whose key is promised is planned base-safe again, so what others counted on
   * holds. A second class of a name already recorded, with other contents, makes the name
   * unresolvable.
   */
  void recordRewritten(
      ClassNode survey,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      boolean covered,
      boolean again,
      Map<String, Integer> newCaps) {
    Map<String, Integer> methods = covered ? new HashMap<>() : null;
    boolean finalClass = (survey.access & Opcodes.ACC_FINAL) != 0;
    for (MethodNode m : survey.methods) {
      String key = m.name + m.desc;
      MethodPlan plan = skipped.contains(key) ? null : plans.get(key);
      int status = status(m, plan, finalClass);
      int level = (status & LEFT_OUT) != 0 ? levelOf(status) : 0;
      if (level > 0) {
        levels.put(key, Math.max(level, levels.getOrDefault(key, 0)));
      } else if (isDispatchable(m) && (status & SAFE) == 0) {
        unsafe.add(hash(key));
      }
      if (methods != null) {
        methods.put(key, status);
      }
    }
    if (methods != null) {
      ClassRecord previous =
          classes.put(
              survey.name,
              new ClassRecord(survey.superName, List.copyOf(survey.interfaces), methods));
      boolean unresolvable = previous != null && previous.superName() == null;
      if (unresolvable
          || !again && previous != null && !previous.equals(classes.get(survey.name))) {
        // two classes of one name (two loaders): resolution through the name cannot tell them apart
        classes.put(survey.name, new ClassRecord(null, List.of(), Map.of()));
      }
    }
    for (Map.Entry<String, Integer> e : newCaps.entrySet()) {
      String key = e.getKey();
      Map<String, Integer> into = key.startsWith(EXACT) ? exactCaps : caps;
      if (key.startsWith(EXACT)) {
        key = key.substring(EXACT.length());
      }
      into.put(key, Math.min(e.getValue(), into.getOrDefault(key, NEVER)));
    }
  }

  /**
   * Records a class left as it was (its rewrite failed): none of its methods is base-safe, and
   * resolution through its name fails.
   */
  void recordUnchanged(ClassNode survey) {
    for (MethodNode m : survey.methods) {
      if (isDispatchable(m)) {
        unsafe.add(hash(m.name + m.desc));
      }
    }
    classes.put(survey.name, new ClassRecord(null, List.of(), Map.of()));
  }

  /**
   * Records a class loaded before the agent started, which it never rewrote: resolution through its
   * name fails; and the key of one of its methods (null: none) is unsafe.
   */
  void recordLoadedBefore(String internalName, String key) {
    classes.put(internalName, new ClassRecord(null, List.of(), Map.of()));
    if (key != null) {
      unsafe.add(hash(key));
    }
  }

  /** Whether a plan leaves the method base-safe. */
  private static boolean baseSafe(MethodPlan plan) {
    if (plan.frame) {
      return true;
    }
    return FrameWorth.LOOP_FREE_LEAF.equals(plan.frameLeftOut)
        || PassThroughs.REASON.equals(plan.frameLeftOut);
  }

  /**
   * An instance method that can run (with code, or native), not a constructor: one a virtual call
   * may be dispatched to.
   */
  static boolean isDispatchable(MethodNode m) {
    return (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_PRIVATE)) == 0
        && !m.name.startsWith("<");
  }

  /** A 64-bit FNV-1a hash of a method key. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A set of longs, open addressing, never shrinking; 0 is kept apart. Not thread-safe. */
  static final class LongHashSet {
    private long[] slots = new long[1024];
    private int size;
    private boolean hasZero;

    boolean contains(long v) {
      if (v == 0) {
        return hasZero;
      }
      int mask = slots.length - 1;
      for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
        long s = slots[i];
        if (s == v) {
          return true;
        }
        if (s == 0) {
          return false;
        }
      }
    }

    void add(long v) {
      if (v == 0) {
        hasZero = true;
        return;
      }
      if ((size + 1) * 2 > slots.length) {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long s : old) {
          if (s != 0) {
            insert(s);
          }
        }
      }
      insert(v);
    }

    private void insert(long v) {
      int mask = slots.length - 1;
      for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
        long s = slots[i];
        if (s == v) {
          return;
        }
        if (s == 0) {
          slots[i] = v;
          size++;
          return;
        }
      }
    }

    private static int mix(long v) {
      return (int) (v ^ (v >>> 29) ^ (v >>> 47));
    }
  }
}
