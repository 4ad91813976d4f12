package dev.taskrt.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:taskrt-agent.jar[=options]},
 * {@code agentmain} for dynamic attach, and {@code main} for {@code java -jar taskrt-agent.jar}.
 *
 * <p>Kept tiny on purpose: everything that runs at JVM start lives in {@link AgentStart}, and the
 * command line is only loaded from {@code main}, so nothing of it touches the {@code premain} path.
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
    AgentStart.start(args, inst, false);
  }

  /**
   * Called when the agent is loaded into a running JVM ({@code attach}).
   *
   * @param args the options passed by the attaching process, or null
   * @param inst the JVM's instrumentation
   */
  public static void agentmain(String args, Instrumentation inst) {
    AgentStart.start(args, inst, true);
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
