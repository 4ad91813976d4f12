package dev.taskrt.agent;

import dev.taskrt.agent.config.PropagateMode;
import dev.taskrt.internal.entry.HandoffHooks;
import dev.taskrt.internal.handoff.Handoff;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code propagate} and {@code threadLocals} in the runtime at premain: the mode of hand-off
 * children, the named thread-local fields, and the context of named classes that are already loaded
 * (those loaded later tell the runtime themselves, once rewritten). The rewriting of the JDK's
 * hand-off points is the {@code jdk} package's.
 */
final class HandoffStart {
  private HandoffStart() {}

  /**
   * @param inst the JVM's instrumentation
   * @param mode the {@code propagate} value
   * @param threadLocals the {@code threadLocals} value: field names by binary class name
   */
  static void start(
      Instrumentation inst, PropagateMode mode, Map<String, List<String>> threadLocals) {
    Handoff.configure(mode.isOn(), mode.childMode());
    if (!mode.isOn()) {
      return;
    }
    HandoffHooks.configureThreadLocals(threadLocals);
    for (Class<?> c : inst.getAllLoadedClasses()) {
      String name = c.getName();
      if (name.equals("org.slf4j.MDC") || threadLocals.containsKey(name)) {
        HandoffHooks.classInitialised(c);
      }
    }
  }
}
