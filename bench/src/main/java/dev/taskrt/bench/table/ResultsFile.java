package dev.taskrt.bench.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the measuring steps of {@code ./taskrt bench} wrote, read back: one record a line, its
 * fields separated by tabs.
 *
 * <pre>
 * meta     KEY  VALUE                   the run's date, commit, machine, JDK, command
 * command  ROW  TEXT                    a command that reruns the row (several allowed)
 * unit     ROW  MEASURE  UNIT           the unit of the measure's per-round figures
 * pair     ROW  MEASURE  BASE  VARIANT  one round: the baseline's and the variant's figure
 * note     ROW  TEXT                    a remark printed beside the row
 * skip     ROW  REASON                  the row was not measured, and why (printed in its place)
 * </pre>
 *
 * Pairs of a row and measure are rounds in the order they were written. Blank lines and lines
 * starting with {@code #} are ignored; any other line that does not parse is an error, with its
 * number, so a broken step cannot pass unseen.
 */
public final class ResultsFile {
  private final Map<String, String> meta = new LinkedHashMap<>();
  private final Map<String, RowResults> rows = new LinkedHashMap<>();

  /** What the file holds for one row. */
  public static final class RowResults {
    private final Map<String, List<Estimate.Pair>> pairs = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String skipped;

    /** The rounds of {@code measure}, in order; empty if it was not measured. */
    public List<Estimate.Pair> pairs(String measure) {
      return pairs.getOrDefault(measure, List.of());
    }

    /** The unit of {@code measure}'s figures, or empty. */
    public String unit(String measure) {
      return units.getOrDefault(measure, "");
    }

    /** The commands that rerun the row. */
    public List<String> commands() {
      return commands;
    }

    /** Remarks printed beside the row. */
    public List<String> notes() {
      return notes;
    }

    /** Why the row was not measured, or null. */
    public String skipped() {
      return skipped;
    }
  }

  private ResultsFile() {}

  /** Reads the results file at {@code path}. */
  public static ResultsFile read(Path path) throws IOException {
    return parse(Files.readAllLines(path));
  }

  /**
   * Parses the lines of a results file.
   *
   * @throws IllegalArgumentException naming the first line that does not parse
   */
  public static ResultsFile parse(List<String> lines) {
    ResultsFile file = new ResultsFile();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        file.add(line.split("\t", -1));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "results line " + (i + 1) + " does not parse (" + e.getMessage() + "): " + line, e);
      }
    }
    return file;
  }

  private void add(String[] f) {
    String kind = f[0];
    switch (kind) {
      case "meta" -> {
        need(f, 3);
        meta.put(f[1], f[2]);
      }
      case "command" -> {
        need(f, 3);
        row(f[1]).commands.add(f[2]);
      }
      case "unit" -> {
        need(f, 4);
        row(f[1]).units.put(f[2], f[3]);
      }
      case "pair" -> {
        need(f, 5);
        double baseline = Double.parseDouble(f[3]);
        double variant = Double.parseDouble(f[4]);
        row(f[1])
            .pairs
            .computeIfAbsent(f[2], k -> new ArrayList<>())
            .add(new Estimate.Pair(baseline, variant));
      }
      case "note" -> {
        need(f, 3);
        row(f[1]).notes.add(f[2]);
      }
      case "skip" -> {
        need(f, 3);
        row(f[1]).skipped = f[2];
      }
      default -> throw new IllegalArgumentException("unknown record '" + kind + "'");
    }
  }

  private static void need(String[] fields, int count) {
    if (fields.length != count) {
      throw new IllegalArgumentException(
          "'" + fields[0] + "' takes " + count + " fields, got " + fields.length);
    }
  }

  private RowResults row(String id) {
    return rows.computeIfAbsent(id, k -> new RowResults());
  }

  /** The run's facts (date, commit, machine, ...), in the order written. */
  public Map<String, String> meta() {
    return meta;
  }

  /** What the file holds for row {@code id}, or an empty record if it holds nothing. */
  public RowResults results(String id) {
    return rows.getOrDefault(id, new RowResults());
  }

  /** Ids of rows the file holds, in order of first appearance. */
  public List<String> rowIds() {
    return new ArrayList<>(rows.keySet());
  }
}
