package dev.taskrt.samples.pipeline;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import dev.taskrt.Select;
import dev.taskrt.Selected;
import dev.taskrt.Spawn;
import dev.taskrt.Task;
import dev.taskrt.Tasks;
import java.time.Duration;

/**
 * A producer, a transform and a sink, each a task, joined by bounded streams.
 *
 * <p>The producer is fast and the sink slow, so the producer runs ahead only as far as the pipes
 * hold, then waits (back-pressure). The sink selects over two ports, the transformed items and the
 * producer's progress reports, so it can tell how far ahead the producer got. When the producer
 * returns, its pipes close; the transform sees the end and returns, and the sink sees both ports
 * end: a clean end with no "poison" message.
 */
public final class Pipeline {
  /** Room in each of the two item pipes. */
  static final int CAPACITY = 4;

  private Pipeline() {}

  /** {@code [items]} (default 40). */
  public static void main(String[] args) {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Pipe<Integer> numbers = Pipes.stream(CAPACITY);
    Pipe<String> lines = Pipes.stream(CAPACITY);
    Pipe<Integer> progress = Pipes.stream(items);
    System.out.println("pipeline: " + items + " items, pipes of " + CAPACITY);
    produce(items, numbers.chan(), progress.chan());
    transform(numbers.port(), lines.chan());
    sink(lines.port(), progress.port());
  }

  /** Sends 1..items as fast as the pipe takes them, reporting each send. */
  @Spawn(name = "producer")
  static void produce(int items, Chan<Integer> out, Chan<Integer> progress) {
    for (int i = 1; i <= items; i++) {
      out.send(i);
      progress.send(i);
    }
  }

  /** Squares each number into a line; returns when the producer's pipe ends. */
  @Spawn(name = "transform")
  static void transform(Port<Integer> in, Chan<String> out) {
    for (int n : in) {
      out.send(n + "^2=" + (n * n));
    }
  }

  /** Takes lines slowly, and watches how far ahead of it the producer is. */
  @Task(name = "sink")
  static void sink(Port<String> lines, Port<Integer> progress) {
    int consumed = 0;
    int produced = 0;
    int maxAhead = 0;
    String last = null;
    boolean linesOpen = true;
    boolean progressOpen = true;
    while (linesOpen || progressOpen) {
      Selected next =
          linesOpen && progressOpen
              ? Select.any(lines, progress)
              : Select.any(linesOpen ? lines : progress);
      boolean fromLines = linesOpen && (!progressOpen || next.index() == 0);
      if (next.closed()) {
        if (fromLines) {
          linesOpen = false;
          System.out.println("sink: the items' pipe ended after " + consumed + " items");
        } else {
          progressOpen = false;
        }
      } else if (fromLines) {
        consumed++;
        last = next.value();
        Tasks.sleep(Duration.ofMillis(3));
      } else {
        produced = next.value();
      }
      maxAhead = Math.max(maxAhead, produced - consumed);
    }
    System.out.println("sink: last item " + last);
    System.out.println(
        "sink: the producer ran at most "
            + maxAhead
            + " items ahead (the pipes hold "
            + (2 * CAPACITY)
            + ", the transform 1)");
    System.out.println("pipeline ended cleanly");
  }
}
