package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code top <pid>} in a real 80x24 terminal (tmux), checked as a person sees it: the screen fits,
 * keys change the order, {@code q} and Ctrl-C leave with the shell's screen and terminal settings
 * as they were, and the recording top made in the watched JVM is gone. Each runs on every {@link
 * Jdk}: the watched JVM and {@code top} on the same one.
 */
class TopTerminalIT {
  private static final int COLS = 80;
  private static final int ROWS = 24;

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void fitsEightyByTwentyFourSortsOnKeysAndQuitsWithQ(Jdk jdk, @TempDir Path dir) throws Exception {
    try (TopTargetJvm app = TopTargetJvm.start(AgentJvm.on(jdk).command("itapps.TopTarget"));
        Tmux tmux = Tmux.start(script(jdk, dir, app.pid()), COLS, ROWS)) {
      List<String> screen = tmux.await("the live tasks", s -> s.contains("inbox-reader"));
      assertThat(screen).hasSize(ROWS);
      assertThat(screen).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(COLS));
      assertThat(screen.get(0))
          .startsWith("taskrt top  pid " + app.pid() + " (itapps.TopTarget)")
          .contains("sort: duration");
      assertThat(screen.get(ROWS - 1))
          .startsWith("keys: d duration  n name  s state  i id  q quit");
      assertThat(String.join("\n", screen))
          .containsPattern("inbox-reader +BLOCKED .*pipe recv on stream #\\d+")
          .containsPattern("native-caller +FOREIGN ")
          .contains("Failures and kills since attach:");

      tmux.keys("n");
      screen = tmux.await("the order by name", s -> s.contains("sort: name"));
      List<String> names = taskNames(screen);
      assertThat(names).contains("cruncher", "inbox-reader", "napper", "waiter").isSorted();

      tmux.keys("s");
      screen = tmux.await("the order by state", s -> s.contains("sort: state"));
      assertThat(firstTaskRow(screen)).contains(" BLOCKED ");

      tmux.keys("q");
      screen = tmux.await("top's exit", TopTerminalIT::saysHowTopEnded);
      String text = String.join("\n", screen);
      assertThat(text).contains("top exited with status 0", "terminal settings restored");
      assertThat(text).doesNotContain("keys: d duration"); // the alternate screen is gone
      assertThat(recordingsOnceStopped(jdk, app.pid())).contains("No available recordings");
      assertThat(app.stop()).isEqualTo("done");
    }
  }

  /**
   * What {@code JFR.check} lists, asked again while a recording is still listed: the target closes
   * the stream's recording on its own threads after top has gone, later on a loaded machine. A hang
   * guard of a minute, not a time budget.
   */
  private static String recordingsOnceStopped(Jdk jdk, long pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    String out = recordings(jdk, pid);
    while (!out.contains("No available recordings") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      out = recordings(jdk, pid);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void ctrlCRestoresTheTerminalAndStopsTheRecording(Jdk jdk, @TempDir Path dir) throws Exception {
    try (TopTargetJvm app = TopTargetJvm.start(AgentJvm.on(jdk).command("itapps.TopTarget"));
        Tmux tmux = Tmux.start(script(jdk, dir, app.pid()), COLS, ROWS)) {
      tmux.await("the live tasks", s -> s.contains("inbox-reader"));
      tmux.keys("C-c");
      String text = String.join("\n", tmux.await("top's exit", TopTerminalIT::saysHowTopEnded));
      assertThat(text).contains("top exited with status 130", "terminal settings restored");
      assertThat(text).doesNotContain("keys: d duration");
      assertThat(recordingsOnceStopped(jdk, app.pid())).contains("No available recordings");
      assertThat(app.stop()).isEqualTo("done");
    }
  }

  /**
   * Whether the script has said both how top ended and whether the terminal's settings came back:
   * it prints the two lines one after the other, and the screen may be read between them.
   */
  private static boolean saysHowTopEnded(String screen) {
    return screen.contains("top exited with status") && screen.contains("terminal settings ");
  }

  /** A shell script that runs top, then says how it ended and whether stty's settings came back. */
  private static String script(Jdk jdk, Path dir, long pid) throws Exception {
    Path script = dir.resolve("top.sh");
    Files.writeString(
        script,
        String.join(
            "\n",
            "before=$(stty -g)",
            "'"
                + jdk.java()
                + "' -jar '"
                + AgentJvm.AGENT_JAR
                + "' top "
                + pid
                + " --interval 500ms",
            "status=$?",
            "after=$(stty -g)",
            "clear",
            "echo \"top exited with status $status\"",
            "if [ \"$before\" = \"$after\" ]; then echo 'terminal settings restored';"
                + " else echo 'terminal settings changed'; fi",
            "sleep 120",
            ""),
        StandardCharsets.UTF_8);
    return "bash " + script;
  }

  private static List<String> taskNames(List<String> screen) {
    List<String> names = new ArrayList<>();
    for (String line : screen) {
      if (line.matches(" *\\d+  \\S+ +(RUNNING|BLOCKED|FOREIGN|UNWINDING) .*")) {
        names.add(line.trim().split("\\s+")[1]);
      }
    }
    return names;
  }

  private static String firstTaskRow(List<String> screen) {
    return screen.stream()
        .filter(l -> l.matches(" *\\d+  \\S+ +(RUNNING|BLOCKED|FOREIGN|UNWINDING) .*"))
        .findFirst()
        .orElseThrow();
  }

  /** What {@code jcmd <pid> JFR.check} says about the JVM's recordings. */
  private static String recordings(Jdk jdk, long pid) throws Exception {
    Path jcmd = jdk.java().getParent().resolve("jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JFR.check")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
