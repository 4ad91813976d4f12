package dev.taskrt.bench.mainthread;

import dev.taskrt.internal.TaskContext;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A per-call row of DESIGN §7 measured on the JVM's real {@code main} thread, which JMH cannot run
 * a benchmark on:
 *
 * <pre>
 * java -Xmx256m -XX:CompileCommand=quiet \
 *     -XX:CompileCommand=dontinline,dev.taskrt.bench.mainthread.MainThreadOps::* \
 *     -cp bench/target/benchmarks.jar dev.taskrt.bench.mainthread.MainThreadRounds \
 *     frame|task|tasklocal ROW RESULTS ROUNDS LOOP_MS
 * </pre>
 *
 * <p>Inside a root task entered on {@code main} (as an application's {@code main} runs under the
 * agent), each round times one loop of the operation and one of its baseline, in an order that
 * alternates from round to round; a loop runs long enough to take about {@code LOOP_MS}
 * milliseconds, its length fixed after warm-up rounds that are not counted. Every result feeds a
 * sink that is published at the end, so no call can be dropped. Per operation it takes the main
 * thread's CPU time, the wall time, and the bytes the main thread allocated, and prints each round.
 *
 * <p>The rounds share one JVM and one compilation of each loop, and what a call costs can depend on
 * the JVM: the same command has measured a frame at +1.0 ns a call in some JVMs and +2.4 ns in
 * others, every round alike within each (docs/PERFORMANCE.md, the budget table). So a JVM appends
 * one pair to the results file of {@code ./taskrt bench} ({@link
 * dev.taskrt.bench.table.ResultsFile}) as row {@code ROW}: the median of its rounds, for the
 * baseline and for the operation. {@code ./taskrt bench} runs several JVMs per row, as JMH runs a
 * fork per round, so the row's interval covers how the compilation varies between JVMs.
 */
public final class MainThreadRounds {
  private MainThreadRounds() {}

  /** Published at the end so that no result is dead code. */
  public static volatile long sink;

  private static final String DONT_INLINE = "dontinline," + MainThreadOps.class.getName() + "::*";

  /** A timed loop of {@code n} calls; returns what the calls fed the sink. */
  private interface Loop {
    long run(long n) throws Exception;
  }

  private static final Object RESULT = new Object();
  private static final Callable<Object> CALLABLE = () -> RESULT;

