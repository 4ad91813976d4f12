package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The checks of a recording of {@code BoundaryProgram}, with or without the agent. */
final class BoundaryViews {
  private BoundaryViews() {}

  static void assertShown(Path jfr) {
    Inspected failures = Inspected.run(jfr.toString(), "failures", "--no-color");
    assertThat(failures.status()).as(failures.err()).isZero();
    assertThat(failures.out())
        .containsPattern("1\\. main #\\d+ DONE at ")
        .contains("caught at @Boundary BoundaryProgram.compare; the task went on")
        .doesNotContain("FAILED");

    Object json = JsonValue.parse(Inspected.run(jfr.toString(), "failures", "--json").out());
    List<Object> list = JsonValue.array(JsonValue.at(json, "failures", "failures"));
    assertThat(list).hasSize(1);
    Map<String, Object> failure = JsonValue.object(list.get(0));
    assertThat(failure.get("outcome")).isEqualTo("DONE");
    assertThat(failure.get("caughtBy")).isEqualTo("BoundaryProgram.compare");
  }
}
