package dev.taskrt.inspect;

import static dev.taskrt.inspect.JsonValue.array;
import static dev.taskrt.inspect.JsonValue.at;
import static dev.taskrt.inspect.JsonValue.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskrt.inspect.programs.LinkedFailureProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inspects the recording of a real run of {@link LinkedFailureProgram} (made by this test in a
 * child JVM, without the agent) and checks the tree, the failure chain and the exit timeline that
 * run must have produced, in the terminal text and in the JSON. {@link InspectUnderAgentIT} runs
 * the same checks on a run under the agent.
 */
class InspectRealRunTest {
  @TempDir static Path dir;
  static Path jfr;
  static Object json;

  @BeforeAll
  static void recordTheProgram() throws Exception {
    use(Recordings.record(LinkedFailureProgram.class, dir.resolve("run.jfr"), "128m", 120));
  }

  /** Inspects {@code recording} for the tests. */
  static void use(Path recording) {
    jfr = recording;
    Inspected all = Inspected.run(jfr.toString(), "--json");
    assertThat(all.status()).as(all.err()).isZero();
    json = JsonValue.parse(all.out());
  }

  /** The program's top-level tasks: the roots, or the children of the root task main. */
  private static List<Object> topLevel() {
    List<Object> roots = array(at(json, "tree", "roots"));
    List<Object> top = new ArrayList<>();
    for (Object r : roots) {
      if ("main".equals(at(r, "name"))) {
        top.addAll(array(at(r, "children")));
      } else {
        top.add(r);
      }
    }
    return top;
  }

  private static Map<String, Object> task(Object node) {
    return object(node);
  }

  private static Map<String, Object> child(Object node, String name) {
    for (Object c : array(at(node, "children"))) {
      if (name.equals(at(c, "name"))) {
        return object(c);
      }
    }
    throw new AssertionError("no child '" + name + "' under " + at(node, "name"));
  }

  private static List<String> childNames(Object node) {
    return array(at(node, "children")).stream()
        .map(c -> (String) at(c, "name"))
        .collect(Collectors.toList());
  }

  private static Object root(String name) {
    for (Object r : topLevel()) {
      if (name.equals(at(r, "name"))) {
        return r;
      }
    }
    throw new AssertionError("no root task '" + name + "'");
  }

