package dev.taskrt.internal.handoff;

import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.TaskLauncher;
import dev.taskrt.internal.TaskLocalSlots;
import java.util.concurrent.Callable;

/**
 * Not API. What a hand-off takes from the parent's thread: the parent, its inheritable task-locals
 * (as they are at that moment: the parent may change them or end before the work runs) and each
 * carrier's context. Made on the parent's thread, the only one that writes its locals; read on the
 * thread that runs the work, after the executor's own hand-off.
 */
final class Captured {
  /** Stands for a context a carrier failed to capture, or for nothing installed to restore. */
  private static final Object NONE = new Object();

  private final TaskContext parent;
  private final Object[] locals;
  private final ContextCarrier[] carriers;
  private final Object[] contexts;

  Captured(TaskContext parent) {
    this.parent = parent;
    this.locals = TaskLocalSlots.inheritedFrom(parent);
    ContextCarrier[] all = ContextCarriers.current();
    this.carriers = all;
    if (all.length == 0) {
      this.contexts = null;
    } else {
      Object[] taken = new Object[all.length];
      for (int i = 0; i < all.length; i++) {
        try {
          taken[i] = all[i].capture();
        } catch (Throwable e) {
          taken[i] = NONE;
          ContextCarriers.report(all[i], e);
        }
      }
      this.contexts = taken;
    }
  }

  /** Runs {@code work} as a child task of the parent on this thread, the context installed. */
  Object runAsChild(Callable<?> work) {
    if (contexts == null) {
      return TaskLauncher.runHandedOff(parent, Handoff.childMode(), locals, work);
    }
    Object[] previous = new Object[carriers.length];
    int installed = 0;
    try {
      for (; installed < carriers.length; installed++) {
        previous[installed] = install(carriers[installed], contexts[installed]);
      }
      return TaskLauncher.runHandedOff(parent, Handoff.childMode(), locals, work);
    } finally {
      for (int i = installed - 1; i >= 0; i--) {
        if (previous[i] != NONE) {
          try {
            carriers[i].restore(previous[i]);
          } catch (Throwable e) {
            ContextCarriers.report(carriers[i], e);
          }
        }
      }
    }
  }

  /** Installs a context; a carrier that fails is reported and skipped, and the work runs. */
  private static Object install(ContextCarrier carrier, Object context) {
    if (context == NONE) {
      return NONE;
    }
    try {
      return carrier.install(context);
    } catch (Throwable e) {
      ContextCarriers.report(carrier, e);
      return NONE;
    }
  }
}
