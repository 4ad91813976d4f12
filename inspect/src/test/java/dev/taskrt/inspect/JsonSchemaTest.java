package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.inspect.programs.LinkedFailureProgram;
import dev.taskrt.inspect.programs.StackProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON that {@code --json} prints matches the schema documented in docs/INSPECT.md. */
class JsonSchemaTest {
  @TempDir Path dir;

  private static Object schema() throws Exception {
    return JsonValue.parse(Files.readString(Path.of("../docs/inspect-schema.json")));
  }

  @Test
  void jsonOfEveryViewMatchesTheDocumentedSchema() throws Exception {
    Object schema = schema();
    for (Class<?> program : new Class<?>[] {LinkedFailureProgram.class, StackProgram.class}) {
      Path jfr =
          Recordings.record(program, dir.resolve(program.getSimpleName() + ".jfr"), "128m", 120);
      Inspected json = Inspected.run(jfr.toString(), "--json");
      assertThat(json.status()).isZero();
      assertThat(SchemaCheck.check(schema, JsonValue.parse(json.out())))
          .as("schema problems in the JSON of %s", program.getSimpleName())
          .isEmpty();
      Inspected collapsed =
          Inspected.run(jfr.toString(), "tree", "--json", "--depth", "1", "--children", "1");
      assertThat(SchemaCheck.check(schema, JsonValue.parse(collapsed.out()))).isEmpty();
    }
  }

  @Test
  void theCheckNoticesAFieldTheSchemaDoesNotKnow() throws Exception {
    Object doc = JsonValue.parse("{\"format\":\"taskrt-inspect/1\",\"extra\":1}");
    assertThat(SchemaCheck.check(schema(), doc)).containsExactly("$.extra: not in the schema");
  }
}
