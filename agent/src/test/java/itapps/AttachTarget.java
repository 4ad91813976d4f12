package itapps;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/** Runs without the agent until one is attached; calls {@link #risky} for each input line. */
public final class AttachTarget {
  private AttachTarget() {}

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

  static int risky() {
    throw new IllegalStateException("risky failed");
  }
}
