package dev.taskrt.bench.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of DESIGN §7's budget table, in its order, as {@code ./taskrt bench} measures them: the
 * rows budgeted "on any thread" once per kind of thread (taskrt's own, {@code main}, an application
 * pool's), the whole-suite row as the three ratios it compares, and rows for information (no
 * budget) where DESIGN §7 names an aim against another baseline.
 *
 * <p>Times of single-threaded operations, of the million short tasks and of the whole test suite
 * (whose tests also sleep and wait) are compared in CPU time, steadier than wall time on a shared
 * machine; hand-offs, throughputs and start-up in wall time (the other is printed in the notes
 * where it was measured).
 */
public final class BudgetRows {
  private BudgetRows() {}

  /** The three kinds of thread the per-call rows are measured on: key suffix and description. */
  static final String[][] THREADS = {
    {"taskthread", "taskrt's thread (a TaskThread)"},
    {"main", "the JVM's main thread"},
    {"pool", "an application pool's thread"},
  };

  /** Every row, in the table's order. */
  public static List<Row> all() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "startup-h2",
            "start-up: load every class of H2 2.5.252",
            "same JVM without agent",
            Check.ratioAtMost("wall", 1.10),
            Check.differenceAtMost("rss", 16, "MiB"),
            "the empty-agent floor"));
    rows.add(
        Row.of(
            "startup-h2-empty",
            "start-up: load every class of H2, empty -javaagent (the floor)",
            "same JVM without agent",
            Check.ratioAtMost("wall", 1.10).informative(),
            "for information"));
    rows.add(
        Row.of(
            "startup-hello",
            "start-up: a one-line Hello",
            "same JVM with an empty -javaagent",
            Check.differenceAtMost("wall", 40, "ms"),
            "the empty-agent floor"));
    for (String[] thread : THREADS) {
      rows.add(
          new Row(
              "frame-" + thread[0],
              "@Frame call, events off, on " + thread[1],
              "the same method uninstrumented",
              Check.differenceAtMost("cpu", 2, "ns"),
              Check.differenceAtMost("alloc", 0, "B/op"),
              "+0.3 ns"));
    }
    for (String[] thread : THREADS) {
      rows.add(
          new Row(
              "task-" + thread[0],
              "@Task synchronous call, events off, on " + thread[1],
              "the same method uninstrumented",
              Check.differenceAtMost("cpu", 60, "ns"),
              Check.differenceAtMost("alloc", 96, "B/op"),
              "+40 ns, one small allocation"));
    }
    for (String[] thread : THREADS) {
      rows.add(
          Row.of(
              "tasklocal-" + thread[0],
              "TaskLocal.get on " + thread[1],
              "ThreadLocal.get",
              Check.ratioAtMost("cpu", 1.2),
              "<= 1.00x"));
    }
    rows.add(
        Row.of(
            "suite-jacoco",
            "Commons Collections 4.4's published suite, every library method a @Frame",
            "the same suite under JaCoCo's agent on the same classes",
            Check.ratioAtMost("cpu", 1.0),
            "<= 1.05x of no agent"));
    rows.add(
        Row.of(
            "suite-none",
            "the same suite, every library method a @Frame",
            "the same suite without agent",
            Check.ratioAtMost("cpu", 1.05).informative(),
            "<= 1.05x"));
    rows.add(
        Row.of(
            "suite-jacoco-none",
            "the same suite under JaCoCo's agent (what the budget allows)",
            "the same suite without agent",
            Check.ratioAtMost("cpu", 1.0).informative(),
            "for information"));
    rows.add(
        Row.of(
            "handoff-64",
            "executor hand-off, 64 submissions in flight (propagate=on)",
            "the same without the agent",
            Check.ratioAtMost("wall", 1.3),
            "<= 1.10x"));
    rows.add(
        Row.of(
            "spawn-join",
            "spawn + join on a pool",
            "ExecutorService.submit + get on the same pool",
            Check.ratioAtMost("wall", 1.2),
            "<= 1.05x"));
    rows.add(
        Row.of(
            "stream",
            "Pipes.stream 1->1, capacity 1024 (throughput)",
            "ArrayBlockingQueue(1024)",
            Check.ratioAtLeast("wall", 1.0),
            ">= LinkedTransferQueue"));
    rows.add(
        Row.of(
            "stream-ltq",
            "Pipes.stream 1->1, capacity 1024, against the aim's baseline",
            "LinkedTransferQueue",
            Check.ratioAtLeast("wall", 1.0).informative(),
            ">= 1.00x"));
    for (int senders : new int[] {4, 8}) {
      rows.add(
          Row.of(
              "shared-" + senders,
              "Pipes.shared, " + senders + " senders, capacity 1024 (throughput)",
              "LinkedBlockingQueue(1024)",
              Check.ratioAtLeast("wall", 1.0),
              ">= 2.00x"));
    }
    rows.add(
        Row.of(
            "oneshot",
            "Pipes.oneshot make + send + recv",
            "CompletableFuture make + complete + get",
            Check.ratioAtMost("cpu", 1.0),
            "-"));
    rows.add(
        Row.of(
            "million-spawned",
            "a million short tasks with a taskrt.jfc recording: (a) spawned on the default"
                + " scheduler and joined",
            "the same run, recording off",
            Check.ratioAtMost("cpu", 1.3),
            "<= 1.10x"));
    rows.add(
        Row.of(
            "million-sync",
            "a million short tasks with a taskrt.jfc recording: (b) synchronous, Tasks.run",
            "the same run, recording off",
            Check.ratioAtMost("cpu", 1.3),
            "<= 1.10x"));
    return rows;
  }
}
