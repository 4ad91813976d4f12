package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed options (DESIGN §8): each gets exactly one message naming the key, the text given and
 * the valid forms, and the application still runs. The table of {@code docs/OPTIONS-ERRORS.md} is
 * produced here (written to {@code target/OPTIONS-ERRORS.md}) and the checked-in copy must match.
 */
class OptionErrorsIT {
  private static final String PATTERN_FORMS =
      "expected Class[method,method];Class[method] with * as a wildcard, e.g."
          + " com.acme.*Service[handle*], each optionally followed by the annotation's elements"
          + " in braces, e.g. com.acme.Mailer[send]{weak=true,scheduler=platform}; running without"
          + " it";

  /** A malformed option: how it is given, and the one message it must get. */
  record Case(String jvmOption, String agentOptions, String message) {}

  static List<Case> cases() {
    return List.of(
        new Case(
            null,
            "frobnicate=1",
            "taskrt: unknown option 'frobnicate' in agent options (given '1'); valid keys: tasks,"
                + " spawn, frames, foreign, boundaries, jfr, stackLimit, stackSegment,"
                + " shutdownTimeout, defaultScheduler, doubleFailure, main, propagate,"
                + " threadLocals, annotations, otel, verbose, strict, config; running without it"),
        new Case(
            null,
            "frames",
            "taskrt: option frames='' in agent options is not valid: no value: write"
                + " frames=VALUE; "
                + PATTERN_FORMS),
        new Case(
            null,
            "frames=",
            "taskrt: option frames='' in agent options is not valid: the pattern is empty; "
                + PATTERN_FORMS),
        new Case(
            null,
            "frames=com.acme.Service",
            "taskrt: option frames='com.acme.Service' in agent options is not valid:"
                + " 'com.acme.Service' names no methods (add [method] or [*]); "
                + PATTERN_FORMS),
        new Case(
            null,
            "frames=com.acme.Service[run",
            "taskrt: option frames='com.acme.Service[run' in agent options is not valid:"
                + " 'com.acme.Service[run' does not end with ']'; "
                + PATTERN_FORMS),
        new Case(
            null,
            "frames=com.acme.Service[]",
            "taskrt: option frames='com.acme.Service[]' in agent options is not valid:"
                + " 'com.acme.Service[]' has an empty method name; "
                + PATTERN_FORMS),
        new Case(
            null,
            "tasks=com.acme.Ser-vice[run]",
            "taskrt: option tasks='com.acme.Ser-vice[run]' in agent options is not valid:"
                + " 'com.acme.Ser-vice[run]' has '-' in class name 'com.acme.Ser-vice'; "
                + PATTERN_FORMS),
        new Case(
            null,
            "spawn=[run]",
            "taskrt: option spawn='[run]' in agent options is not valid: '[run]' has no class"
                + " before '['; "
                + PATTERN_FORMS),
        new Case(
            null,
            "foreign=a.B[x];;c.D[y]",
            "taskrt: option foreign='a.B[x];;c.D[y]' in agent options is not valid: an empty part"
                + " between ';'; "
                + PATTERN_FORMS),
        new Case(
            null,
            "boundaries=a.B[x],boundaries=a.B[y]",
            "taskrt: option boundaries='a.B[y]' in agent options is not valid: given twice; the"
                + " first value 'a.B[x]' is used; "
                + PATTERN_FORMS),
        new Case(
            null,
            "stackLimit=12q",
            "taskrt: option stackLimit='12q' in agent options is not valid: not a size; expected"
                + " bytes with an optional k, m or g suffix, e.g. 512k (0 = no limit); running"
                + " without it"),
        new Case(
            null,
            "stackSegment=0",
            "taskrt: option stackSegment='0' in agent options is not valid: a segment of 0 bytes;"
                + " expected bytes greater than 0 with an optional k, m or g suffix, e.g. 64k;"
                + " running without it"),
        new Case(
            null,
            "shutdownTimeout=soon",
            "taskrt: option shutdownTimeout='soon' in agent options is not valid: not a duration;"
                + " expected a duration such as 500ms, 10s, 2m or PT10S; running without it"),
        new Case(
            null,
            "defaultScheduler=single:",
            "taskrt: option defaultScheduler='single:' in agent options is not valid: single:"
                + " needs a name after the colon; expected default, platform, virtual (JDK 21+),"
                + " single:<name> or a registered scheduler's name; running without it"),
        new Case(
            null,
            "doubleFailure=explode",
            "taskrt: option doubleFailure='explode' in agent options is not valid: not one of"
                + " record, abort; expected record or abort; running without it"),
        new Case(
            null,
            "main=maybe",
            "taskrt: option main='maybe' in agent options is not valid: not one of on, off;"
                + " expected on or off; running without it"),
        new Case(
            null,
            "propagate=1",
            "taskrt: option propagate='1' in agent options is not valid: not one of on, off,"
                + " supervised, linked, unlinked; expected on, off, supervised, linked or unlinked"
                + " (on = supervised); running without it"),
        new Case(
            null,
            "threadLocals=com.acme.Ctx",
            "taskrt: option threadLocals='com.acme.Ctx' in agent options is not valid:"
                + " 'com.acme.Ctx' is not Class[FIELD,...]; expected Class[FIELD,FIELD];Class[FIELD]"
                + " naming static ThreadLocal fields, e.g. com.acme.RequestContext[CURRENT];"
                + " running without it"),
        new Case(
            null,
            "threadLocals=com.acme.Ctx[CUR*]",
            "taskrt: option threadLocals='com.acme.Ctx[CUR*]' in agent options is not valid:"
                + " 'CUR*' in 'com.acme.Ctx[CUR*]' is not a field name (no wildcards here);"
                + " expected Class[FIELD,FIELD];Class[FIELD] naming static ThreadLocal fields, e.g."
                + " com.acme.RequestContext[CURRENT]; running without it"),
        new Case(
            null,
            "annotations=org.acme.Async=Spawned",
            "taskrt: option annotations='org.acme.Async=Spawned' in agent options is not valid:"
                + " 'Spawned' is not one of Task, Spawn, Frame, Foreign, Boundary, AtExit; expected"
                + " Annotation=Kind;Annotation=Kind with Kind one of Task, Spawn, Frame, Foreign,"
                + " Boundary, AtExit, optionally followed by the annotation's elements in braces,"
                + " e.g. org.springframework.scheduling.annotation.Async=Spawn{mode=unlinked};"
                + " running without it"),
        new Case(
            null,
            "tasks=itapps.AnnotatedApp[plain]{mode=sometimes,name=order}",
            "taskrt: option tasks, pattern 'itapps.AnnotatedApp[plain]' in agent options: the"
                + " braces are not valid: mode='sometimes' is not valid; expected linked,"
                + " supervised or unlinked; the pattern applies with the annotation's defaults"),
        new Case(
            null,
            "spawn=com.acme.Mailer[send]{weak=maybe,color=red}",
            "taskrt: option spawn, pattern 'com.acme.Mailer[send]' in agent options: the braces"
                + " are not valid: weak='maybe' is not valid; expected true or false; 'color' is"
                + " not an element of @Spawn; valid: name, mode, stackLimit, stackSize, scheduler,"
                + " weak; the pattern applies with the annotation's defaults"),
        new Case(
            null,
            "frames=com.acme.Service[run]{name=x}",
            "taskrt: option frames, pattern 'com.acme.Service[run]' in agent options: the braces"
                + " are not valid: 'name' is not an element of @Frame, which has none; the pattern"
                + " applies with the annotation's defaults"),
        new Case(
            null,
            "annotations=org.acme.Async=Spawn{mode=never}",
            "taskrt: option annotations, mapping 'org.acme.Async=Spawn' in agent options: the"
                + " braces are not valid: mode='never' is not valid; expected linked, supervised"
                + " or unlinked; the mapping applies with the annotation's defaults"),
        new Case(
            null,
            "strict=yes",
            "taskrt: option strict='yes' in agent options is not valid: not one of true, false;"
                + " expected true or false; running without it"),
        new Case(
            null,
            "jfr=/no/such/dir/app.jfr",
            "taskrt: option jfr='/no/such/dir/app.jfr' in agent options is not valid: directory"
                + " /no/such/dir does not exist; expected a file path in an existing directory,"
                + " e.g. /tmp/app.jfr; running without it"),
        new Case(
            null,
            "config=/no/such/taskrt.properties",
            "taskrt: option config='/no/such/taskrt.properties' in agent options is not valid: no"
                + " such file; expected the path of a readable properties file of key=value lines;"
                + " running without it"),
        new Case(
            "-Dtaskrt.frames=Service",
            null,
            "taskrt: option frames='Service' in system property (-Dtaskrt.frames) is not valid:"
                + " 'Service' names no methods (add [method] or [*]); "
                + PATTERN_FORMS));
  }

