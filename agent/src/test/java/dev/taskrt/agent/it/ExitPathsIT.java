package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Main runs as the root task, and on each of the three exits (main returns, System.exit, SIGTERM)
 * the at_exit handlers run and the kernel's AtExit and Shutdown events reach the recording the JVM
 * dumps on exit (DESIGN §4).
 */
class ExitPathsIT {
  private static final String APP = "itapps.AnnotatedApp";

  @TempDir Path dir;

  private static void assertShutdownRecorded(Path recording, String trigger, int status)
      throws Exception {
    assertThat(AgentJvm.events(recording, "taskrt.AtExit"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getString("handler")).isEqualTo("AnnotatedApp.bye");
              assertThat(e.getString("outcome")).isEqualTo("DONE");
            });
    RecordedEvent shutdown = AgentJvm.events(recording, "taskrt.Shutdown").get(0);
    assertThat(shutdown.getString("trigger")).isEqualTo(trigger);
    assertThat(shutdown.getInt("exitStatus")).isEqualTo(status);
    assertThat(shutdown.getInt("atExitRun")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void mainReturningRunsTheShutdownSequence(Jdk jdk) throws Exception {
    Path recording = dir.resolve("returns.jfr");
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions("jfr=" + recording).run(APP, "none").assertStatus(0);

    assertThat(result.outLines())
        .containsExactly("main task: main", "main returns", "at_exit handler ran");
    assertShutdownRecorded(recording, "ROOT_RETURNED", 0);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void mainFailingEndsTheRootTaskFailedAndTheJvmWithStatus1(Jdk jdk) throws Exception {
    Path recording = dir.resolve("fails.jfr");
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions("jfr=" + recording).run(APP, "fail").assertStatus(1);

    assertThat(result.err())
        .contains(
            "Exception in thread \"main\" java.lang.IllegalStateException: main failed on purpose");
    assertThat(result.outLines()).containsExactly("main task: main", "at_exit handler ran");
    assertThat(AgentJvm.events(recording, "taskrt.TaskEnd"))
        .filteredOn(e -> e.getString("taskName").equals("main"))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("outcome")).isEqualTo("FAILED"));
    assertShutdownRecorded(recording, "ROOT_FAILED", 1);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void systemExitRunsTheKernelShutdownBeforeTheJvmHooksAndKeepsTheStatus(Jdk jdk) throws Exception {
    Path recording = dir.resolve("exit.jfr");
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions("jfr=" + recording).run(APP, "exit").assertStatus(7);

    assertThat(result.outLines())
        .containsExactly("main task: main", "calling System.exit(7)", "at_exit handler ran");
    assertShutdownRecorded(recording, "SYSTEM_EXIT", 7);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void sigtermRunsTheKernelShutdownBeforeTheJvmHooks(Jdk jdk) throws Exception {
    Path recording = dir.resolve("sigterm.jfr");
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions("jfr=" + recording)
            .runUntilReady(APP, p -> p.toHandle().destroy(), "sigterm")
            .assertStatus(143);

    assertThat(result.outLines()).containsSubsequence("ready", "at_exit handler ran");
    assertThat(result.out()).doesNotContain("not killed");
    assertShutdownRecorded(recording, "SIGNAL", 143);
  }
}
