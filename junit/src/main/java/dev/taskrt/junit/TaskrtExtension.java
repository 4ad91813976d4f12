package dev.taskrt.junit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Makes annotated code under test behave as under {@code -javaagent:taskrt-agent.jar}, with nothing
 * added to the build's test configuration.
 *
 * <ul>
 *   <li>When the agent is not attached to the test JVM, it is attached (see {@link TaskrtOptions}
 *       for its options). JUnit's launcher normally does it earlier, through {@link
 *       TaskrtDiscoveryListener}; this extension makes sure of it.
 *   <li>Each test method runs as a task named {@code TestClass.method}, so {@code Tasks.current()}
 *       works in the test, and tasks that code under test starts are its children.
 *   <li>A test fails when a task it started is still running at its end (the task is then killed),
 *       or failed with nobody joining it. The message names each such task. A test's own failure
 *       stays its failure, with that report added as suppressed.
 * </ul>
 *
 * <p>Use it with {@code @ExtendWith(TaskrtExtension.class)}, or for every test class by turning on
 * JUnit's extension auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true}).
 */
public final class TaskrtExtension implements BeforeAllCallback, InvocationInterceptor {
  /** Made by JUnit, for {@code @ExtendWith} or auto-detection. */
  public TaskrtExtension() {}

  /** Makes sure the agent is attached, with the options the test class asks for. */
  @Override
  public void beforeAll(ExtensionContext context) {
    ensureAgent(context);
  }

  /** Runs the test method as a task named after the test, then checks what it left behind. */
  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    runAsTask(invocation, invocationContext, context);
  }

  /**
   * Runs each invocation of a test template (parameterized, repeated) as {@link
   * #interceptTestMethod}.
   */
  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    runAsTask(invocation, invocationContext, context);
  }

  private static void runAsTask(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    ensureAgent(context); // when registered with @RegisterExtension, beforeAll is not called
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + invocationContext.getExecutable().getName();
    TestTaskRun.run(name, invocation);
  }

  private static void ensureAgent(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    TaskrtOptions annotated = findOptions(testClass);
    String options =
        annotated != null
            ? annotated.value()
            : context.getConfigurationParameter(AgentInstaller.OPTIONS_PARAMETER).orElse("");
    AgentInstaller.ensureAttached(options, testClass.getName());
  }

  /** The class's own options, else those of the class a {@code @Nested} class is inside. */
  private static TaskrtOptions findOptions(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      TaskrtOptions options = c.getAnnotation(TaskrtOptions.class);
      if (options != null) {
        return options;
      }
    }
    return null;
  }
}
