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

  Jdk(Path home) {
    this.home = home;
  }

  /** The java launcher; skips the test (an assumption) when this JDK is not installed. */
  public Path java() {
    Path java = home.resolve("bin").resolve("java");
    Assumptions.assumeTrue(Files.isExecutable(java), () -> this + " is not installed at " + home);
    return java;
  }

  /** Every JDK, for parameterized tests. */
  public static Stream<Jdk> all() {
    return Stream.of(values());
  }
}