  @Test
  void theSummaryCountsTasksPerSchedulerFromSchedulerStats() {
    List<Object> bySchedulers = array(at(json, "summary", "tasksByScheduler"));
    Map<String, Object> byDefault =
        bySchedulers.stream()
            .map(JsonValue::object)
            .filter(s -> "default".equals(s.get("scheduler")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no default scheduler in " + bySchedulers));
    // app, fine, sleeper, lonely, service, sibling, worker, leaf, flusher and poller
    assertThat(((Number) byDefault.get("tasksStarted")).longValue()).isGreaterThanOrEqualTo(10);
    assertThat(array(byDefault.get("live"))).isNotEmpty();
    Inspected text = Inspected.run(jfr.toString());
    assertThat(text.out()).contains("Tasks by scheduler").containsPattern("default +started \\d+");
  }

  @Test
  void treeShowsEveryTaskUnderItsParentWithItsOutcome() {
    assertThat(topLevel().stream().map(r -> at(r, "name")))
        .containsExactlyInAnyOrder(
            "config-load", "app", "flusher", "poller", "flush-logs", "close-db");
    // at_exit handlers run as root tasks named after them
    assertThat(at(root("close-db"), "scheduler")).isEqualTo("at-exit");
    assertThat(at(root("close-db"), "outcome")).isEqualTo("FAILED");
    assertThat(at(root("flush-logs"), "outcome")).isEqualTo("DONE");
    Object app = root("app");
    assertThat(at(app, "outcome")).isEqualTo("KILLED");
    assertThat(childNames(app)).containsExactlyInAnyOrder("fine", "sleeper", "lonely", "service");
    assertThat(at(child(app, "fine"), "outcome")).isEqualTo("DONE");
    assertThat(at(child(app, "sleeper"), "outcome")).isEqualTo("KILLED");
    assertThat(at(child(app, "sleeper"), "mode")).isEqualTo("UNLINKED");
    assertThat(at(child(app, "lonely"), "outcome")).isEqualTo("FAILED");
    Map<String, Object> service = child(app, "service");
    assertThat(childNames(service)).containsExactlyInAnyOrder("sibling", "worker");
    assertThat(at(child(service, "sibling"), "mode")).isEqualTo("SUPERVISED");
    Map<String, Object> worker = child(service, "worker");
    Map<String, Object> leaf = child(worker, "leaf");
    assertThat(leaf.get("outcome")).isEqualTo("FAILED");
    assertThat((String) leaf.get("failure")).contains("IllegalStateException: disk full");
    assertThat(at(root("poller"), "weak")).isEqualTo(true);
    assertThat(at(root("config-load"), "scheduler")).isEqualTo("caller");
  }

  @Test
  void treeTextDrawsTheThreeLevelsWithOutcomeMarks() {
    Inspected tree = Inspected.run(jfr.toString(), "tree", "--no-color");
    assertThat(tree.status()).isZero();
    List<String> lines = tree.out().lines().collect(Collectors.toList());
    // under the agent the program's tasks sit below the root task main, drawn from column 0 with
    // their connectors, which the optional prefixes below allow for
    assertThat(lines)
        .anyMatch(l -> l.matches("([+`]-- )?app #\\d+  KILLED  .*linked task 'leaf'.*"));
    assertThat(lines).anyMatch(l -> l.matches("(\\|   |    )?`-- service #\\d+  KILLED  .*"));
    assertThat(lines)
        .anyMatch(l -> l.matches("(\\|   |    )?    [+`]-- worker #\\d+  KILLED  .*"))
        .anyMatch(
            l -> l.matches("(\\|   |    )?    [+`]-- sibling #\\d+  KILLED  .* supervised .*"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "(\\|   |    )?    [| ]   `-- leaf #\\d+  FAILED  .*IllegalStateException.*"));
  }

  @Test
  void treeDepthCollapsesDeeperTasksAndCountsThem() {
    boolean underMain = Inspected.run(jfr.toString(), "tree").out().contains("\nmain #");
    String depth = underMain ? "3" : "2";
    Inspected tree = Inspected.run(jfr.toString(), "tree", "--depth", depth, "--no-color");
    assertThat(tree.out()).doesNotContain("leaf #", "worker #");
    // service has worker, sibling and leaf below it, three of them not DONE
    assertThat(tree.out()).contains("(+3 below, 3 not DONE; --depth shows them)");
  }

  @Test
  void failuresNameTheTaskThatFailedFirstAndEveryTaskKilledBecauseOfIt() {
    List<Object> failures = array(at(json, "failures", "failures"));
    Object leaf =
        failures.stream().filter(f -> "leaf".equals(at(f, "taskName"))).findFirst().orElseThrow();
    assertThat(at(leaf, "exceptionClass")).isEqualTo("java.lang.IllegalStateException");
    assertThat(at(leaf, "message")).isEqualTo("disk full");
    assertThat(at(leaf, "outcome")).isEqualTo("FAILED");
    double leafId = (Double) at(leaf, "taskId");
    List<Object> killed = array(at(leaf, "killed"));
    Map<String, Double> ids = new java.util.HashMap<>();
    ids.put("leaf", leafId);
    for (Object k : killed) {
      ids.put((String) at(k, "taskName"), (Double) at(k, "taskId"));
    }
    assertThat(killed)
        .extracting(k -> at(k, "taskName"), k -> at(k, "direction"), k -> at(k, "outcome"))
        .containsExactlyInAnyOrder(
            tuple("worker", "child-to-parent", "KILLED"),
            tuple("service", "child-to-parent", "KILLED"),
            tuple("app", "child-to-parent", "KILLED"),
            tuple("sibling", "parent-to-child", "KILLED"));
    Map<String, String> via = new java.util.HashMap<>();
    for (Object k : killed) {
      Double viaId = (Double) at(k, "viaId");
      String viaName =
          ids.entrySet().stream()
              .filter(e -> e.getValue().equals(viaId))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse("?");
      via.put((String) at(k, "taskName"), viaName);
    }
    assertThat(via)
        .containsEntry("worker", "leaf")
        .containsEntry("service", "worker")
        .containsEntry("app", "service")
        .containsEntry("sibling", "service");
    // the hooks that ran: two in leaf (one failed while failing), one onUnwind in each killed task
    assertThat(array(at(leaf, "unwinds")))
        .extracting(u -> at(u, "hooksRun"), u -> at(u, "hooksFailed"), u -> at(u, "doubleFailure"))
        .containsExactly(tuple(2.0, 1.0, true));
    for (Object k : killed) {
      assertThat(array(at(k, "unwinds")))
          .as("hooks of %s", at(k, "taskName"))
          .extracting(u -> at(u, "hooksRun"))
          .containsExactly(1.0);
    }
    assertThat(array(at(json, "failures", "doubleFailures")))
        .extracting(u -> at(u, "taskName"))
        .containsExactly("leaf");
  }

  @Test
  void failuresTellApartAFailureThatKilledNobodyAndKillsWithNoFailureBehindThem() {
    Object lonely =
        array(at(json, "failures", "failures")).stream()
            .filter(f -> "lonely".equals(at(f, "taskName")))
            .findFirst()
            .orElseThrow();
    assertThat(array(at(lonely, "killed"))).isEmpty();
    assertThat(at(lonely, "exceptionClass")).isEqualTo("java.lang.UnsupportedOperationException");
    assertThat(array(at(json, "failures", "killedWithoutFailure", "tasks")))
        .extracting(t -> at(t, "taskName"))
        .containsExactlyInAnyOrder("sleeper", "poller");
  }

  @Test
  void failuresTextShowsTheChainAsATree() {
    Inspected text = Inspected.run(jfr.toString(), "failures", "--no-color");
    assertThat(text.status()).isZero();
    String out = text.out();
    // lonely, leaf and the at_exit task close-db
    assertThat(out).contains("3 failed first, 4 killed because of them, 1 double failure(s)");
    assertThat(out).containsPattern("leaf #\\d+ FAILED at \\+\\d");
    assertThat(out).contains("java.lang.IllegalStateException: disk full");
    assertThat(out).contains("hooks: 2 ran (task scope), 1 failed (DOUBLE FAILURE)");
    assertThat(out).containsPattern("`-> worker #\\d+  KILLED  \\(its child failed");
    assertThat(out).containsPattern("\\+-> sibling #\\d+  KILLED  \\(its parent failed");
    assertThat(out).containsPattern("sleeper #\\d+  killed: cancelled");
  }

  @Test
  void exitShowsTheShutdownTimeline() {
    Map<String, Object> shutdown = object(at(json, "exit", "shutdown"));
    assertThat(shutdown.get("trigger")).isEqualTo("ROOT_RETURNED");
    assertThat(shutdown.get("exitStatus")).isEqualTo(0.0);
    // flusher at least; a killed task still unwinding when main returns is waited for too
    assertThat((Double) shutdown.get("strongWaited")).isGreaterThanOrEqualTo(1.0);
    assertThat(shutdown.get("atExitRun")).isEqualTo(2.0);
    assertThat(shutdown.get("atExitFailed")).isEqualTo(1.0);
    assertThat(shutdown.get("weakKilled")).isEqualTo(1.0);
    assertThat(shutdown.get("abandoned")).isEqualTo(0.0);
    List<Object> handlers = array(at(json, "exit", "atExit"));
    assertThat(handlers)
        .extracting(h -> at(h, "order"), h -> at(h, "handler"), h -> at(h, "outcome"))
        .containsExactly(tuple(1.0, "close-db", "FAILED"), tuple(2.0, "flush-logs", "DONE"));
    assertThat((String) at(handlers.get(0), "failure")).contains("db already closed");
    assertThat(array(at(json, "exit", "endedDuringShutdown", "tasks")))
        .extracting(t -> at(t, "taskName"), t -> at(t, "outcome"), t -> at(t, "weak"))
        .contains(tuple("flusher", "DONE", false), tuple("poller", "KILLED", true));

    Inspected text = Inspected.run(jfr.toString(), "exit", "--no-color");
    assertThat(text.out()).containsPattern("Exit: ROOT_RETURNED at \\+[0-9.]+ s, exit status 0");
    assertThat(text.out()).containsPattern("1\\. close-db +FAILED");
    assertThat(text.out()).contains("IllegalStateException: db already closed");
    assertThat(text.out()).containsPattern("2\\. flush-logs +DONE");
    assertThat(text.out()).containsPattern("flusher #\\d+ +DONE +strong, waited for");
    assertThat(text.out()).containsPattern("poller #\\d+ +KILLED +weak, killed");
  }

  /** 1 when main ran as the root task (under the agent), else 0. */
  private static double mainTask() {
    return array(at(json, "tree", "roots")).stream().anyMatch(r -> "main".equals(at(r, "name")))
        ? 1
        : 0;
  }

  @Test
  void summaryCountsTasksByOutcomeAndScheduler() {
    // the at_exit handlers are tasks too: flush-logs DONE, close-db FAILED
    assertThat(at(json, "summary", "tasks", "done")).isEqualTo(4.0 + mainTask());
    assertThat(at(json, "summary", "tasks", "failed")).isEqualTo(3.0);
    assertThat(at(json, "summary", "tasks", "killed")).isEqualTo(6.0);
    assertThat(array(at(json, "summary", "bySchedulers")))
        .extracting(s -> at(s, "scheduler"), s -> at(s, "done"))
        .contains(tuple("caller", 1.0 + mainTask()), tuple("default", 2.0), tuple("at-exit", 1.0));
    double started = (Double) at(json, "summary", "kernel", "tasksStarted");
    assertThat(started).isEqualTo(13.0 + mainTask()); // a last KernelStats ends the shutdown
    Inspected text = Inspected.run(jfr.toString(), "--no-color");
    assertThat(text.out()).containsPattern("DONE +" + (4 + (int) mainTask()) + " ");
    assertThat(text.out()).containsPattern("FAILED +3 ");
    assertThat(text.out()).containsPattern("KILLED +6 ");
    assertThat(text.out()).contains("messages in flight: 0");
  }

  @Test
  void everyTextViewFitsAnEightyColumnTerminal() {
    Inspected all = Inspected.run(jfr.toString(), "all", "--no-color");
    assertThat(all.status()).isZero();
    assertThat(all.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void coloursOnlyWhenAskedOrOnATerminal() {
    // the test's output is not a terminal, so the default has no colours
    assertThat(Inspected.run(jfr.toString(), "all").out()).doesNotContain("\u001b[");
    assertThat(Inspected.run(jfr.toString(), "all", "--color").out()).contains("\u001b[31");
  }

  @Test
  void htmlPageIsSelfContainedWithATimelineOfEveryTaskAndTheSameTables() throws Exception {
    Path page = dir.resolve("page.html");
    Inspected html = Inspected.run(jfr.toString(), "--html", page.toString());
    assertThat(html.status()).as(html.err()).isZero();
    assertThat(html.out()).contains("wrote " + page);
    String text = Files.readString(page, StandardCharsets.UTF_8);
    // nothing to fetch: no external scripts, styles, images or links
    assertThat(text).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(text).doesNotContain("@import", "url(http");
    List<String> ids = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"tasks\":\\[(\\[.*?\\])\\],\"links\"").matcher(text);
    assertThat(m.find()).isTrue();
    Object data = JsonValue.parse("[" + m.group(1) + "]");
    for (Object t : array(data)) {
      ids.add((String) array(t).get(1));
    }
    if (mainTask() == 1) {
      assertThat(ids).contains("main");
      ids.remove("main");
    }
    assertThat(ids)
        .containsExactlyInAnyOrder(
            "flush-logs",
            "close-db",
            "config-load",
            "app",
            "fine",
            "sleeper",
            "lonely",
            "service",
            "sibling",
            "worker",
            "leaf",
            "flusher",
            "poller");
    assertThat(text).contains("id=\"tree\"", "id=\"failures\"", "id=\"exit\"", "id=\"stacks\"");
    assertThat(text).contains("close-db", "disk full");
  }

  @Test
  void jsonForOneViewHoldsThatViewOnly() {
    Inspected one = Inspected.run(jfr.toString(), "exit", "--json");
    Object doc = JsonValue.parse(one.out());
    assertThat(object(doc).keySet()).containsExactly("format", "exit");
    assertThat(at(doc, "format")).isEqualTo("taskrt-inspect/1");
  }

  @Test
  void tasksBeyondTheKeptRowsStillCountInTheSummaryAndFailures() {
    Object doc = JsonValue.parse(Inspected.run(jfr.toString(), "--json", "--keep", "5").out());
    assertThat(at(doc, "summary", "tasks", "kept")).isEqualTo(5.0);
    assertThat(at(doc, "summary", "tasks", "done")).isEqualTo(4.0 + mainTask());
    assertThat(at(doc, "summary", "tasks", "failed")).isEqualTo(3.0);
    assertThat(at(doc, "summary", "tasks", "killed")).isEqualTo(6.0);
    assertThat(at(doc, "tree", "complete")).isEqualTo(false);
    assertThat(array(at(doc, "failures", "failures"))).hasSize(3);
    assertThat(Inspected.run(jfr.toString(), "--keep", "5").out())
        .contains("(tree and timeline keep 5 tasks; every task is counted here)");
  }
}
