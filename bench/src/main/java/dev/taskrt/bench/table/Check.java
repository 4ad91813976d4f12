package dev.taskrt.bench.table;

import java.util.List;
import java.util.Locale;

/**
 * One figure of a row and its budget: which measure of the results file it reads ({@code cpu},
 * {@code wall}, {@code alloc}, {@code rss}), whether it is a ratio to the baseline or a difference
 * from it, and the limit. A check with no limit ({@link #informative}) is printed but decides
 * nothing.
 *
 * @param measure the measure's key in the results file
 * @param form how the figure is taken and held against the limit
 * @param limit the budget, or NaN for none
 * @param unit the unit of a difference ({@code ns}, {@code ms}, {@code MiB}, {@code B/op}); empty
 *     for a ratio
 */
public record Check(String measure, Form form, double limit, String unit) {

  /** How a figure is taken and held against its limit. */
  public enum Form {
    /** A ratio of times or sizes: at most the limit (lower is better). */
    RATIO_AT_MOST,
    /** A ratio of throughputs: at least the limit (higher is better). */
    RATIO_AT_LEAST,
    /** A difference in {@link Check#unit}: at most the limit. */
    DIFFERENCE_AT_MOST
  }

  /** A ratio of times, at most {@code limit}. */
  public static Check ratioAtMost(String measure, double limit) {
    return new Check(measure, Form.RATIO_AT_MOST, limit, "");
  }

  /** A ratio of throughputs, at least {@code limit}. */
  public static Check ratioAtLeast(String measure, double limit) {
    return new Check(measure, Form.RATIO_AT_LEAST, limit, "");
  }

  /** A difference in {@code unit}, at most {@code limit}. */
  public static Check differenceAtMost(String measure, double limit, String unit) {
    return new Check(measure, Form.DIFFERENCE_AT_MOST, limit, unit);
  }

  /** The same figure with no budget: printed for information. */
  public Check informative() {
    return new Check(measure, form, Double.NaN, unit);
  }

  /** Whether the check has a budget to meet. */
  public boolean hasLimit() {
    return !Double.isNaN(limit);
  }

  /** The figure from the rounds' pairs: their ratio or their difference. */
  public Estimate estimate(List<Estimate.Pair> pairs) {
    return form == Form.DIFFERENCE_AT_MOST ? Estimate.difference(pairs) : Estimate.ratio(pairs);
  }

  /**
   * Whether the estimate meets the budget. Allocation is counted in whole bytes per operation
   * ({@code -prof gc} reports a few thousandths of a byte of the harness's own for a benchmark that
   * allocates nothing).
   *
   * @throws IllegalStateException if the check has no budget
   */
  public boolean met(Estimate estimate) {
    if (!hasLimit()) {
      throw new IllegalStateException("no budget for " + measure);
    }
    double value = judged(estimate.value());
    return form == Form.RATIO_AT_LEAST ? value >= limit : value <= limit;
  }

  /** Whether the 95% interval reaches both sides of the budget, so the verdict is not sure. */
  public boolean intervalSpansLimit(Estimate estimate) {
    return hasLimit()
        && estimate.hasInterval()
        && judged(estimate.low()) <= limit
        && judged(estimate.high()) >= limit
        && judged(estimate.low()) != judged(estimate.high());
  }

  private double judged(double value) {
    return unit.equals("B/op") ? Math.round(value) : value;
  }

  /** The figure as the table prints it: {@code 1.17x}, {@code +1.25 ns}, {@code +224 B/op}. */
  public String format(double value) {
    if (form != Form.DIFFERENCE_AT_MOST) {
      return String.format(Locale.ROOT, "%.2fx", value);
    }
    String sign = value >= 0 ? "+" : "";
    if (unit.equals("B/op")) {
      return sign + Math.round(value) + " B/op";
    }
    return String.format(Locale.ROOT, "%s%.2f %s", sign, value, unit);
  }

  /** The interval as the table prints it, or {@code -} when there is none. */
  public String formatInterval(Estimate estimate) {
    if (!estimate.hasInterval()) {
      return "- (1 round)";
    }
    return format(estimate.low()) + " to " + format(estimate.high());
  }

  /** The budget as the table prints it: {@code <= 1.10x}, {@code >= 1.00x}, {@code <= +2 ns}. */
  public String formatBudget() {
    if (!hasLimit()) {
      return "-";
    }
    if (form == Form.RATIO_AT_LEAST) {
      return ">= " + format(limit);
    }
    if (form == Form.DIFFERENCE_AT_MOST && limit == Math.rint(limit)) {
      return unit.equals("B/op") && limit == 0 ? "0 B/op" : "<= +" + (long) limit + " " + unit;
    }
    return "<= " + format(limit);
  }
}
