package dev.taskrt.agent.instrument;

import java.util.Map;

/**
 * What {@link ClassPlanner} decided for one class: the plan of each method to rewrite, by name and
 * descriptor, and whether the static initialiser gets the context hook. Only read once decided.
 *
 * @param methods the plans by {@code name + descriptor}, in the class's order
 * @param contextHook whether the class's context follows tasks ({@link ContextClassRewrite})
 */
record ClassPlan(Map<String, MethodPlan> methods, boolean contextHook) {
  /** Whether nothing is to be done. */
  boolean isEmpty() {
    return methods.isEmpty() && !contextHook;
  }
}
