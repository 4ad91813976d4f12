/**
 * The JUnit 5 extension for tests of code that uses taskrt.
 *
 * <p>Users write {@code @ExtendWith(TaskrtExtension.class)} on a test class (or turn on JUnit's
 * extension auto-detection) and may give agent options with {@link dev.taskrt.junit.TaskrtOptions}
 * or the configuration parameter {@code taskrt.options} in {@code junit-platform.properties}. The
 * other public classes of this package are service providers that JUnit and the taskrt kernel load
 * by themselves; no code calls them directly. The package-private classes attach the agent ({@code
 * AgentInstaller}), run a test method as a task ({@code TestTaskRun}) and describe the tasks a test
 * left behind ({@code LeftBehind}).
 */
package dev.taskrt.junit;
