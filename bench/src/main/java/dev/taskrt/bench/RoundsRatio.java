package dev.taskrt.bench;

import dev.taskrt.bench.legacy.ExecutorHandoffBenchmark;
import dev.taskrt.bench.runtime.CpuTimeProfiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Ratios of benchmark variants to a baseline, with a 95% confidence interval, from forks run side
 * by side in rounds: for benchmarks whose noise from fork to fork is wider than their budget (a
 * hand-off to a parked thread: an executor's submit+get, a spawn and join).
 *
 * <p>A round runs one fork of each variant back to back (the order rotating from round to round),
 * the ratio is taken within each round, and the rounds' ratios are summarised by their geometric
 * mean and a Student-t interval of their logarithms. Wall time per operation is JMH's score; the
 * CPU time of the whole JVM per operation ({@link CpuTimeProfiler}) is printed next to it, in the
 * same unit.
 *
 * <p>From the repository root, after {@code mvn -pl bench,agent -am package -DskipTests}:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio [ROUNDS] [batch]
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --compare CLASS ROUNDS BASELINE VARIANT...
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --pool FILE...
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --emit RESULTS ... (see RowRounds)
 * </pre>
 *
 * The first form compares {@link ExecutorHandoffBenchmark}'s variants with its no-agent baseline
 * (with {@code batch}, the {@code *Batch} variants: 64 submissions in flight). {@code --compare}
 * names any benchmark class and its methods, the baseline first. {@code --pool} runs nothing and
 * summarises the rounds of earlier runs together, read from their saved output (the first variant
 * in each is the baseline). {@code --emit} runs rows of {@code ./taskrt bench}'s table the same way
 * and appends their rounds to its results file ({@link RowRounds}).
 */
public final class RoundsRatio {
  private static final String[] HANDOFF_VARIANTS = {"noAgent", "propagateOff", "propagateOn"};

  private RoundsRatio() {}

  /** Runs the rounds and prints the summary. */
  public static void main(String[] args) throws RunnerException, java.io.IOException {
    if (args.length > 0 && args[0].equals("--emit")) {
      RowRounds.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("--pool")) {
      pool(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("--compare")) {
      if (args.length < 5) {
        throw new IllegalArgumentException(
            "usage: --compare CLASS ROUNDS BASELINE VARIANT... (got " + args.length + " words)");
      }
      run(args[1], java.util.Arrays.copyOfRange(args, 3, args.length), Integer.parseInt(args[2]));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    String suffix = args.length > 1 && args[1].equals("batch") ? "Batch" : "";
    String[] variants = new String[HANDOFF_VARIANTS.length];
    for (int i = 0; i < variants.length; i++) {
      variants[i] = HANDOFF_VARIANTS[i] + suffix;
    }
    run(ExecutorHandoffBenchmark.class.getName(), variants, rounds);
  }

  /** Runs {@code variants} (the baseline first) of {@code benchClass} in rounds; prints it all. */
  private static void run(String benchClass, String[] variants, int rounds) throws RunnerException {
    if (rounds < 2) {
      throw new IllegalArgumentException("need at least 2 rounds for an interval, got " + rounds);
    }
    double[][] wall = new double[variants.length][rounds];
    double[][] cpu = new double[variants.length][rounds];
    String unit = "";
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < variants.length; k++) {
        int v = (r + k) % variants.length;
        System.out.printf(Locale.ROOT, "round %d/%d: %s ...%n", r + 1, rounds, variants[v]);
        RunResult result = runFork(benchClass, variants[v]);
        wall[v][r] = result.getPrimaryResult().getScore();
        unit = result.getPrimaryResult().getScoreUnit();
        Result cpuResult = result.getSecondaryResults().get("cpu.time.norm");
        cpu[v][r] = cpuResult == null ? Double.NaN : cpuResult.getScore() / nanosPer(unit);
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-20s %12s %12s   (per fork, %s; %d rounds)%n",
        "variant",
        "wall",
        "cpu",
        unit,
        rounds);
    for (int v = 0; v < variants.length; v++) {
      for (int r = 0; r < rounds; r++) {
        System.out.printf(Locale.ROOT, "%-20s %12.3f %12.3f%n", variants[v], wall[v][r], cpu[v][r]);
      }
    }
    System.out.println();
    for (int v = 1; v < variants.length; v++) {
      String label = variants[v] + " / " + variants[0];
      System.out.println(summary(label + " (wall)", wall[v], wall[0]));
      System.out.println(summary(label + " (cpu) ", cpu[v], cpu[0]));
    }
  }

  /** Nanoseconds in the time unit of a JMH score ("us/op", "ns/op", ...). */
  private static double nanosPer(String scoreUnit) {
    if (scoreUnit.startsWith("ms")) {
      return 1_000_000.0;
    }
    if (scoreUnit.startsWith("us")) {
      return 1_000.0;
    }
    return 1.0;
  }

  /** Summarises the per-fork lines ("variant wall cpu") of saved outputs, round by round. */
  private static void pool(String[] files) throws java.io.IOException {
    java.util.Map<String, List<double[]>> forks = new java.util.LinkedHashMap<>();
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("^(\\w+)\\s+([\\d.]+)\\s+([\\d.NaN]+)$");
    for (String file : files) {
      java.util.Map<String, List<double[]>> ofFile = new java.util.LinkedHashMap<>();
      for (String text : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
        java.util.regex.Matcher m = line.matcher(text.trim());
        if (m.matches()) {
          ofFile
              .computeIfAbsent(m.group(1), k -> new ArrayList<>())
              .add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
      }
      // rounds pair up within a file only: append each file's forks in its own round order
      ofFile.forEach((k, v) -> forks.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }
    String baseline = forks.keySet().iterator().next(); // the first variant printed
    for (String variant : forks.keySet()) {
      if (variant.equals(baseline)) {
        continue;
      }
      for (int measure = 0; measure < 2; measure++) {
        double[] v = column(forks.get(variant), measure);
        double[] b = column(forks.get(baseline), measure);
        String label = variant + " / " + baseline + (measure == 0 ? " (wall)" : " (cpu) ");
        System.out.println(summary(label + ", " + v.length + " rounds", v, b));
      }
    }
  }

  private static double[] column(List<double[]> rows, int index) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i)[index];
    }
    return out;
  }

  private static RunResult runFork(String benchClass, String benchmark) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(java.util.regex.Pattern.quote(benchClass + "." + benchmark) + "$")
            .forks(1)
            .addProfiler(CpuTimeProfiler.class)
            .verbosity(VerboseMode.SILENT)
            .build();
    return new Runner(options).runSingle();
  }

  /** Geometric mean of the per-round ratios and its 95% interval. */
  static String summary(String label, double[] variant, double[] baseline) {
    List<Double> logs = new ArrayList<>();
    for (int r = 0; r < variant.length; r++) {
      if (variant[r] > 0 && baseline[r] > 0) {
        logs.add(Math.log(variant[r] / baseline[r]));
      }
    }
    int n = logs.size();
    if (n < 2) {
      return String.format(Locale.ROOT, "%-40s not enough rounds", label);
    }
    double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = 0;
    for (double x : logs) {
      ss += (x - mean) * (x - mean);
    }
    double halfWidth =
        new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
    return String.format(
        Locale.ROOT,
        "%-40s %.3f  (95%% interval %.3f to %.3f)",
        label,
        Math.exp(mean),
        Math.exp(mean - halfWidth),
        Math.exp(mean + halfWidth));
  }
}
