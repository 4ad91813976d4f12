package dev.taskrt.agent.jdk;

import dev.taskrt.agent.config.Warnings;
import dev.taskrt.internal.entry.HiddenClassDefinitions;
import dev.taskrt.internal.entry.Instrumented;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installs the rewriting of the JDK's own classes at start: {@code java.base} is made to read the
 * bootstrap-loaded runtime (once, for every rewrite here), the {@link JdkTransformer} is added, and
 * the classes it changes that are already loaded are retransformed: the exit paths ({@code
 * Runtime}, {@code ApplicationShutdownHooks}), so {@code System.exit} and signals run the kernel's
 * shutdown before the JVM's own shutdown hooks, whose concurrent run could lose late events; when
 * asked, {@code MethodHandles.Lookup}, so that every class defined through the public hidden-class
 * API passes through {@link HiddenClassDefinitions}; and, under {@code propagate}, the hand-off
 * classes, except, while the JVM writes an AOT cache or a static CDS archive ({@link ArchiveDump}),
 * the JVM's own {@code Thread} classes.
 */
public final class JdkRewrites {
  private JdkRewrites() {}

  /**
   * @param inst the JVM's instrumentation
   * @param handoffs rewrite the JDK's hand-off points ({@code propagate} is not {@code off})
   * @param hiddenClasses rewrite {@code MethodHandles.Lookup}'s public hidden-class methods
   * @param attached whether the agent was attached to a running JVM (not started at premain)
   * @param warnings where problems go
   * @return whether the hidden-class hook is in place: every class defined through {@code
   *     defineHiddenClass} or {@code defineHiddenClassWithClassData} from now on reaches {@link
   *     HiddenClassDefinitions}; false when not asked, or after one warning
   */
  public static boolean install(
      Instrumentation inst,
      boolean handoffs,
      boolean hiddenClasses,
      boolean attached,
      Warnings warnings) {
    JdkTransformer transformer = new JdkTransformer(handoffs, hiddenClasses, warnings);
    try {
      letJavaBaseReadTheRuntime(inst);
      transformer.loadWhatRewritingNeeds();
      inst.addTransformer(transformer, true);
    } catch (Throwable e) {
      exitPathsNotRewritten(warnings, e);
      if (hiddenClasses) {
        hiddenClassesNotRewritten(warnings, e);
      }
      if (handoffs) {
        handoffsNotRewritten(warnings, e);
      }
      return false;
    }
    rewriteExitPaths(inst, transformer, warnings);
    boolean hook = hiddenClasses && rewriteHiddenClasses(inst, transformer, warnings);
    if (handoffs) {
      try {
        List<Class<?>> loaded = attached ? loadAll() : alreadyLoaded(inst);
        boolean dumping = ArchiveDump.inProgress(inst);
        retransform(inst, dumping ? withoutJvmOwnClasses(loaded) : loaded, warnings);
      } catch (Throwable e) {
        handoffsNotRewritten(warnings, e);
      }
    }
    return hook;
  }

  /** The rewritten JDK classes call the runtime, which lives in the bootstrap's unnamed module. */
  private static void letJavaBaseReadTheRuntime(Instrumentation inst) {
    Module javaBase = Object.class.getModule();
    Module runtime = Instrumented.class.getModule();
    if (!javaBase.canRead(runtime)) {
      inst.redefineModule(javaBase, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  /**
   * While the JVM writes an AOT cache or a static CDS archive: the classes to retransform without
   * the JVM's own well-known classes ({@code Thread}, {@code VirtualThread}), with one message when
   * that leaves any out. Such an archive must hold every class the JVM knows by name, and the JVM
   * cannot archive a redefined one: JDK 25 crashes at exit writing an AOT cache after {@code
   * Thread} was retransformed (a redefined {@code Runtime} is only left out). The hand-off classes
   * loaded after start are rewritten as they load, which the archive only leaves out as well.
   */
  private static List<Class<?>> withoutJvmOwnClasses(List<Class<?>> classes) {
    List<Class<?>> kept = new ArrayList<>();
    List<String> left = new ArrayList<>();
    classes.sort(java.util.Comparator.comparing(Class::getName));
    for (Class<?> c : classes) {
      if (JdkHandoffRewrite.JVM_OWN_CLASSES.contains(c.getName().replace('.', '/'))) {
        left.add(c.getName());
      } else {
        kept.add(c);
      }
    }
    if (!left.isEmpty()) {
      System.err.println(
          "taskrt: this JVM is writing an AOT cache or a static CDS archive, which cannot hold a"
              + " redefined Thread (JDK 25 crashes writing it), so taskrt leaves "
              + String.join(" and ", left)
              + " unchanged in this run: threads started from a task in this run do not carry the"
              + " task (executors still do). Runs that use the archive are not affected");
    }
    return kept;
  }

  private static void rewriteExitPaths(
      Instrumentation inst, JdkTransformer transformer, Warnings warnings) {
    try {
      Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks", false, null);
      List<Class<?>> again = new ArrayList<>();
      if (!transformer.runtimeRewritten()) {
        again.add(Runtime.class);
      }
      if (!transformer.shutdownHooksRewritten()) {
        again.add(hooks);
      }
      if (!again.isEmpty()) {
        inst.retransformClasses(again.toArray(new Class<?>[0]));
      }
    } catch (Throwable e) {
      exitPathsNotRewritten(warnings, e);
    }
  }

  /**
   * Retransforms {@code Lookup}, loaded long before any agent starts; whether both methods took.
   * {@code HiddenClassDefinitions} is loaded first: on JDK 17 the next lambda to link already calls
   * it, and loading it then, from wherever that lambda is, could run into a class being loaded.
   */
  private static boolean rewriteHiddenClasses(
      Instrumentation inst, JdkTransformer transformer, Warnings warnings) {
    try {
      Class.forName(HiddenClassDefinitions.class.getName(), true, null);
      if (!transformer.hiddenClassesRewritten()) {
        inst.retransformClasses(MethodHandles.Lookup.class);
      }
      // false here, the transformer has said why
      return transformer.hiddenClassesRewritten();
    } catch (Throwable e) {
      hiddenClassesNotRewritten(warnings, e);
      return false;
    }
  }

  private static void exitPathsNotRewritten(Warnings warnings, Throwable e) {
    warnings.warn(
        "could not rewrite the JVM's exit paths ("
            + e
            + "); the kernel's shutdown runs from a shutdown hook instead, and its events may miss"
            + " a dump-on-exit recording");
  }

  private static void hiddenClassesNotRewritten(Warnings warnings, Throwable e) {
    warnings.warn(
        "could not rewrite MethodHandles.Lookup ("
            + e
            + "); taskrt does not see hidden classes, so the promise that lets taskrt leave more"
            + " methods without a frame is off");
  }

  private static void handoffsNotRewritten(Warnings warnings, Throwable e) {
    warnings.warn(
        "could not rewrite the JDK's executors and threads ("
            + e
            + "); work handed to them does not carry the task");
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
