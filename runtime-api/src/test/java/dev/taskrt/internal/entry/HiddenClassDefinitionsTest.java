package dev.taskrt.internal.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a rewritten {@code defineHiddenClass} goes on with: the hook's bytes when it gives some, the
 * caller's otherwise, and never an exception.
 */
class HiddenClassDefinitionsTest {
  private static final Object LOOKUP = MethodHandles.lookup();
  private final byte[] bytes = {1, 2, 3};

  @AfterEach
  void removeHook() {
    HiddenClassDefinitions.install(null);
  }

  @Test
  void withoutAHookTheBytesGoOnAsGiven() {
    assertThat(HiddenClassDefinitions.bytesToDefine(LOOKUP, bytes)).isSameAs(bytes);
  }

  @Test
  void theHookSeesTheLookupClassAndItsBytesAreDefined() {
    byte[] other = {4, 5};
    List<Class<?>> seen = new ArrayList<>();
    HiddenClassDefinitions.install(
        (lookupClass, given) -> {
          seen.add(lookupClass);
          return java.util.Arrays.equals(given, bytes) && given != bytes ? other : null;
        });
    assertThat(HiddenClassDefinitions.bytesToDefine(LOOKUP, bytes)).isSameAs(other);
    assertThat(seen).containsExactly(HiddenClassDefinitionsTest.class);
  }

  @Test
  void aHookThatReturnsNullLeavesTheBytesAsTheHookSawThem() {
    HiddenClassDefinitions.install((lookupClass, given) -> null);
    // a copy: the caller may change its array after the hook looked at it
    assertThat(HiddenClassDefinitions.bytesToDefine(LOOKUP, bytes))
        .isEqualTo(bytes)
        .isNotSameAs(bytes);
  }

  @Test
  void nullBytesGoOnToTheJdksOwnCheckWithoutTheHook() {
    HiddenClassDefinitions.install(
        (lookupClass, given) -> {
          throw new AssertionError("called");
        });
    assertThat(HiddenClassDefinitions.bytesToDefine(LOOKUP, null)).isNull();
  }

  @Test
  void aHookThatThrowsLeavesTheBytesAndIsReportedOnce() {
    HiddenClassDefinitions.install(
        (lookupClass, given) -> {
          throw new IllegalStateException("broken hook");
        });
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(HiddenClassDefinitions.bytesToDefine(LOOKUP, bytes)).isSameAs(bytes);
      assertThat(HiddenClassDefinitions.bytesToDefine(LOOKUP, bytes)).isSameAs(bytes);
    } finally {
      System.setErr(saved);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed).startsWith("taskrt: ").contains("broken hook");
  }
}
