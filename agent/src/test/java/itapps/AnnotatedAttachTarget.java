package itapps;

import dev.taskrt.Boundary;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Runs without the agent until one is attached; its {@code @Boundary} method is inert until then,
 * and is rewritten from its annotation (no option names it) once the agent arrives.
 */
public final class AnnotatedAttachTarget {
  private AnnotatedAttachTarget() {}

  public static void main(String[] args) throws Exception {
    System.out.println("ready");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    while (in.readLine() != null) {
      try {
        System.out.println("risky returned " + risky());
      } catch (IllegalStateException e) {
        System.out.println("risky threw IllegalStateException");
      }
    }
  }

  @Boundary
  static int risky() {
    throw new IllegalStateException("risky failed");
  }
}
