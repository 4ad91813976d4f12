package dev.taskrt.samples.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class OrderServiceIT {
  private static final String MAIN = OrderService.class.getName();
  private static final String OPTIONS =
      "tasks=dev.taskrt.samples.legacy.OrderService[handle],"
          + "threadLocals=dev.taskrt.samples.legacy.RequestContext[REQUEST_ID]";

  @Test
  void withoutTheAgentThePoolsThreadsDoNotSeeTheRequestId() throws Exception {
    Result run = SampleJvm.named("legacy-plain").withoutAgent().run(MAIN).assertStatus(0);

    assertThat(run.outLines().stream().filter(l -> l.contains("priced")))
        .hasSize(6)
        .allMatch(l -> l.startsWith("[-] priced"));
    assertThat(run.outLines())
        .contains(
            "[r-1] order of 2 items: 7", "[r-2] order of 1 items: 9", "[r-3] order of 3 items: 16");
  }

  @Test
  void withTwoAgentOptionsEachRequestIsATaskAndItsIdFollowsTheWorkOntoThePool() throws Exception {
    Result run = SampleJvm.named("legacy-agent").agentOptions(OPTIONS).run(MAIN).assertStatus(0);

    assertThat(run.outLines())
        .contains(
            "[r-1] priced apple at 3",
            "[r-1] priced bread at 4",
            "[r-1] order of 2 items: 7",
            "[r-2] priced cheese at 9",
            "[r-2] order of 1 items: 9",
            "[r-3] priced bread at 4",
            "[r-3] priced cheese at 9",
            "[r-3] priced apple at 3",
            "[r-3] order of 3 items: 16")
        .noneMatch(l -> l.startsWith("[-]"));

    List<RecordedEvent> starts = run.events("taskrt.TaskStart");
    List<Long> requests =
        starts.stream()
            .filter(e -> e.getString("taskName").equals("OrderService.handle"))
            .map(e -> e.getLong("taskId"))
            .toList();
    assertThat(requests).hasSize(3);
    Map<Long, Long> handoffsPerRequest =
        starts.stream()
            .filter(e -> e.getString("taskName").equals("OrderService.handle/handoff"))
            .collect(Collectors.groupingBy(e -> e.getLong("parentId"), Collectors.counting()));
    assertThat(handoffsPerRequest).containsOnlyKeys(requests).containsValues(2L, 1L, 3L);
  }
}
