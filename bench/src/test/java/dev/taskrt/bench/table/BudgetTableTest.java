package dev.taskrt.bench.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTableTest {
  private static Row row(String id) {
    return BudgetRows.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static BudgetTable.Line lineOf(String id, String... records) {
    ResultsFile results = ResultsFile.parse(List.of(records));
    return BudgetTable.line(1, row(id), results.results(id));
  }

  @Test
  void ratioIsTheGeometricMeanOfTheRoundsWithAStudentTInterval() {
    Estimate e =
        Estimate.ratio(
            List.of(
                new Estimate.Pair(10, 11), new Estimate.Pair(10, 12), new Estimate.Pair(10, 13)));
    double[] logs = {Math.log(1.1), Math.log(1.2), Math.log(1.3)};
    double mean = (logs[0] + logs[1] + logs[2]) / 3;
    double sd =
        Math.sqrt(
            ((logs[0] - mean) * (logs[0] - mean)
                    + (logs[1] - mean) * (logs[1] - mean)
                    + (logs[2] - mean) * (logs[2] - mean))
                / 2);
    double half = 4.302653 * sd / Math.sqrt(3); // t(0.975, 2 degrees of freedom)
    assertThat(e.value()).isCloseTo(Math.exp(mean), within(1e-9));
    assertThat(e.low()).isCloseTo(Math.exp(mean - half), within(1e-6));
    assertThat(e.high()).isCloseTo(Math.exp(mean + half), within(1e-6));
    assertThat(e.rounds()).isEqualTo(3);
    assertThat(e.baselineMean()).isEqualTo(10);
    assertThat(e.variantMean()).isCloseTo(12, within(1e-9));
  }

  @Test
  void aRoundWithAFailedFigureIsLeftOutOfARatio() {
    Estimate e = Estimate.ratio(List.of(new Estimate.Pair(0, 5), new Estimate.Pair(2, 3)));
    assertThat(e.value()).isCloseTo(1.5, within(1e-9));
    assertThat(e.rounds()).isEqualTo(1);
    assertThat(e.hasInterval()).isFalse();
  }

  @Test
  void differenceIsTheMeanOfTheRoundsDifferences() {
    Estimate e =
        Estimate.difference(List.of(new Estimate.Pair(1.0, 2.5), new Estimate.Pair(1.0, 3.5)));
    assertThat(e.value()).isCloseTo(2.0, within(1e-9));
    // two rounds: t(0.975, 1) = 12.706, sd of {1.5, 2.5} = 0.7071, half = 12.706 * 0.7071 / sqrt 2
    assertThat(e.high() - e.value()).isCloseTo(12.7062 * 0.5, within(1e-3));
  }

  @Test
  void aNanosecondRowIsMetWithinItsBudgetAndPrintsTheDifference() {
    BudgetTable.Line line =
        lineOf(
            "frame-pool",
            "unit\tframe-pool\tcpu\tns/op",
            "pair\tframe-pool\tcpu\t1.00\t2.40",
            "pair\tframe-pool\tcpu\t1.10\t2.90",
            "pair\tframe-pool\tcpu\t0.90\t2.50",
            "pair\tframe-pool\talloc\t0.001\t0.004",
            "pair\tframe-pool\talloc\t0.001\t0.003",
            "pair\tframe-pool\twall\t1.5\t3.0",
            "pair\tframe-pool\twall\t1.5\t3.2");
    assertThat(line.measured()).isEqualTo("+1.60 ns CPU; +0 B/op");
    assertThat(line.budget()).isEqualTo("<= +2 ns, 0 B/op");
    assertThat(line.result()).isEqualTo("met");
    assertThat(line.interval()).endsWith("ns, 3 rounds");
    assertThat(line.notes())
        .anyMatch(n -> n.startsWith("CPU: baseline 1.000, measured 2.600 ns/op"))
        .anyMatch(n -> n.startsWith("wall +1.60 ns"));
  }

  @Test
  void aNanosecondRowOverItsBudgetIsMissed() {
    BudgetTable.Line line =
        lineOf(
            "frame-main",
            "pair\tframe-main\tcpu\t1.0\t4.0",
            "pair\tframe-main\tcpu\t1.0\t4.4",
            "pair\tframe-main\talloc\t0\t0");
    assertThat(line.measured()).startsWith("+3.20 ns CPU");
    assertThat(line.result()).isEqualTo("missed (CPU)");
  }

  @Test
  void allocationOverItsBudgetMissesARowWhoseTimeIsMet() {
    BudgetTable.Line line =
        lineOf(
            "task-main",
            "pair\ttask-main\tcpu\t5\t45",
            "pair\ttask-main\tcpu\t5\t50",
            "pair\ttask-main\talloc\t0\t224",
            "pair\ttask-main\talloc\t0\t224");
    assertThat(line.measured()).isEqualTo("+42.50 ns CPU; +224 B/op");
    assertThat(line.budget()).isEqualTo("<= +60 ns, <= +96 B/op");
    assertThat(line.result()).isEqualTo("missed (B/op)");
  }

  @Test
  void aTimeRatioIsHeldAtMostItsBudgetAndSaysWhenTheIntervalSpansIt() {
    BudgetTable.Line line =
        lineOf(
            "tasklocal-taskthread",
            "pair\ttasklocal-taskthread\tcpu\t1.0\t1.1",
            "pair\ttasklocal-taskthread\tcpu\t1.0\t1.35");
    assertThat(line.measured()).isEqualTo("1.22x CPU");
    assertThat(line.budget()).isEqualTo("<= 1.20x");
    assertThat(line.result()).isEqualTo("missed (CPU)");
    assertThat(line.notes()).contains("the interval reaches both sides of the budget");
  }

  @Test
  void aThroughputRatioIsHeldAtLeastItsBudget() {
    BudgetTable.Line below =
        lineOf("shared-4", "pair\tshared-4\twall\t8.8\t4.1", "pair\tshared-4\twall\t9.0\t4.0");
    assertThat(below.measured()).startsWith("0.46x wall");
    assertThat(below.budget()).isEqualTo(">= 1.00x");
    assertThat(below.result()).isEqualTo("missed (wall)");
    BudgetTable.Line above =
        lineOf("stream", "pair\tstream\twall\t7.2\t11.1", "pair\tstream\twall\t7.0\t10.0");
    assertThat(above.result()).isEqualTo("met");
  }

  @Test
  void startUpIsMissedWhenItsPeakMemoryIsOverBudget() {
    BudgetTable.Line line =
        lineOf(
            "startup-h2",
            "pair\tstartup-h2\twall\t1.00\t1.05",
            "pair\tstartup-h2\twall\t1.00\t1.06",
            "pair\tstartup-h2\trss\t40\t60",
            "pair\tstartup-h2\trss\t41\t58");
    assertThat(line.measured()).isEqualTo("1.05x wall; +18.50 MiB");
    assertThat(line.budget()).isEqualTo("<= 1.10x, <= +16 MiB");
    assertThat(line.result()).isEqualTo("missed (MiB)");
  }

  @Test
  void helloStartUpIsADifferenceInMilliseconds() {
    BudgetTable.Line line =
        lineOf(
            "startup-hello",
            "pair\tstartup-hello\twall\t150\t180",
            "pair\tstartup-hello\twall\t160\t185");
    assertThat(line.measured()).isEqualTo("+27.50 ms wall");
    assertThat(line.budget()).isEqualTo("<= +40 ms");
    assertThat(line.result()).isEqualTo("met");
  }

  @Test
  void aRowWithoutBudgetIsForInformation() {
    BudgetTable.Line line =
        lineOf("stream-ltq", "pair\tstream-ltq\twall\t10\t9", "pair\tstream-ltq\twall\t10\t9.5");
    assertThat(line.result()).isEqualTo("info");
    assertThat(line.budget()).isEqualTo("-");
  }

  @Test
  void oneRoundGivesAFigureWithoutInterval() {
    BudgetTable.Line line = lineOf("oneshot", "pair\toneshot\tcpu\t7.3\t18.9");
    assertThat(line.measured()).isEqualTo("2.59x CPU");
    assertThat(line.interval()).isEqualTo("- (1 round)");
    assertThat(line.result()).isEqualTo("missed (CPU)");
  }

  @Test
  void aRowNotRunSaysWhyInItsPlace() {
    BudgetTable.Line skipped = lineOf("suite-jacoco", "skip\tsuite-jacoco\tnot run in quick mode");
    assertThat(skipped.result()).isEqualTo("not run");
    assertThat(skipped.measured()).isEqualTo("not run in quick mode");
    BudgetTable.Line failed =
        lineOf("handoff-64", "skip\thandoff-64\tfailed: exit status 1, see handoff-64.log");
    assertThat(failed.result()).isEqualTo("FAILED");
  }

  @Test
  void aRowWithNothingWrittenIsShownAsHavingNoResults() {
    assertThat(lineOf("spawn-join").result()).startsWith("no results");
  }

  @Test
  void aLineThatDoesNotParseIsAnErrorNamingIt() {
    assertThatThrownBy(() -> ResultsFile.parse(List.of("meta\tdate\tnow", "pair\tx\tcpu\t1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> ResultsFile.parse(List.of("pair\tx\tcpu\t1\tfast")))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ResultsFile.parse(List.of("result\tx\t1")))
        .hasMessageContaining("unknown record 'result'");
  }

  @Test
  void everyRowOfTheTableIsPrintedAndTheMarkdownCarriesTheRunAndTheCommands() {
    ResultsFile results =
        ResultsFile.parse(
            List.of(
                "meta\tcommand\t./taskrt bench quick",
                "meta\tcommit\tabc1234",
                "command\toneshot\tjava -cp bench/target/benchmarks.jar X | tee log",
                "pair\toneshot\tcpu\t7\t7",
                "pair\toneshot\tcpu\t7\t6.5"));
    List<Row> rows = BudgetRows.all();
    List<BudgetTable.Line> lines = BudgetTable.lines(rows, results);
    String terminal = BudgetTable.terminal(lines);
    assertThat(terminal.lines().count()).isEqualTo(rows.size() + 2);
    assertThat(terminal).contains("Pipes.oneshot").contains("0.96x CPU");
    String md = BudgetTable.markdown(results, rows, lines);
    assertThat(md)
        .startsWith("# `./taskrt bench quick`")
        .contains("- commit: abc1234")
        .contains("| 0.96x CPU |")
        .contains("java -cp bench/target/benchmarks.jar X | tee log")
        .contains("(no command recorded)");
    assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| #")).count())
        .isEqualTo(rows.size());
  }

  @Test
  void everyThreadKindHasItsPerCallRows() {
    List<String> ids = BudgetRows.all().stream().map(Row::id).toList();
    for (String op : List.of("frame", "task", "tasklocal")) {
      assertThat(ids).contains(op + "-taskthread", op + "-main", op + "-pool");
    }
  }
}
