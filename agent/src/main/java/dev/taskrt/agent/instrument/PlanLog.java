package dev.taskrt.agent.instrument;

import java.io.PrintStream;

/**
 * Where the planner tells what it decided, method by method: each method it rewrites (into what,
 * with which options, asked by which pattern or annotation) and each candidate it leaves alone
 * (why). {@code verbose=true} prints these lines on stderr; the {@code check} command prints them
 * as its report. Warnings that every user sees (a target named without a wildcard that cannot
 * apply) go to {@link dev.taskrt.agent.config.Warnings} instead, and are not repeated here.
 */
public interface PlanLog {
  /** Tells nothing (the default: the agent is quiet). */
  PlanLog QUIET =
      new PlanLog() {
        @Override
        public void rewrite(String method, String into, String askedBy) {}

        @Override
        public void skip(String method, String askedBy, String reason) {}
      };

  /**
   * A method is rewritten.
   *
   * @param method the method, {@code com.acme.Service.handle(int)}
   * @param into what it becomes, with its options: {@code task{mode=SUPERVISED,name=order}}
   * @param askedBy the pattern or annotation that asked for it
   */
  void rewrite(String method, String into, String askedBy);

  /**
   * A candidate method is left as it is.
   *
   * @param method the method, {@code com.acme.Service.handle(int)}
   * @param askedBy the pattern or annotation that named it
   * @param reason why it is left alone
   */
  void skip(String method, String askedBy, String reason);

  /** Prints each decision as one {@code taskrt: } line on {@code out}. */
  static PlanLog printingTo(PrintStream out, String prefix) {
    return new PlanLog() {
      @Override
      public void rewrite(String method, String into, String askedBy) {
        out.println(prefix + "rewrite " + method + " into " + into + " (" + askedBy + ")");
      }

      @Override
      public void skip(String method, String askedBy, String reason) {
        out.println(prefix + "skip " + method + " (" + askedBy + "): " + reason);
      }
    };
  }
}
