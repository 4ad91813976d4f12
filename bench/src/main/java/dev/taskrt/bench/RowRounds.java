package dev.taskrt.bench;

import dev.taskrt.bench.runtime.CpuTimeProfiler;
import dev.taskrt.bench.runtime.TaskThreadExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * One row (or a few rows sharing benchmarks) of {@code ./taskrt bench}'s table, measured with
 * {@link RoundsRatio}'s method and written to the table's results file ({@link
 * dev.taskrt.bench.table.ResultsFile}): every benchmark the rows name runs one fork per round, the
 * order rotating from round to round, and each round appends, for each row, its baseline's and
 * variant's wall score, CPU time per operation ({@link CpuTimeProfiler}) and, with {@code --gc},
 * bytes allocated per operation.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --emit RESULTS [OPTION]... \
 *     CLASS --pair ROW BASELINE VARIANT [--pair ROW BASELINE VARIANT]...
 *
 *   --rounds N          rounds (default 3)
 *   --warmup N          warm-up iterations per fork (default: the class's)
 *   --iterations N      measured iterations per fork (default: the class's)
 *   --time MS           length of each iteration (default: the class's)
 *   --gc                bytes per operation (-prof gc)
 *   --task-threads      benchmark threads are taskrt's TaskThreads (TaskThreadExecutor)
 *   --param NAME=VALUE  a JMH parameter
 * </pre>
 *
 * Each fork's figures are also printed on standard output as it ends.
 */
public final class RowRounds {
  private final Path results;
  private final String benchClass;
  private final Map<String, String[]> pairs = new LinkedHashMap<>();
  private final Map<String, String> params = new LinkedHashMap<>();
  private int rounds = 3;
  private Integer warmup;
  private Integer iterations;
  private Integer timeMillis;
  private boolean gc;
  private boolean taskThreads;

  private RowRounds(Path results, String benchClass) {
    this.results = results;
    this.benchClass = benchClass;
  }

  /** One fork's figures. */
  private record Figures(double wall, String unit, double cpu, double alloc) {}

  /** Parses the arguments (see the class comment) and runs the rounds. */
  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: see the javadoc of " + RowRounds.class);
    }
    Path results = Path.of(args[0]);
    RowRounds run = null;
    Map<String, String> options = new LinkedHashMap<>();
    List<String[]> pairArgs = new ArrayList<>();
    List<String> paramArgs = new ArrayList<>();
    String benchClass = null;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--rounds", "--warmup", "--iterations", "--time" -> options.put(a, args[++i]);
        case "--gc", "--task-threads" -> options.put(a, "");
        case "--param" -> paramArgs.add(args[++i]);
        case "--pair" -> {
          pairArgs.add(new String[] {args[i + 1], args[i + 2], args[i + 3]});
          i += 3;
        }
        default -> {
          if (a.startsWith("--") || benchClass != null) {
            throw new IllegalArgumentException("unknown or repeated argument: " + a);
          }
          benchClass = a;
        }
      }
    }
    if (benchClass == null || pairArgs.isEmpty()) {
      throw new IllegalArgumentException("need a benchmark class and at least one --pair");
    }
    run = new RowRounds(results, benchClass);
    run.rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
    run.warmup = intOrNull(options.get("--warmup"));
    run.iterations = intOrNull(options.get("--iterations"));
    run.timeMillis = intOrNull(options.get("--time"));
    run.gc = options.containsKey("--gc");
    run.taskThreads = options.containsKey("--task-threads");
    for (String p : paramArgs) {
      int eq = p.indexOf('=');
      run.params.put(p.substring(0, eq), p.substring(eq + 1));
    }
    for (String[] p : pairArgs) {
      run.pairs.put(p[0], new String[] {p[1], p[2]});
    }
    run.run();
  }

  private static Integer intOrNull(String text) {
    return text == null ? null : Integer.valueOf(text);
  }

  private void run() throws RunnerException, IOException {
    List<String> benchmarks = new ArrayList<>(new LinkedHashSet<>(allBenchmarks()));
    for (int r = 0; r < rounds; r++) {
      Map<String, Figures> round = new LinkedHashMap<>();
      for (int k = 0; k < benchmarks.size(); k++) {
        String benchmark = benchmarks.get((r + k) % benchmarks.size());
        Figures f = runFork(benchmark);
        round.put(benchmark, f);
        System.out.printf(
            Locale.ROOT,
            "round %d/%d %-28s wall %10.4f %s  cpu %10.4f ns/op  alloc %8.2f B/op%n",
            r + 1,
            rounds,
            benchmark,
            f.wall(),
            f.unit(),
            f.cpu(),
            f.alloc());
      }
      append(round, r == 0);
    }
  }

  private List<String> allBenchmarks() {
    List<String> all = new ArrayList<>();
    for (String[] pair : pairs.values()) {
      all.add(pair[0]);
      all.add(pair[1]);
    }
    return all;
  }

  /** Appends one round's pairs (and, after the first round, nothing else) to the results. */
  private void append(Map<String, Figures> round, boolean first) throws IOException {
    try (PrintWriter out =
        new PrintWriter(
            Files.newBufferedWriter(
                results,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
      for (Map.Entry<String, String[]> e : pairs.entrySet()) {
        String row = e.getKey();
        Figures base = round.get(e.getValue()[0]);
        Figures variant = round.get(e.getValue()[1]);
        boolean throughput = base.unit().startsWith("ops/");
        if (first) {
          out.println("unit\t" + row + "\twall\t" + base.unit());
          if (!throughput) {
            out.println("unit\t" + row + "\tcpu\tns/op");
          }
          if (gc) {
            out.println("unit\t" + row + "\talloc\tB/op");
          }
        }
        pair(out, row, "wall", base.wall(), variant.wall());
        if (!throughput) {
          pair(out, row, "cpu", base.cpu(), variant.cpu());
        }
        if (gc) {
          pair(out, row, "alloc", base.alloc(), variant.alloc());
        }
      }
    }
  }

  private static void pair(PrintWriter out, String row, String measure, double b, double v) {
    out.printf(Locale.ROOT, "pair\t%s\t%s\t%s\t%s%n", row, measure, b, v);
  }

  private Figures runFork(String benchmark) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(java.util.regex.Pattern.quote(benchClass + "." + benchmark) + "$")
            .forks(1)
            .addProfiler(CpuTimeProfiler.class)
            .verbosity(VerboseMode.SILENT);
    if (gc) {
      options.addProfiler(GCProfiler.class);
    }
    if (taskThreads) {
      options.jvmArgsAppend(
          "-Djmh.executor=CUSTOM", "-Djmh.executor.class=" + TaskThreadExecutor.class.getName());
    }
    if (warmup != null) {
      options.warmupIterations(warmup);
    }
    if (iterations != null) {
      options.measurementIterations(iterations);
    }
    if (timeMillis != null) {
      options.warmupTime(TimeValue.milliseconds(timeMillis));
      options.measurementTime(TimeValue.milliseconds(timeMillis));
    }
    params.forEach(options::param);
    RunResult result = new Runner(options.build()).runSingle();
    Result primary = result.getPrimaryResult();
    return new Figures(
        primary.getScore(),
        primary.getScoreUnit(),
        secondary(result, "cpu.time.norm"),
        secondary(result, "gc.alloc.rate.norm"));
  }

  private static double secondary(RunResult result, String name) {
    Map<String, Result> all = result.getSecondaryResults();
    Result r = all.containsKey(name) ? all.get(name) : all.get("\u00b7" + name);
    return r == null ? Double.NaN : r.getScore();
  }
}
