package dev.taskrt.inspect.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code top --once --json} escapes strings as {@code inspect --json} does: one escaping for the
 * module, so a task's name reads the same in both and is safe inside an HTML script element.
 */
class SnapshotJsonTest {
  @Test
  void aTaskNameIsEscapedAsInspectEscapesIt() {
    String name = "a \"quoted\" </script> name\nwith\ttab \u0001 and \u2028 and \\";
    LiveSnapshot.Row row =
        new LiveSnapshot.Row(
            7, name, 1, "RUNNING", "default", "LINKED", false, 2_000_000, true, "", "", 0);
    LiveSnapshot snapshot =
        new LiveSnapshot(
            Instant.parse("2026-01-01T00:00:00Z"),
            new LiveSnapshot.Live(1, 1, 1, 0, 0, 0),
            Map.of("default", 1),
            List.of(row),
            null,
            List.of(),
            List.of());

    String json = SnapshotJson.of(42, "app.Main", snapshot);

    assertThat(json)
        .contains(
            "\"name\":\"a \\\"quoted\\\" \\u003c/script> name\\nwith\\ttab \\u0001 and \\u2028"
                + " and \\\\\"")
        .doesNotContain("</script>")
        .doesNotContain("\u2028");
  }
}