  /** Runs the rounds; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: MainThreadRounds frame|task|tasklocal ROW RESULTS ROUNDS LOOP_MS");
      System.exit(2);
    }
    Thread thread = Thread.currentThread();
    if (!thread.getName().equals("main") || thread.getId() != 1) {
      throw new IllegalStateException("not the JVM's main thread: " + thread);
    }
    boolean keptOutOfLine =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(a -> a.contains(DONT_INLINE));
    if (!keptOutOfLine) {
      System.err.println("run with -XX:CompileCommand=" + DONT_INLINE + " (see the javadoc)");
      System.exit(2);
    }
    String op = args[0];
    String row = args[1];
    Path results = Path.of(args[2]);
    int rounds = Integer.parseInt(args[3]);
    long loopNanos = Long.parseLong(args[4]) * 1_000_000L;

    TaskContext root = MainThreadOps.enterRoot();
    try {
      Loop baseline;
      Loop variant;
      switch (op) {
        case "frame" -> {
          baseline = MainThreadRounds::plainLoop;
          variant = MainThreadRounds::framedLoop;
        }
        case "task" -> {
          baseline = MainThreadRounds::plainCallLoop;
          variant = MainThreadRounds::taskCallLoop;
        }
        case "tasklocal" -> {
          MainThreadOps.THREAD_LOCAL.set(new Object());
          MainThreadOps.TASK_LOCAL.set(new Object());
          baseline = MainThreadRounds::threadLocalLoop;
          variant = MainThreadRounds::taskLocalLoop;
        }
        default -> throw new IllegalArgumentException("unknown operation: " + op);
      }
      measure(row, results, rounds, loopNanos, baseline, variant);
    } finally {
      MainThreadOps.exitRoot(root);
    }
  }

  private static void measure(
      String row, Path results, int rounds, long loopNanos, Loop baseline, Loop variant)
      throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Loop[] loops = {baseline, variant};
    // warm-up: both loops compiled, then the length that takes loopNanos for the slower one, from
    // each loop's fastest late warm-up round (a round the thread spent waiting for a core is slow)
    long n = 100_000;
    double[] fastest = {Double.MAX_VALUE, Double.MAX_VALUE};
    for (int w = 0; w < 12; w++) {
      for (int k = 0; k < 2; k++) {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += loops[k].run(n);
        double perCall = (threads.getCurrentThreadCpuTime() - t0) / (double) n;
        if (w >= 6) {
          fastest[k] = Math.min(fastest[k], perCall);
        }
      }
    }
    double slowest = Math.max(0.1, Math.max(fastest[0], fastest[1]));
    n = Math.max(10_000, (long) (loopNanos / slowest));
    System.out.printf(
        Locale.ROOT,
        "%s on %s: %d rounds of %d calls per loop%n",
        row,
        Thread.currentThread(),
        rounds,
        n);
    try (PrintWriter out =
        new PrintWriter(
            Files.newBufferedWriter(
                results,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
      out.println("unit\t" + row + "\tcpu\tns/op");
      out.println("unit\t" + row + "\twall\tns/op");
      out.println("unit\t" + row + "\talloc\tB/op");
      // per round: [round][baseline, operation][cpu, wall, alloc]
      double[][][] all = new double[rounds][][];
      for (int r = 0; r < rounds; r++) {
        double[][] figures = new double[2][];
        all[r] = figures;
        for (int k = 0; k < 2; k++) {
          int which = (r + k) % 2;
          long cpu0 = threads.getCurrentThreadCpuTime();
          long alloc0 = threads.getCurrentThreadAllocatedBytes();
          long wall0 = System.nanoTime();
          sink += loops[which].run(n);
          long wall = System.nanoTime() - wall0;
          long alloc = threads.getCurrentThreadAllocatedBytes() - alloc0;
          long cpu = threads.getCurrentThreadCpuTime() - cpu0;
          figures[which] = new double[] {cpu / (double) n, wall / (double) n, alloc / (double) n};
        }
        System.out.printf(
            Locale.ROOT,
            "round %d/%d: baseline %.3f ns CPU %.3f ns wall %.2f B, measured %.3f ns CPU %.3f ns"
                + " wall %.2f B%n",
            r + 1,
            rounds,
            figures[0][0],
            figures[0][1],
            figures[0][2],
            figures[1][0],
            figures[1][1],
            figures[1][2]);
      }
      String[] measures = {"cpu", "wall", "alloc"};
      for (int m = 0; m < measures.length; m++) {
        out.printf(
            Locale.ROOT,
            "pair\t%s\t%s\t%s\t%s%n",
            row,
            measures[m],
            median(all, 0, m),
            median(all, 1, m));
      }
    }
    System.out.println("sink " + sink);
  }

  /** The median over the rounds of figure {@code measure} of loop {@code which}. */
  static double median(double[][][] rounds, int which, int measure) {
    double[] values = new double[rounds.length];
    for (int r = 0; r < rounds.length; r++) {
      values[r] = rounds[r][which][measure];
    }
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static long plainLoop(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += MainThreadOps.plain((int) i);
    }
    return s;
  }

  private static long framedLoop(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += MainThreadOps.framed((int) i);
    }
    return s;
  }

  private static long plainCallLoop(long n) throws Exception {
    long s = 0;
    for (long i = 0; i < n; i++) {
      if (MainThreadOps.plainCall(CALLABLE) == RESULT) {
        s++;
      }
    }
    return s;
  }

  private static long taskCallLoop(long n) throws Exception {
    long s = 0;
    for (long i = 0; i < n; i++) {
      if (MainThreadOps.taskCall(CALLABLE) == RESULT) {
        s++;
      }
    }
    return s;
  }

  private static long threadLocalLoop(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      if (MainThreadOps.threadLocalGet() != null) {
        s++;
      }
    }
    return s;
  }

  private static long taskLocalLoop(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      if (MainThreadOps.taskLocalGet() != null) {
        s++;
      }
    }
    return s;
  }
}