  @Test
  void eachMalformedOptionGetsOneMessageAndTheApplicationStillRuns() throws Exception {
    List<String> table = new ArrayList<>();
    table.add("| option as given | the one message it gets (the application still runs) |");
    table.add("|---|---|");
    List<String> failures = new ArrayList<>();
    for (Case c : cases()) {
      AgentJvm jvm = AgentJvm.on(Jdk.CURRENT);
      if (c.jvmOption() != null) {
        jvm.jvmOption(c.jvmOption());
      }
      if (c.agentOptions() != null) {
        jvm.agentOptions(c.agentOptions());
      }
      AgentJvm.Result result = jvm.run("itapps.AnnotatedApp");
      String given =
          c.jvmOption() != null ? c.jvmOption() : "-javaagent:taskrt-agent.jar=" + c.agentOptions();
      table.add("| `" + given + "` | `" + String.join(" / ", result.taskrtLines()) + "` |");
      if (result.status() != 0
          || !result.outLines().contains("main returns")
          || !result.taskrtLines().equals(List.of(c.message()))) {
        failures.add(given + " -> status " + result.status() + ", " + result.taskrtLines());
      }
    }
    String generated = String.join("\n", table) + "\n";
    Path target = Path.of("target", "OPTIONS-ERRORS.md");
    Files.writeString(target, header() + generated);
    assertThat(failures).as("options whose message or run differs").isEmpty();
    Path checkedIn = Path.of(System.getProperty("taskrt.docs.dir", "../docs"), "OPTIONS-ERRORS.md");
    assertThat(Files.readString(checkedIn))
        .as(
            "docs/OPTIONS-ERRORS.md is the table this test produces (copy target/OPTIONS-ERRORS.md)")
        .isEqualTo(header() + generated);
  }

