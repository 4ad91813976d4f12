package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Unmarked changes nothing" (DESIGN §8): plain programs that name nothing of taskrt run without
 * the agent, with it (default options), and with it and {@code jfr=FILE}; standard output, error
 * output (taskrt prints nothing unasked) and the exit status must be equal (on Temurin 25 without
 * and with the agent), and the lines each program prints show which of its work finished. Each
 * baseline is also checked against what the program is known to do, so an equal-but-wrong pair
 * cannot pass.
 */
class UnmarkedProgramsIT {
  @TempDir Path dir;

  /** Each program, with the status and the lines it gives without the agent. */
  static Stream<Arguments> programs() {
    return Jdk.all()
        .flatMap(
            jdk ->
                Stream.of(
                    Arguments.of(
                        jdk,
                        "MainReturnsWhileThreadsRun",
                        0,
                        List.of("main returns", "first thread done", "second thread done")),
                    Arguments.of(
                        jdk,
                        "ExitFromPoolThread",
                        3,
                        List.of("pool thread calls System.exit(3)", "shutdown hook ran")),
                    Arguments.of(
                        jdk,
                        "ShutdownHookLogs",
                        0,
                        List.of("main returns", "hook: closing", "hook: closed")),
                    Arguments.of(
                        jdk,
                        "UncaughtInThread",
                        0,
                        List.of(
                            "main saw the worker end",
                            "handler of handled got java.lang.UnsupportedOperationException:"
                                + " handled broke",
                            "main returns")),
                    Arguments.of(
                        jdk,
                        "CompletableFutureChain",
                        0,
                        List.of(
                            "chain gave 42",
                            "join threw java.lang.IllegalStateException: stage failed on x",
                            "recovered from stage failed on x",
                            "all done: true")),
                    Arguments.of(
                        jdk,
                        "PoolNeverShutDown",
                        0,
                        List.of(
                            "sum of squares 30",
                            "main returns, pool left running",
                            "last job finished after main returned")),
                    Arguments.of(
                        jdk,
                        "ThreadLocalRequestLoop",
                        0,
                        List.of(
                            "requests: 300, fresh thread-local: 1, stale: 299",
                            "tenants seen in the pool: acme",
                            "audit pool saw a request id: 0 times",
                            "the worker's own counter: 300",
                            "main's request still: main-request"))));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("programs")
  void aPlainProgramBehavesTheSameWithTheAgent(
      Jdk jdk, String program, int status, List<String> lines) throws Exception {
    assertSameWithAndWithoutAgent(jdk, program, status, lines);
  }

  /**
   * Main throwing while a pool works: without the agent the pool's jobs finish and the JVM ends
   * with status 1 once they have. Kept apart from the others: with {@code propagate=on} the jobs
   * handed from main used to be killed when main failed.
   */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void mainThrowingLeavesThePoolsWorkToFinish(Jdk jdk) throws Exception {
    AgentJvm.Result baseline =
        assertSameWithAndWithoutAgent(
            jdk,
            "MainThrowsWhilePoolWorks",
            1,
            List.of(
                "main throws while the pool works",
                "job 1 finished",
                "job 2 finished",
                "job 3 finished"));
    assertThat(baseline.err())
        .startsWith("Exception in thread \"main\" java.lang.IllegalStateException: main gives up");
  }

  private AgentJvm.Result assertSameWithAndWithoutAgent(
      Jdk jdk, String program, int status, List<String> lines) throws Exception {
    String main = "itapps.unmarked." + program;
    Path recording = dir.resolve(program + ".jfr");
    CompletableFuture<AgentJvm.Result> without = start(AgentJvm.on(jdk).withoutAgent(), main);
    CompletableFuture<AgentJvm.Result> with = start(AgentJvm.on(jdk), main);
    // jfr= on the JDK running the build only: the recording path is the same on every JDK.
    CompletableFuture<AgentJvm.Result> recorded =
        jdk == Jdk.CURRENT ? start(AgentJvm.on(jdk).agentOptions("jfr=" + recording), main) : null;

    AgentJvm.Result baseline = without.get();
    assertThat(baseline.outLines()).as("%s without the agent", program).isEqualTo(lines);
    baseline.assertStatus(status);
    assertSame(program + " with the agent", baseline, with.get());
    if (recorded != null) {
      assertSame(program + " with the agent and jfr=", baseline, recorded.get());
      assertThat(Files.size(recording)).as("the recording of %s", program).isPositive();
      assertThat(AgentJvm.events(recording, "taskrt.Shutdown")).hasSize(1);
    }
    return baseline;
  }

  private static void assertSame(String what, AgentJvm.Result expected, AgentJvm.Result actual) {
    assertThat(actual.out()).as("%s: standard output", what).isEqualTo(expected.out());
    assertThat(withoutHandoffFrames(actual.err()))
        .as("%s: error output", what)
        .isEqualTo(expected.err());
    assertThat(actual.status())
        .as("%s: exit status; err:\n%s", what, actual.err())
        .isEqualTo(expected.status());
  }

  /**
   * The error output less the frames a hand-off adds below the application's in a printed stack
   * trace (README, "Known limits"): taskrt's own frames and the rewritten {@code Thread.run} that
   * called them, which has no line number.
   */
  static String withoutHandoffFrames(String err) {
    return err.lines()
            .filter(
                l ->
                    !l.startsWith("\tat dev.taskrt.")
                        && !l.equals("\tat java.base/java.lang.Thread.run(Thread.java)"))
            .collect(Collectors.joining("\n"))
        + (err.isEmpty() ? "" : "\n");
  }

  private static CompletableFuture<AgentJvm.Result> start(AgentJvm jvm, String main) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return jvm.run(main);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
