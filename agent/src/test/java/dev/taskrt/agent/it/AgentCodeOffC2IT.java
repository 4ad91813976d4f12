package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When its patterns name whole packages, the agent leaves its own classes to C1 with one compiler
 * directive, so that C2 compiles the application's methods rather than the agent's transformer; it
 * adds nothing when C2 is the JVM's only compiler (the agent would run interpreted), nor without
 * such patterns, and a failure to add it changes nothing.
 */
class AgentCodeOffC2IT {
  private static final String AGENTS_DIRECTIVE = "directive: dev/taskrt/agent/*.* c2 Exclude:true";
  private static final String DEFAULT = "directive: *.* c2 Exclude:false";
  private static final String WILDCARD = "frames=itapps.frames.*[*]";
  private static final String NO_TMP = "-Djava.io.tmpdir=/nonexistent/taskrt-no-such-dir";

  /** The probe, which prints the JVM's compiler directives, under the agent with these options. */
  private static AgentJvm.Result probe(Jdk jdk, String agentOptions, String... jvmOptions)
      throws Exception {
    AgentJvm jvm = AgentJvm.on(jdk);
    for (String option : jvmOptions) {
      jvm.jvmOption(option);
    }
    if (agentOptions != null) {
      jvm.agentOptions(agentOptions);
    }
    return jvm.run("itapps.CompilerDirectivesProbe").assertStatus(0);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aPatternOverAPackageLeavesTheAgentsClassesToC1(Jdk jdk) throws Exception {
    AgentJvm.Result result = probe(jdk, WILDCARD);

    assertThat(result.outLines()).containsExactly(AGENTS_DIRECTIVE, DEFAULT);
    assertThat(result.taskrtLines()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void verboseSaysSo(Jdk jdk) throws Exception {
    AgentJvm.Result result = probe(jdk, WILDCARD + ",verbose=true");

    assertThat(result.taskrtLines())
        .contains(
            "taskrt: the agent's own classes are compiled by C1 only (a compiler directive), so"
                + " that C2 works for the application");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void nothingWhereC2IsTheOnlyCompiler(Jdk jdk) throws Exception {
    AgentJvm.Result result = probe(jdk, WILDCARD + ",verbose=true", "-XX:-TieredCompilation");

    assertThat(result.outLines()).containsExactly(DEFAULT);
    assertThat(result.taskrtLines())
        .contains(
            "taskrt: the agent's classes are compiled as usual: C2 is this JVM's only compiler"
                + " (-XX:-TieredCompilation)");
  }

  /** A failure leaves the JIT as it was and the program runs on; only {@code verbose} says why. */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aFailureChangesNothingAndIsSaidOnlyUnderVerbose(Jdk jdk) throws Exception {
    AgentJvm.Result quiet = probe(jdk, WILDCARD, NO_TMP);
    assertThat(quiet.outLines()).containsExactly(DEFAULT);
    assertThat(quiet.err()).doesNotContain("taskrt").doesNotContain("Exception");

    AgentJvm.Result verbose = probe(jdk, WILDCARD + ",verbose=true", NO_TMP);
    assertThat(verbose.outLines()).containsExactly(DEFAULT);
    assertThat(verbose.taskrtLines())
        .anyMatch(
            l ->
                l.startsWith(
                        "taskrt: the agent's classes are compiled as usual: adding the compiler"
                            + " directive failed (java.nio.file.NoSuchFileException: ")
                    && l.contains("/nonexistent/taskrt-no-such-dir/"));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void nothingWithoutPatternsOverPackages(Jdk jdk) throws Exception {
    assertThat(probe(jdk, "frames=itapps.frames.Recursions[down]").outLines())
        .containsExactly(DEFAULT);
    assertThat(probe(jdk, null).outLines()).containsExactly(DEFAULT);
  }
}
