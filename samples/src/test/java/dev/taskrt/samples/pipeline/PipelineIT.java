package dev.taskrt.samples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PipelineIT {
  @Test
  void everyItemArrivesInOrderTheProducerWaitsForRoomAndThePipelineEndsWhenTheProducerCloses()
      throws Exception {
    Result run = SampleJvm.named("pipeline").run(Pipeline.class.getName(), "40").assertStatus(0);

    assertThat(run.outLines())
        .containsSubsequence(
            "pipeline: 40 items, pipes of 4",
            "sink: the items' pipe ended after 40 items",
            "sink: last item 40^2=1600",
            "pipeline ended cleanly");
    Matcher ahead =
        Pattern.compile("sink: the producer ran at most (\\d+) items ahead").matcher(run.out());
    assertThat(ahead.find()).as(run.out()).isTrue();
    // Back-pressure: what the producer has sent and the sink not yet taken fits in the two pipes
    // and the transform's hand; it never ran off with all 40.
    assertThat(Integer.parseInt(ahead.group(1))).isBetween(0, 2 * Pipeline.CAPACITY + 1);
    for (String task : new String[] {"producer", "transform", "sink"}) {
      assertThat(run.taskEnds(task))
          .extracting(e -> e.getString("outcome"))
          .containsExactly("DONE");
    }
  }
}
