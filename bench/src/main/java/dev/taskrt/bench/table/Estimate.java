package dev.taskrt.bench.table;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One figure of a row with its 95% interval, from rounds in which the baseline and the measured
 * variant ran side by side: either the ratio of the two (the geometric mean of the rounds' ratios,
 * the interval a Student-t interval of their logarithms, as {@link dev.taskrt.bench.RoundsRatio}),
 * or their difference (the mean of the rounds' differences and a Student-t interval). With one
 * round there is no interval: {@link #low} and {@link #high} are NaN.
 *
 * @param value the ratio (variant / baseline) or difference (variant - baseline)
 * @param low the interval's lower end, or NaN
 * @param high the interval's upper end, or NaN
 * @param rounds how many rounds gave it
 * @param baselineMean the baseline's mean over the rounds, in the measure's unit
 * @param variantMean the variant's mean over the rounds, in the measure's unit
 */
public record Estimate(
    double value, double low, double high, int rounds, double baselineMean, double variantMean) {

  /** One round: the baseline's and the variant's figure, measured side by side. */
  public record Pair(double baseline, double variant) {}

  /** Whether the estimate has an interval (two rounds or more). */
  public boolean hasInterval() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /**
   * The ratio variant / baseline over {@code pairs}; rounds with a figure that is not positive are
   * left out (a failed measurement).
   *
   * @throws IllegalArgumentException if no round is left
   */
  public static Estimate ratio(List<Pair> pairs) {
    double[] logs = new double[pairs.size()];
    int n = 0;
    double baseSum = 0;
    double varSum = 0;
    for (Pair p : pairs) {
      if (p.baseline() > 0 && p.variant() > 0) {
        logs[n++] = Math.log(p.variant() / p.baseline());
        baseSum += p.baseline();
        varSum += p.variant();
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no round with two positive figures");
    }
    double[] interval = meanAndHalfWidth(logs, n);
    double mean = interval[0];
    double half = interval[1];
    return new Estimate(
        Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), n, baseSum / n, varSum / n);
  }

  /**
   * The difference variant - baseline over {@code pairs}.
   *
   * @throws IllegalArgumentException if there are no pairs
   */
  public static Estimate difference(List<Pair> pairs) {
    int n = pairs.size();
    if (n == 0) {
      throw new IllegalArgumentException("no round");
    }
    double[] diffs = new double[n];
    double baseSum = 0;
    double varSum = 0;
    for (int i = 0; i < n; i++) {
      diffs[i] = pairs.get(i).variant() - pairs.get(i).baseline();
      baseSum += pairs.get(i).baseline();
      varSum += pairs.get(i).variant();
    }
    double[] interval = meanAndHalfWidth(diffs, n);
    return new Estimate(
        interval[0],
        interval[0] - interval[1],
        interval[0] + interval[1],
        n,
        baseSum / n,
        varSum / n);
  }

  /** The mean of the first {@code n} values and the half-width of its 95% interval (NaN if n<2). */
  private static double[] meanAndHalfWidth(double[] values, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
    }
    double mean = sum / n;
    if (n < 2) {
      return new double[] {mean, Double.NaN};
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (values[i] - mean) * (values[i] - mean);
    }
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
    return new double[] {mean, t * Math.sqrt(ss / (n - 1) / n)};
  }
}
