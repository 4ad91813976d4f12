package dev.taskrt.samples.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import dev.taskrt.samples.tour.Tour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code otel=on} beside the real OpenTelemetry Java agent, which exports with its logging exporter
 * (the OTLP-JSON flavour, {@code logging-otlp}, whose lines carry each span's parent): the tour
 * runs with both agents and prints what it prints under taskrt alone, and in its trace the
 * crawler's fetch tasks are spans under the crawl's span, with the agent's HTTP client spans under
 * the fetches. The samples have no OpenTelemetry dependency: the bridge uses the agent's own API.
 */
class OtelJavaAgentIT {
  private static final Path JAVAAGENT = Path.of(System.getProperty("taskrt.otel.javaagent"));

  /** The patterns {@code scripts/demo.sh} gives the tour's legacy order service. */
  private static final String LEGACY =
      "tasks=dev.taskrt.samples.legacy.OrderService[handle],"
          + "threadLocals=dev.taskrt.samples.legacy.RequestContext[REQUEST_ID]";

  private static final String TASKRT_SCOPE = "dev.taskrt";
  private static final String HTTP_CLIENT_SCOPE = "io.opentelemetry.java-http-client";

  private static Result alone;
  private static Result both;
  private static List<ExportedSpan> spans;

  @BeforeAll
  static void runTheTourTwice() throws Exception {
    assertThat(Files.isRegularFile(JAVAAGENT))
        .as("the OpenTelemetry Java agent, copied by the build, at %s", JAVAAGENT)
        .isTrue();
    alone = SampleJvm.named("tour-taskrt").agentOptions(LEGACY).run(Tour.class.getName());
    both =
        SampleJvm.named("tour-with-otel")
            .jvmOption("-javaagent:" + JAVAAGENT)
            .jvmOption("-Dotel.service.name=tour")
            .jvmOption("-Dotel.traces.exporter=logging-otlp")
            .jvmOption("-Dotel.metrics.exporter=none")
            .jvmOption("-Dotel.logs.exporter=none")
            .agentOptions("otel=on," + LEGACY)
            .run(Tour.class.getName());
    spans = ExportedSpan.parseAll(both.err());
  }

  @Test
  void withBothAgentsTheTourPrintsWhatItPrintsUnderTaskrtAlone() {
    assertThat(both.status()).as("exit status; err:\n%s", both.err()).isEqualTo(alone.status());
    assertThat(alone.status()).isZero();
    assertThat(sections(both.out())).isEqualTo(sections(alone.out()));
    assertThat(alone.out()).contains("== crawler, supervised", "crawl done: 4 pages, 1000 bytes");
    assertThat(both.err()).doesNotContain("taskrt: otel=on, but");
  }

  @Test
  void theCrawlersFetchesAreSpansUnderTheCrawlAndItsHttpCallsUnderTheFetches() {
    List<ExportedSpan> crawls = named(TASKRT_SCOPE, "crawl");
    assertThat(crawls).as("the tour crawls twice; spans:\n%s", spans).hasSize(2);
    ExportedSpan main = named(TASKRT_SCOPE, "main").get(0);
    for (ExportedSpan crawl : crawls) {
      assertThat(crawl.parent()).as("crawl under main").isEqualTo(main.id());
      assertThat(crawl.trace()).isEqualTo(main.trace());
      List<ExportedSpan> fetches = childrenOf(crawl, TASKRT_SCOPE);
      assertThat(fetches).extracting(ExportedSpan::name).containsOnly("fetch").hasSize(5);
      List<ExportedSpan> calls = new ArrayList<>();
      for (ExportedSpan fetch : fetches) {
        assertThat(fetch.trace()).isEqualTo(crawl.trace());
        List<ExportedSpan> fetchCalls = childrenOf(fetch, HTTP_CLIENT_SCOPE);
        assertThat(fetchCalls).as("HTTP calls of one fetch").hasSizeLessThanOrEqualTo(1);
        calls.addAll(fetchCalls);
      }
      assertThat(calls).extracting(ExportedSpan::name).containsOnly("GET");
      assertThat(calls).allSatisfy(c -> assertThat(c.kind()).as("CLIENT").isEqualTo(3));
      if (crawl.has("taskrt.task.outcome", "DONE")) {
        // supervised: every page is fetched, the bad one fails its own fetch alone
        assertThat(calls).hasSize(5);
        assertThat(fetches).filteredOn(f -> f.has("taskrt.task.outcome", "FAILED")).hasSize(1);
      } else {
        // linked: the bad page's failure kills the crawl, which names the fetch that failed
        assertThat(crawl.has("taskrt.task.outcome", "KILLED")).isTrue();
        ExportedSpan failed =
            fetches.stream()
                .filter(f -> f.has("taskrt.task.outcome", "FAILED"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.text()).contains("\"name\":\"exception\"").contains("\"code\":2");
        assertThat(childrenOf(failed, HTTP_CLIENT_SCOPE)).hasSize(1);
        assertThat(crawl.text())
            .contains("\"name\":\"taskrt.task.killed\"")
            .contains(
                "{\"key\":\"taskrt.task.kill.source_name\",\"value\":{\"stringValue\":\"fetch\"}}")
            .contains(
                "{\"key\":\"taskrt.task.kill.source_id\",\"value\":{\"intValue\":\""
                    + failed.attribute("taskrt.task.id")
                    + "\"}}");
      }
    }
  }

  private static List<ExportedSpan> named(String scope, String name) {
    return spans.stream().filter(s -> s.scope().equals(scope) && s.name().equals(name)).toList();
  }

  private static List<ExportedSpan> childrenOf(ExportedSpan parent, String scope) {
    return spans.stream()
        .filter(s -> s.scope().equals(scope) && parent.id().equals(s.parent()))
        .toList();
  }

  /**
   * The output by {@code == } section, each section's lines sorted (concurrent tasks print in any
   * order), with task ids and the pipeline's measured lead of its producer (it varies from run to
   * run) masked.
   */
  private static Map<Integer, List<String>> sections(String out) {
    Map<Integer, List<String>> sections = new TreeMap<>();
    int section = 0;
    boolean linkedCrawl = false;
    for (String line : out.lines().toList()) {
      if (line.startsWith("== ")) {
        section++;
        linkedCrawl = line.startsWith("== crawler, linked");
      }
      if (linkedCrawl && line.matches(" {2}/page/\\d+: \\d+ bytes")) {
        // Which good pages arrive before the bad one kills the crawl depends on timing (a loaded
        // machine can delay the bad page's failure past a good page's one-second answer).
        continue;
      }
      sections
          .computeIfAbsent(section, k -> new ArrayList<>())
          .add(
              line.replaceAll("#\\d+", "#N")
                  .replaceAll("ran at most \\d+ items ahead", "ran at most N items ahead"));
    }
    sections.values().forEach(lines -> lines.sort(null));
    return sections;
  }

  /** One span of the OTLP-JSON logging exporter's output. */
  record ExportedSpan(
      String scope, String trace, String id, String parent, String name, int kind, String text) {
    private static final Pattern SCOPE = Pattern.compile("\"scope\":\\{\"name\":\"([^\"]+)\"");
    private static final Pattern SPAN =
        Pattern.compile(
            "\\{\"traceId\":\"(\\w+)\",\"spanId\":\"(\\w+)\",(?:\"traceState\":\"[^\"]*\",)?"
                + "(?:\"parentSpanId\":\"(\\w*)\",)?(?:\"flags\":\\d+,)?"
                + "\"name\":\"([^\"]*)\",\"kind\":(\\d)");

    /** Every span in the text, each with the scope it was exported under. */
    static List<ExportedSpan> parseAll(String exporterOutput) {
      List<ExportedSpan> found = new ArrayList<>();
      for (String line : exporterOutput.lines().toList()) {
        if (!line.contains("OtlpJsonLoggingSpanExporter")) {
          continue;
        }
        TreeMap<Integer, String> scopes = new TreeMap<>();
        Matcher scope = SCOPE.matcher(line);
        while (scope.find()) {
          scopes.put(scope.start(), scope.group(1));
        }
        List<MatchResult> starts = SPAN.matcher(line).results().toList();
        for (int i = 0; i < starts.size(); i++) {
          MatchResult span = starts.get(i);
          // A span's text runs to the next span's start (or the line's end).
          int to = i + 1 < starts.size() ? starts.get(i + 1).start() : line.length();
          found.add(
              new ExportedSpan(
                  scopes.floorEntry(span.start()).getValue(),
                  span.group(1),
                  span.group(2),
                  span.group(3) == null ? "" : span.group(3),
                  span.group(4),
                  Integer.parseInt(span.group(5)),
                  line.substring(span.start(), to)));
        }
      }
      return found;
    }

    /** Whether the span has that string attribute. */
    boolean has(String key, String value) {
      return text.contains(
          "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}");
    }

    /** An int attribute's value, as text. */
    String attribute(String key) {
      Matcher m =
          Pattern.compile(
                  "\\{\"key\":\"" + Pattern.quote(key) + "\",\"value\":\\{\"intValue\":\"(\\d+)\"")
              .matcher(text);
      return m.find() ? m.group(1) : null;
    }

    @Override
    public String toString() {
      return scope + " " + name + " " + id + " <- " + parent;
    }
  }
}
