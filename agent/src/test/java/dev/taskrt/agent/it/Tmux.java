package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A tmux server of the test's own (its own socket name), to run a command in a terminal of a given
 * size, type keys into it and read its screen as a person would see it. Installs tmux with apt-get
 * when it is missing, or fails saying so.
 */
final class Tmux implements AutoCloseable {
  private final String socket;
  private final String session = "top";

  private Tmux(String socket) {
    this.socket = socket;
  }

  /** Starts {@code command} in a new {@code cols}x{@code rows} terminal. */
  static Tmux start(String command, int cols, int rows) throws Exception {
    require();
    Tmux tmux = new Tmux("taskrt-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    tmux.run(
        "new-session",
        "-d",
        "-s",
        tmux.session,
        "-x",
        Integer.toString(cols),
        "-y",
        Integer.toString(rows),
        command);
    return tmux;
  }

  /** The screen now, one string per row, without colours. */
  List<String> screen() throws Exception {
    String text = run("capture-pane", "-p", "-t", session);
    return new ArrayList<>(text.lines().toList());
  }

  /** Types keys, as tmux's send-keys names them ({@code q}, {@code C-c}). */
  void keys(String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(args.toArray(new String[0]));
  }

  /** Waits (up to 60 s) until the screen satisfies {@code test}; returns that screen. */
  List<String> await(String what, Predicate<String> test) throws Exception {
    List<String> screen = List.of();
    for (int i = 0; i < 600; i++) {
      screen = screen();
      if (test.test(String.join("\n", screen))) {
        return screen;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the screen never showed " + what + "; it shows:\n" + String.join("\n", screen));
  }

  @Override
  public void close() throws Exception {
    try {
      run("kill-server");
    } catch (AssertionError alreadyGone) {
      // the session ended and took the server with it
    }
  }

  private String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  /**
   * Makes sure tmux is installed: apt-get installs it when it is missing (the tests run as root).
   */
  static void require() throws IOException, InterruptedException {
    if (works("tmux", "-V")) {
      return;
    }
    boolean installed =
        works("apt-get", "update")
            && works("apt-get", "install", "-y", "tmux")
            && works("tmux", "-V");
    if (!installed) {
      fail(
          "tmux is missing and apt-get could not install it; install it (apt-get install -y tmux)"
              + " to run the terminal tests of top");
    }
  }

  private static boolean works(String... command) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
