package dev.taskrt.samples.deep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class DeepInputIT {
  @Test
  void aStackLimitRejectsDeepInputCleanlyAndABigStackLetsADeepComputationFinish() throws Exception {
    Result run = SampleJvm.named("deep-input").run(DeepInput.class.getName()).assertStatus(0);

    assertThat(run.outLines())
        .containsExactly(
            "1. untrusted input, parsed under a 64k stack limit",
            "   [1,[2,3],[[4]]] -> sum 10, depth 3",
            "   (parse unwinding: its hook ran)",
            "   [[[[[[[[[[[[...(200000) -> rejected: StackLimitExceededError",
            "2. a computation 200000 calls deep",
            "   on a default stack: StackOverflowError, its task failed",
            "   on a 256m stack: 20000100000");
    assertThat(run.taskEnds("parse"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE", "FAILED");
    RecordedEvent rejected = run.taskEnds("parse").get(1);
    assertThat(rejected.getString("failure"))
        .startsWith("dev.taskrt.StackLimitExceededError")
        .doesNotContain("StackOverflowError");
    assertThat(rejected.getLong("stackHighWater")).isLessThanOrEqualTo(64 * 1024);
    assertThat(run.taskEnds("sum-big-stack"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE");
    assertThat(run.taskEnds("sum-default-stack"))
        .extracting(e -> e.getString("failure"))
        .containsExactly("java.lang.StackOverflowError");
    assertThat(run.taskEnds("main"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE");
  }
}
