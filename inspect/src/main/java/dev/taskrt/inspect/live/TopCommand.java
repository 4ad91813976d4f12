package dev.taskrt.inspect.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar taskrt-agent.jar top <pid> [--once] [--json] [--interval 1s]}: the live view of
 * a running JVM's tasks. Attaches ({@link TargetJvm}), streams the JVM's taskrt events ({@link
 * LiveStream}) into a {@link LiveModel}, and either prints one snapshot ({@code --once}, as text or
 * JSON) or draws the view on the terminal every interval until {@code q}.
 */
public final class TopCommand {
  /** How long {@code --once} waits for its snapshots beyond two intervals. */
  static final Duration ONCE_GRACE = Duration.ofSeconds(20);

  private static final String KEYS = "keys: d duration  n name  s state  i id  q quit";

  private TopCommand() {}

  /**
   * Runs {@code top} with the arguments that follow the command's name.
   *
   * @return the exit status: 0, or the status of the problem (see docs/TOP.md)
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.in);
  }

  static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    try {
      TopOptions options = TopOptions.parse(args);
      try (TargetJvm target = TargetJvm.attach(options.pid())) {
        LiveModel model = new LiveModel();
        try (LiveStream stream = LiveStream.start(target, model, options.interval())) {
          if (options.once()) {
            LiveSnapshot s = awaitSnapshots(target, stream, model, options.interval());
            if (options.json()) {
              out.println(SnapshotJson.of(target.pid, target.mainClass, s));
            } else {
              for (String line :
                  new SnapshotText(target.label(), SortOrder.DURATION, 80).lines(s, 0)) {
                out.println(line);
              }
            }
            out.flush();
            return 0;
          }
          return watch(target, stream, model, options.interval(), out, in);
        }
      }
    } catch (TopException e) {
      err.println(e.getMessage());
      return e.status;
    }
  }

  /**
   * Waits for the second snapshot taken while streaming, so that failures and kills of a whole
   * interval are in, and the kernel's counts.
   */
  private static LiveSnapshot awaitSnapshots(
      TargetJvm target, LiveStream stream, LiveModel model, Duration interval) throws TopException {
    long deadline = System.nanoTime() + interval.multipliedBy(2).plus(ONCE_GRACE).toNanos();
    while (model.closedSnapshots() < 2 || !model.hasKernelStats()) {
      if (stream.isClosed()) {
        throw new TopException(
            TopException.NO_SNAPSHOT,
            "taskrt: top: process " + target.pid + " ended before a snapshot of its tasks arrived");
      }
      if (System.nanoTime() > deadline) {
        throw new TopException(
            TopException.NO_SNAPSHOT,
            "taskrt: top: no live-task snapshot from process "
                + target.pid
                + " within "
                + (interval.multipliedBy(2).plus(ONCE_GRACE).toSeconds())
                + " s: no task has run in it yet (the kernel starts with the first), or its"
                + " taskrt agent (version "
                + target.agentVersion
                + ") predates top; use the agent jar it runs with");
      }
      pause(50);
    }
    return model.snapshot();
  }

  private static int watch(
      TargetJvm target,
      LiveStream stream,
      LiveModel model,
      Duration interval,
      PrintStream out,
      InputStream in)
      throws TopException {
    Thread closeOnExit = new Thread(stream::close, "taskrt-top-close-stream");
    Runtime.getRuntime().addShutdownHook(closeOnExit);
    SortOrder order = SortOrder.DURATION;
    String ended = null;
    try (Terminal terminal = Terminal.open(out, in)) {
      long nextDraw = 0;
      boolean dirty = true;
      while (true) {
        if (dirty || System.nanoTime() >= nextDraw) {
          int[] size = terminal.size();
          terminal.draw(screen(target, model, order, interval, size[0], size[1]), size[0], size[1]);
          nextDraw = System.nanoTime() + interval.toNanos();
          dirty = false;
        }
        if (stream.isClosed()) {
          ended = "taskrt: top: process " + target.pid + " ended; the last snapshot is above";
          break;
        }
        int key = terminal.key(50);
        if (key == 'q' || key == 'Q' || key == 3 || key == 4) {
          break;
        }
        SortOrder chosen = key < 0 ? null : SortOrder.forKey(key);
        if (chosen != null) {
          order = chosen;
          dirty = true;
        }
      }
    } catch (IOException e) {
      ended = "taskrt: top: reading the keyboard failed: " + e.getMessage();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
    if (ended != null) {
      LiveSnapshot last = model.snapshot();
      if (last != null) {
        for (String line : new SnapshotText(target.label(), order, 80).lines(last, 0)) {
          out.println(line);
        }
      }
      out.println(ended);
      return stream.isClosed() ? 0 : 1;
    }
    return 0;
  }

  /** What the terminal shows: the snapshot cut to the screen, and the keys on the last row. */
  static List<String> screen(
      TargetJvm target, LiveModel model, SortOrder order, Duration interval, int rows, int cols) {
    LiveSnapshot s = model.snapshot();
    List<String> lines = new ArrayList<>();
    if (s == null) {
      lines.add("taskrt top  " + target.label());
      lines.add("");
      lines.add(
          "waiting for the first snapshot of the live tasks (every "
              + SnapshotText.age(interval.toNanos())
              + ")...");
    } else {
      lines.addAll(new SnapshotText(target.label(), order, cols).lines(s, rows - 1));
    }
    while (lines.size() < rows - 1) {
      lines.add("");
    }
    lines.add(KEYS + "   (every " + SnapshotText.age(interval.toNanos()) + ")");
    return lines;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
