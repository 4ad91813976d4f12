package dev.taskrt.bench.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DESIGN §7's budget table from a results file: for each row the measured figure (a ratio to the
 * baseline, or a difference where the budget is one), its 95% interval over the rounds, the budget
 * and whether it was met. Prints the table for the terminal and writes it as Markdown, headed by
 * the run's facts and followed by each row's commands.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.table.BudgetTable RESULTS MARKDOWN
 * </pre>
 *
 * A row is decided on its estimate: "met" or "missed", with a note when the interval reaches both
 * sides of the budget; rows with no budget say "info". A row that was not run says so, with its
 * reason, in its place. Exits with status 1 if a row has neither results nor a reason.
 */
public final class BudgetTable {
  private BudgetTable() {}

  /** Table cells of one row. */
  record Line(
      int number,
      String what,
      String baseline,
      String measured,
      String interval,
      String budget,
      String result,
      List<String> notes) {}

  private static final String[] HEADERS = {
    "#", "row", "baseline", "measured", "95% interval", "budget", "result"
  };

  /** Prints the table and writes the Markdown; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: BudgetTable RESULTS MARKDOWN");
      System.exit(2);
    }
    ResultsFile results = ResultsFile.read(Path.of(args[0]));
    List<Row> rows = BudgetRows.all();
    List<Line> lines = lines(rows, results);
    System.out.print(terminal(lines));
    Files.writeString(Path.of(args[1]), markdown(results, rows, lines), StandardCharsets.UTF_8);
    System.out.println("written: " + args[1]);
    if (lines.stream().anyMatch(l -> l.result().startsWith("no results"))) {
      System.exit(1);
    }
  }

  /** The table's lines for {@code rows}, from {@code results}. */
  static List<Line> lines(List<Row> rows, ResultsFile results) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      lines.add(line(i + 1, rows.get(i), results.results(rows.get(i).id())));
    }
    return lines;
  }

  /** One row's cells. */
  static Line line(int number, Row row, ResultsFile.RowResults results) {
    List<String> notes = new ArrayList<>();
    if (results.skipped() != null) {
      notes.addAll(results.notes());
      String reason = results.skipped();
      String result = reason.startsWith("failed") ? "FAILED" : "not run";
      return new Line(
          number, row.what(), row.baseline(), reason, "-", row.budgetText(), result, notes);
    }
    Check primary = row.primary();
    List<Estimate.Pair> pairs = results.pairs(primary.measure());
    if (pairs.isEmpty()) {
      return new Line(
          number,
          row.what(),
          row.baseline(),
          "-",
          "-",
          row.budgetText(),
          "no results (the step wrote none)",
          notes);
    }
    Estimate main;
    try {
      main = primary.estimate(pairs);
    } catch (IllegalArgumentException e) {
      return new Line(
          number,
          row.what(),
          row.baseline(),
          "-",
          "-",
          row.budgetText(),
          "no results (" + e.getMessage() + ")",
          notes);
    }
    String measured = primary.format(main.value()) + " " + measureName(primary.measure());
    boolean met = !primary.hasLimit() || primary.met(main);
    String missedPart = met ? "" : measureName(primary.measure());
    if (primary.intervalSpansLimit(main)) {
      notes.add("the interval reaches both sides of the budget");
    }
    notes.add(absolute(primary, main, results));
    Check secondary = row.secondary();
    if (secondary != null && !results.pairs(secondary.measure()).isEmpty()) {
      Estimate second = secondary.estimate(results.pairs(secondary.measure()));
      measured += "; " + secondary.format(second.value());
      if (second.hasInterval()) {
        notes.add(secondary.measure() + " interval " + secondary.formatInterval(second));
      }
      notes.add(absolute(secondary, second, results));
      if (secondary.hasLimit() && !secondary.met(second)) {
        met = false;
        missedPart += (missedPart.isEmpty() ? "" : ", ") + secondary.unit();
      }
    } else if (secondary != null) {
      notes.add(secondary.measure() + " not measured");
    }
    String other = primary.measure().equals("cpu") ? "wall" : "cpu";
    if (!results.pairs(other).isEmpty()) {
      Check otherCheck = new Check(other, primary.form(), Double.NaN, primary.unit());
      Estimate otherEstimate = otherCheck.estimate(results.pairs(other));
      notes.add(
          measureName(other)
              + " "
              + otherCheck.format(otherEstimate.value())
              + (otherEstimate.hasInterval()
                  ? " (" + otherCheck.formatInterval(otherEstimate) + ")"
                  : ""));
    }
    notes.addAll(results.notes());
    String result;
    if (!primary.hasLimit()) {
      result = "info";
    } else if (met) {
      result = "met";
    } else {
      result = "missed (" + missedPart + ")";
    }
    return new Line(
        number,
        row.what(),
        row.baseline(),
        measured,
        primary.formatInterval(main) + (main.hasInterval() ? ", " + main.rounds() + " rounds" : ""),
        row.budgetText(),
        result,
        notes);
  }

  private static String measureName(String measure) {
    return switch (measure) {
      case "cpu" -> "CPU";
      case "alloc" -> "B/op";
      case "rss" -> "peak RSS";
      default -> measure;
    };
  }

  /** The baseline's and the variant's own figures, means over the rounds. */
  private static String absolute(Check check, Estimate estimate, ResultsFile.RowResults results) {
    String unit = results.unit(check.measure());
    return measureName(check.measure())
        + ": baseline "
        + number(estimate.baselineMean())
        + ", measured "
        + number(estimate.variantMean())
        + (unit.isEmpty() ? "" : " " + unit)
        + " (mean of "
        + estimate.rounds()
        + ")";
  }

  /** A figure with as many decimals as its size warrants. */
  static String number(double value) {
    double size = Math.abs(value);
    if (size >= 1000) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (size >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String[] cells(Line l) {
    return new String[] {
      Integer.toString(l.number()),
      l.what(),
      l.baseline(),
      l.measured(),
      l.interval(),
      l.budget(),
      l.result()
    };
  }

  /** The table for the terminal: fixed-width columns. */
  static String terminal(List<Line> lines) {
    int[] widths = new int[HEADERS.length];
    for (int c = 0; c < HEADERS.length; c++) {
      widths[c] = HEADERS[c].length();
    }
    for (Line l : lines) {
      String[] cells = cells(l);
      for (int c = 0; c < cells.length; c++) {
        widths[c] = Math.max(widths[c], cells[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendRow(out, HEADERS, widths);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.append(rule).append('\n');
    for (Line l : lines) {
      appendRow(out, cells(l), widths);
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      line.append(c == 0 ? "" : "  ");
      line.append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** The Markdown page: the run's facts, the table with notes, and each row's commands. */
  static String markdown(ResultsFile results, List<Row> rows, List<Line> lines) {
    Map<String, String> meta = results.meta();
    StringBuilder md = new StringBuilder();
    md.append("# `")
        .append(meta.getOrDefault("command", "./taskrt bench"))
        .append("`: DESIGN §7's budgets\n\n");
    for (Map.Entry<String, String> e : meta.entrySet()) {
      md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    md.append(
        "\nEach row ran side by side with its baseline in rounds (the order alternating from"
            + " round to round). A ratio is the geometric mean of the rounds' ratios (measured /"
            + " baseline; for throughput, higher is better), a difference the mean of the rounds'"
            + " differences; the 95% interval is Student's t over the rounds. CPU is the CPU time"
            + " per operation of the whole JVM (all threads; for the rows on the main thread,"
            + " of the main thread), wall is elapsed time (or JMH's throughput). A row is met or"
            + " missed on its estimate.\n\n");
    md.append("| # | row | baseline | measured | 95% interval | budget | result | notes |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Line l : lines) {
      md.append("| ");
      for (String cell : cells(l)) {
        md.append(escape(cell)).append(" | ");
      }
      md.append(escape(String.join("; ", l.notes()))).append(" |\n");
    }
    md.append("\n## Each row's commands\n\n");
    md.append(
        "From the repository root, after `mvn -B -ntp -pl agent,bench -am package -DskipTests`.\n");
    for (int i = 0; i < rows.size(); i++) {
      List<String> commands = results.results(rows.get(i).id()).commands();
      md.append("\n")
          .append(i + 1)
          .append(". ")
          .append(rows.get(i).what())
          .append(" (aim: ")
          .append(rows.get(i).aim())
          .append(")\n");
      if (commands.isEmpty()) {
        md.append("\n   (no command recorded)\n");
        continue;
      }
      md.append("\n   ```\n");
      for (String command : commands) {
        md.append("   ").append(command).append('\n');
      }
      md.append("   ```\n");
    }
    return md.toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
