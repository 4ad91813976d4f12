package itapps;

import dev.taskrt.AtExit;
import dev.taskrt.Foreign;
import dev.taskrt.Frame;
import dev.taskrt.Spawn;
import dev.taskrt.Task;

/**
 * Annotations the agent cannot apply: each is skipped with one warning, and the class still runs.
 */
public abstract class ImpossibleTargets {
  @AtExit
  void instanceAtExit() {}

  @AtExit
  static void atExitWithParameter(int x) {}

  @Spawn
  static int spawnReturningInt() {
    return 1;
  }

  @Frame
  abstract void abstractFrame();

  @Foreign
  static native void nativeForeign();

  @Task
  static String fine() {
    return "the rest of the class works";
  }

  public static void main(String[] args) {
    System.out.println(fine());
    System.out.println("spawnReturningInt ran synchronously: " + spawnReturningInt());
  }
}
