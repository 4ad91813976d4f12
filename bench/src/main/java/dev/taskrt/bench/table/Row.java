package dev.taskrt.bench.table;

/**
 * One row of DESIGN §7's budget table as measured: what, against which baseline, the figure and
 * budget that decide it ({@link #primary}), a second figure with a budget of its own where the row
 * has one (peak RSS, bytes per operation) and the aim.
 *
 * @param id the row's key in the results file
 * @param what what is measured
 * @param baseline what it is measured against, in the same run
 * @param primary the figure that is the row's measured value
 * @param secondary a second figure held against its own budget, or null
 * @param aim the aim of DESIGN §7 (near the physical limit), or empty
 */
public record Row(
    String id, String what, String baseline, Check primary, Check secondary, String aim) {

  /** A row with one figure. */
  public static Row of(String id, String what, String baseline, Check primary, String aim) {
    return new Row(id, what, baseline, primary, null, aim);
  }

  /** The budget text: the primary's, then the secondary's. */
  public String budgetText() {
    String text = primary.formatBudget();
    if (secondary != null && secondary.hasLimit()) {
      text += ", " + secondary.formatBudget();
    }
    return text;
  }
}
