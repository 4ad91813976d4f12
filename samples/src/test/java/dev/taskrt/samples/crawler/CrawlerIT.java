package dev.taskrt.samples.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class CrawlerIT {
  private static final String MAIN = Crawler.class.getName();

  @Test
  void aBadPageStopsALinkedCrawlAndEveryFetchStillWaiting() throws Exception {
    Result run = SampleJvm.named("crawler-linked").run(MAIN, "linked").assertStatus(0);

    assertThat(run.outLines())
        .contains("crawl 5 pages, linked", "crawl stopped by TaskKilledError:")
        .anyMatch(
            l ->
                l.matches(
                    "  task 'crawl' \\(#\\d+\\) was killed: linked task 'fetch' \\(#\\d+\\) failed"));
    assertThat(run.outLines()).noneMatch(l -> l.startsWith("crawl done"));
    assertThat(run.taskEnds("fetch"))
        .extracting(e -> e.getString("outcome"))
        .containsExactlyInAnyOrder("FAILED", "KILLED", "KILLED", "KILLED", "KILLED");
    assertThat(run.taskEnds("fetch"))
        .filteredOn(e -> e.getString("outcome").equals("FAILED"))
        .extracting(e -> e.getString("failure"))
        .containsExactly("java.lang.IllegalStateException: HTTP 500 from /bad");
    assertThat(run.taskEnds("crawl"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("KILLED");
    assertThat(run.taskEnds("main"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE");
    assertThat(run.events("taskrt.LinkedFailure")).isNotEmpty();
    assertThat(run.err()).contains("HTTP 500 from /bad");
  }

  @Test
  void aSupervisedCrawlKeepsEveryGoodPageAndHearsOfTheBadOneThroughThePipe() throws Exception {
    Result run = SampleJvm.named("crawler-supervised").run(MAIN, "supervised").assertStatus(0);

    assertThat(run.outLines())
        .contains(
            "crawl 5 pages, supervised",
            "  /page/1: 100 bytes",
            "  /page/2: 200 bytes",
            "  /page/3: 300 bytes",
            "  /page/4: 400 bytes",
            "  a fetch failed: HTTP 500 from /bad",
            "  fetch ended FAILED",
            "crawl done: 4 pages, 1000 bytes");
    assertThat(run.taskEnds("fetch"))
        .extracting(e -> e.getString("outcome"))
        .containsExactlyInAnyOrder("FAILED", "DONE", "DONE", "DONE", "DONE");
    assertThat(run.taskEnds("crawl"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE");
    for (RecordedEvent start : run.events("taskrt.TaskStart")) {
      if ("fetch".equals(start.getString("taskName"))) {
        assertThat(start.getString("mode")).isEqualTo("SUPERVISED");
      }
    }
  }
}