  @Test
  void strictStopsTheJvmAtABadOptionWithANonZeroStatus() throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions("strict=true,stackLimit=12q")
            .run("itapps.AnnotatedApp");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.taskrtLines())
        .containsExactly(
            "taskrt: option stackLimit='12q' in agent options is not valid: not a size; expected"
                + " bytes with an optional k, m or g suffix, e.g. 512k (0 = no limit); stopping the"
                + " JVM (strict=true)");
    assertThat(result.out()).doesNotContain("main returns");
  }

  private static String header() {
    return "# What malformed agent options get\n\n"
        + "Each row is one run of `itapps.AnnotatedApp` (a small application that prints `main"
        + " returns`) under\nthe agent with one malformed option, on JDK 17. Every run prints"
        + " exactly the one message shown on\nstderr, then the application runs to its end with"
        + " status 0; the agent runs without that option (a pattern or mapping\nwith bad"
        + " braces applies with the annotation's defaults).\nUnder `strict=true` the same message"
        + " ends with `stopping the JVM (strict=true)` and the JVM exits\nwith status 2.\n\n"
        + "Produced and checked by `agent/src/test/java/dev/taskrt/agent/it/OptionErrorsIT.java`"
        + " (`mvn -pl agent -am verify`).\n\n";
  }
}
