package dev.taskrt.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:taskrt-agent.jar[=options]},
 * {@code agentmain} for dynamic attach, and {@code main} for {@code java -jar taskrt-agent.jar}.
 *
 * <p>Kept tiny on purpose: everything that runs at JVM start lives in {@link AgentStart}, and the
 * command line is only loaded from {@code main}, so nothing of it touches the {@code premain} path.
 *
 * <p>The whole jar must come from the bootstrap loader, so that one kernel serves every class
 * loader. The manifest's {@code Boot-Class-Path: taskrt-agent.jar} puts it there before this class
 * loads, and then this class is bootstrap-loaded too. A renamed jar is not found by that entry:
 * this class is then loaded by the application class loader, appends the jar to the bootstrap
 * search itself, and hands over to the bootstrap loader's {@link AgentStart}, so that no class of
 * taskrt ever has a second copy in the application class loader (one would fail with {@code
 * IllegalAccessError} on its first package-private access).
 */
public final class TaskrtAgent {
  private TaskrtAgent() {}

  /**
   * Called by the JVM before the application's main method.
   *
   * @param args the text after {@code =} in {@code -javaagent:taskrt-agent.jar=...}, or null
   * @param inst the JVM's instrumentation
   */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /**
   * Called when the agent is loaded into a running JVM ({@code attach}).
   *
   * @param args the options passed by the attaching process, or null
   * @param inst the JVM's instrumentation
   */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean attached) {
    if (TaskrtAgent.class.getClassLoader() == null) {
      AgentStart.start(args, inst, attached);
      return;
    }
    try {
      inst.appendToBootstrapClassLoaderSearch(new JarFile(ownJar()));
      Method start =
          Class.forName("dev.taskrt.agent.AgentStart", true, null)
              .getDeclaredMethod("start", String.class, Instrumentation.class, boolean.class);
      start.setAccessible(true);
      start.invoke(null, args, inst, attached);
    } catch (Throwable e) {
      System.err.println(
          "taskrt: the agent could not start and is not active: its jar is not on the boot class"
              + " path ("
              + e
              + "); keep the jar's name taskrt-agent.jar, which its manifest's Boot-Class-Path"
              + " names");
    }
  }

  /** The jar this class was loaded from. */
  private static File ownJar() throws Exception {
    return Path.of(TaskrtAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toFile();
  }

  /**
   * {@code java -jar taskrt-agent.jar [command]}: usage, {@code version}, {@code attach}, {@code
   * inspect}.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    int status = dev.taskrt.agent.cli.Cli.run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }
}
