package dev.taskrt.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A JDK the integration tests start JVMs with: the one running the build, and Temurin 25. */
public enum Jdk {
  /** The JDK running the tests (17 in this build). */
  CURRENT(Path.of(System.getProperty("java.home"))),
  /** Temurin 25, when installed. */
  TEMURIN_25(Path.of(System.getProperty("taskrt.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64")));

  private final Path home;

  /** Whether this test JVM already printed that this JDK is missing. */
  private volatile boolean toldMissing;

  Jdk(Path home) {
    this.home = home;
  }

  /**
   * The java launcher. Temurin 25 runs the tests a second time when it is installed (README:
   * "Temurin 25 if installed"; it is not a Debian package, so {@code scripts/test-tools.sh} cannot
   * install it and says at the start of {@code ./taskrt test} when it is missing). A missing one
   * skips the test as an assumption whose reason names the path and how to set another, and the
   * first such skip in a test JVM also prints that reason on stderr, so the skip is never silent.
   * The JDK running the build is always there.
   */
  public Path java() {
    Path java = home.resolve("bin").resolve("java");
    if (!Files.isExecutable(java)) {
      if (this == CURRENT) {
        throw new AssertionError("no java launcher at " + java + " in the JDK running the tests");
      }
      String reason =
          this
              + " is not installed at "
              + home
              + ": the JDK 25 runs of the agent's integration tests are skipped; install Eclipse"
              + " Temurin 25 at that path";
      if (!toldMissing) {
        toldMissing = true;
        System.err.println("taskrt tests: " + reason);
      }
      Assumptions.assumeTrue(false, reason);
    }
    return java;
  }

  /** Every JDK, for parameterized tests. */
  public static Stream<Jdk> all() {
    return Stream.of(values());
  }
}
