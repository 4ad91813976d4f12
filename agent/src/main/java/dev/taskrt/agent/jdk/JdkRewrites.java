package dev.taskrt.agent;

import dev.taskrt.agent.instrument.TaskrtTransformer;
import dev.taskrt.agent.instrument.Warnings;
import dev.taskrt.internal.entry.Instrumented;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites {@code java.lang.Runtime} and {@code java.lang.ApplicationShutdownHooks} (see the
 * instrument package's exit-path rewrite) so that {@code System.exit} and signals run the kernel's
 * shutdown before the JVM's own shutdown hooks, whose concurrent run could lose late events.
 */
final class ExitPaths {
  private ExitPaths() {}

  static void install(Instrumentation inst, TaskrtTransformer transformer, Warnings warnings) {
    try {
      Module javaBase = Object.class.getModule();
      Module runtime = Instrumented.class.getModule();
      if (!javaBase.canRead(runtime)) {
        // java.base must read the bootstrap loader's unnamed module that holds the runtime.
        inst.redefineModule(javaBase, Set.of(runtime), Map.of(), Map.of(), Set.of(), Map.of());
      }
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
      warnings.warn(
          "could not rewrite the JVM's exit paths ("
              + e
              + "); the kernel's shutdown runs from a shutdown hook instead, and its events may miss"
              + " a dump-on-exit recording");
    }
  }
}
