package dev.taskrt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build runs this module's tests once per JDK; this proves each run is on the JDK it names. */
class BuildJdkTest {
  @Test
  void runsOnTheJdkTheBuildAskedFor() {
    String expected = System.getProperty("taskrt.expected.jdk");

    assertThat(expected).as("system property taskrt.expected.jdk, set by the pom").isNotNull();
    assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(expected));
  }
}
