package dev.taskrt.agent.legacy;

import dev.taskrt.SpawnMode;
import dev.taskrt.agent.instrument.Warnings;
import dev.taskrt.internal.entry.HandoffHooks;
import dev.taskrt.internal.handoff.Handoff;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Starts {@code propagate} and {@code threadLocals} at premain: sets the mode of hand-off children,
 * installs the {@link PropagationTransformer}, retransforms the JDK's hand-off classes that are
 * already loaded, and registers the context of named classes that are already loaded.
 */
public final class Propagation {
  private Propagation() {}

  /**
   * The mode of hand-off children for a {@code propagate} value, or null for {@code off}.
   *
   * @param value on, off, supervised, linked or unlinked (any case); null means on
   */
  public static SpawnMode modeOf(String value) {
    String v = value == null ? "on" : value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "off":
        return null;
      case "linked":
        return SpawnMode.LINKED;
      case "unlinked":
        return SpawnMode.UNLINKED;
      default:
        return SpawnMode.SUPERVISED;
    }
  }

  /**
   * @param inst the JVM's instrumentation
   * @param propagate the {@code propagate} value, or null
   * @param threadLocals the {@code threadLocals} value, or null
   * @param attached whether the agent was attached to a running JVM (not started at premain)
   * @param warnings where problems go
   */
  public static void install(
      Instrumentation inst,
      String propagate,
      String threadLocals,
      boolean attached,
      Warnings warnings) {
    SpawnMode mode = modeOf(propagate);
    Handoff.configure(mode != null, mode == null ? SpawnMode.SUPERVISED : mode);
    if (mode == null) {
      return;
    }
    Map<String, List<String>> fields =
        threadLocals == null ? Map.of() : ThreadLocalFields.parse(threadLocals);
    HandoffHooks.configureThreadLocals(fields);
    Set<String> contextClasses = new HashSet<>();
    for (String name : fields.keySet()) {
      contextClasses.add(name.replace('.', '/'));
    }
    try {
      Module javaBase = Object.class.getModule();
      Module runtime = HandoffHooks.class.getModule();
      if (!javaBase.canRead(runtime)) {
        inst.redefineModule(javaBase, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
      }
      PropagationTransformer transformer =
          new PropagationTransformer(true, contextClasses, warnings);
      transformer.loadWhatRewritingNeeds();
      inst.addTransformer(transformer, true);
      retransform(inst, attached ? loadAll() : alreadyLoaded(inst), warnings);
    } catch (Throwable e) {
      warnings.warn(
          "could not rewrite the JDK's executors and threads ("
              + e
              + "); work handed to them does not carry the task");
    }
    for (Class<?> c : inst.getAllLoadedClasses()) {
      String name = c.getName();
      if (name.equals("org.slf4j.MDC") || fields.containsKey(name)) {
        HandoffHooks.classInitialised(c);
      }
    }
  }

  /**
   * At premain: the hand-off classes already loaded ({@code Thread}, normally). The others are
   * rewritten by the transformer when the application first loads them, which costs nothing when it
   * never does; loading them here cost about 100 ms of start-up.
   */
  private static List<Class<?>> alreadyLoaded(Instrumentation inst) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == null
          && JdkHandoffRewrite.CLASSES.contains(c.getName().replace('.', '/'))) {
        loaded.add(c);
      }
    }
    return loaded;
  }

  /**
   * After an attach: every hand-off class, loaded here if need be. A class that another thread is
   * defining right now would be missing from the list of loaded classes and never rewritten;
   * loading it waits for that definition to finish.
   */
  private static List<Class<?>> loadAll() {
    List<Class<?>> loaded = new ArrayList<>();
    for (String name : JdkHandoffRewrite.CLASSES) {
      try {
        loaded.add(Class.forName(name.replace('/', '.'), false, null));
      } catch (ClassNotFoundException e) {
        // VirtualThread before JDK 21
      }
    }
    return loaded;
  }

  /** Retransforms the classes together; if that fails, one by one, to name the one that failed. */
  private static void retransform(Instrumentation inst, List<Class<?>> classes, Warnings warnings) {
    if (classes.isEmpty()) {
      return;
    }
    try {
      inst.retransformClasses(classes.toArray(new Class<?>[0]));
      return;
    } catch (Throwable together) {
      // fall through: find which class the JVM refused
    }
    for (Class<?> c : classes) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable e) {
        warnings.warn(
            "left "
                + c.getName()
                + " unchanged ("
                + e
                + "); work handed to it does not carry"
                + " the task");
      }
    }
  }
}
