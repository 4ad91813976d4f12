package dev.taskrt.inspect.programs;

import dev.taskrt.Boundary;
import dev.taskrt.Tasks;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.ShutdownSequence;
import dev.taskrt.internal.entry.Instrumented;

/**
 * A program whose task {@code main} stops a failure at a {@code @Boundary} method and then ends
 * DONE. Under the agent (argument {@code agent}) main is the root task and {@link #compare} is
 * rewritten; without it, main runs as a task of its own and does what the rewritten boundary does,
 * calling {@link Instrumented#boundaryCaught} with the failure, and then ends the runtime as the
 * agent does when the root task returns.
 */
public final class BoundaryProgram {
  private BoundaryProgram() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("agent")) {
      System.out.println("compare gave " + compare(1, 2));
      return;
    }
    int method =
        MethodRegistry.register(
            MethodInfo.frame(BoundaryProgram.class.getName(), "compare", "(II)I", 16));
    Tasks.run(
        "main",
        () -> {
          try {
            compare(1, 2);
          } catch (IllegalStateException e) {
            Instrumented.boundaryCaught(method, e);
          }
          return null;
        });
    ShutdownSequence.rootReturned(false);
  }

  @Boundary
  static int compare(int a, int b) {
    throw new IllegalStateException("comparator failed on " + a + " and " + b);
  }
}
