package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the agent there is no root task: a strong task keeps the JVM alive as a non-daemon thread
 * would, a weak one never does, and the shutdown that follows is labelled by what happened and
 * reaches the recording. Each case is a real JVM started without {@code -javaagent}.
 */
class NoAgentLifetimeTest {
  @Test
  void aStrongTaskKeepsTheJvmAliveAndTheShutdownSaysTheLastThreadEnded(@TempDir Path dir)
      throws Exception {
    Path recording = dir.resolve("no-agent.jfr");
    ForkedJvm.Result result =
        ForkedJvm.run(
            NoAgentScenario.class,
            List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true"));
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out().lines().collect(Collectors.toList()))
        .containsSubsequence(
            "main returns",
            "worker finished after main returned",
            "at_exit goodbye, strong 0",
            "poller unwound");
    List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
    RecordedEvent shutdown =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("taskrt.Shutdown"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no taskrt.Shutdown event in the recording"));
    assertThat(shutdown.getString("trigger")).isEqualTo("LAST_THREAD_ENDED");
    assertThat(shutdown.getInt("exitStatus")).isZero();
    assertThat(shutdown.getInt("weakKilled")).isEqualTo(1);
    assertThat(
            events.stream()
                .filter(e -> e.getEventType().getName().equals("taskrt.AtExit"))
                .map(e -> e.getString("handler") + " " + e.getString("outcome")))
        .containsExactly("goodbye DONE");
  }

  @Test
  void aWeakTaskAloneNeverKeepsTheJvmAlive() throws Exception {
    ForkedJvm.Result result = ForkedJvm.run(WeakOnlyScenario.class, List.of());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("main returns").doesNotContain("weak finished");
  }

  @Test
  void anInterruptedKeepAliveThreadWaitsOnWithoutSpinning() throws Exception {
    ForkedJvm.Result result = ForkedJvm.run(InterruptedKeepAliveScenario.class, List.of());
    assertThat(result.status()).as(result.err()).isZero();
    List<String> lines = result.out().lines().collect(Collectors.toList());
    assertThat(lines)
        .containsSubsequence(
            "main returns", "keep-alive interrupted", "worker finished after main returned");
    // Waiting, the thread wakes ten times a second and uses a millisecond or so of CPU in that
    // second; spinning (the interrupt flag left set, so every wait returns at once), it uses the
    // whole second, or at least a quarter of it on a machine loaded four times over.
    String cpu =
        lines.stream()
            .filter(l -> l.startsWith("keep-alive CPU ms in the second after: "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CPU line in:\n" + result.out()));
    long ms = Long.parseLong(cpu.substring(cpu.lastIndexOf(' ') + 1));
    assertThat(ms).as(cpu).isLessThan(50);
  }

  /**
   * Main spawns a strong task and returns. The task interrupts taskrt's keep-alive thread, which
   * stands in for it as a non-daemon thread, and reads that thread's CPU time over the next second.
   */
  public static final class InterruptedKeepAliveScenario {
    public static void main(String[] args) {
      Tasks.builder()
          .name("worker")
          .spawn(
              () -> {
                Thread.sleep(300);
                Thread keepAlive =
                    Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("taskrt-keep-alive"))
                        .findFirst()
                        .orElseThrow();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                keepAlive.interrupt();
                System.out.println("keep-alive interrupted");
                Thread.sleep(100); // the interrupted wait returns and the thread waits again
                long before = threads.getThreadCpuTime(keepAlive.getId());
                Thread.sleep(1_000);
                long after = threads.getThreadCpuTime(keepAlive.getId());
                System.out.println(
                    "keep-alive CPU ms in the second after: " + (after - before) / 1_000_000);
                System.out.println("worker finished after main returned");
                return null;
              });
      System.out.println("main returns");
    }
  }

  /** Main spawns only a weak task that would take a minute, and returns. */
  public static final class WeakOnlyScenario {
    public static void main(String[] args) {
      Tasks.builder()
          .name("background")
          .weak()
          .spawn(
              () -> {
                Thread.sleep(60_000);
                System.out.println("weak finished");
                return null;
              });
      System.out.println("main returns");
    }
  }
}
