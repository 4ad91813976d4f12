package dev.taskrt.inspect.live;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The terminal {@code top} draws on, with ANSI escapes and {@code stty}, no library: the alternate
 * screen (so the shell's screen comes back as it was), no cursor, keys read one at a time without
 * echo. {@link #close} puts everything back; it is also a shutdown hook, so Ctrl-C (SIGINT, which
 * the terminal still delivers) and SIGTERM restore the terminal too.
 */
final class Terminal implements AutoCloseable {
  private static final String ENTER = "\033[?1049h\033[?25l\033[H\033[2J";
  private static final String LEAVE = "\033[0m\033[?25h\033[?1049l";
  private static final File TTY = new File("/dev/tty");

  private final PrintStream out;
  private final InputStream in;
  private final String saved;
  private final Thread restoreOnExit;
  private boolean restored;

  private Terminal(PrintStream out, InputStream in, String saved) {
    this.out = out;
    this.in = in;
    this.saved = saved;
    this.restoreOnExit = new Thread(this::restore, "taskrt-top-restore-terminal");
  }

  /** Takes over the terminal, or says why there is none. */
  static Terminal open(PrintStream out, InputStream in) throws TopException {
    if (System.console() == null || !TTY.canRead()) {
      throw new TopException(
          TopException.USAGE,
          "taskrt: top: not running in a terminal; use --once for one plain snapshot (add --json"
              + " for JSON)");
    }
    String saved;
    try {
      saved = stty("-g").trim();
      stty("-icanon", "-echo", "min", "1");
    } catch (IOException e) {
      throw new TopException(
          TopException.USAGE,
          "taskrt: top: cannot set up the terminal with stty ("
              + e.getMessage()
              + "); use --once for one plain snapshot");
    }
    Terminal terminal = new Terminal(out, in, saved);
    Runtime.getRuntime().addShutdownHook(terminal.restoreOnExit);
    out.print(ENTER);
    out.flush();
    return terminal;
  }

  /** {rows, columns}; 24x80 when the terminal does not say. */
  int[] size() {
    try {
      String[] parts = stty("size").trim().split("\\s+");
      int rows = Integer.parseInt(parts[0]);
      int cols = Integer.parseInt(parts[1]);
      if (rows > 0 && cols > 0) {
        return new int[] {rows, cols};
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the classic size
    }
    return new int[] {24, 80};
  }

  /** Waits up to {@code millis} for a key; returns it, or -1. */
  int key(long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      if (in.available() > 0) {
        return in.read();
      }
      if (System.nanoTime() >= deadline) {
        return -1;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }

  /** Draws {@code lines} from the top left, the first in reverse video, clearing what is left. */
  void draw(List<String> lines, int rows, int cols) {
    StringBuilder b = new StringBuilder("\033[H");
    int n = Math.min(lines.size(), rows);
    for (int i = 0; i < n; i++) {
      String line = lines.get(i);
      if (line.length() > cols) {
        line = line.substring(0, cols);
      }
      if (i == 0) {
        b.append("\033[7m").append(line).append(" ".repeat(cols - line.length())).append("\033[0m");
      } else {
        b.append(line).append("\033[K");
      }
      if (i < n - 1) {
        b.append("\r\n");
      }
    }
    b.append("\033[J");
    out.print(b);
    out.flush();
  }

  @Override
  public void close() {
    restore();
    try {
      Runtime.getRuntime().removeShutdownHook(restoreOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void restore() {
    if (restored) {
      return;
    }
    restored = true;
    out.print(LEAVE);
    out.flush();
    try {
      stty(saved);
    } catch (IOException e) {
      out.println("taskrt: top: could not restore the terminal; run: stty sane");
    }
  }

  private static String stty(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = "stty";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(TTY))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("stty " + String.join(" ", args) + " failed");
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for stty");
    }
  }
}
