package dev.taskrt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar taskrt-agent.jar check} over the samples (issue 15): a dry run that lists what
 * the demo's options ({@code scripts/demo.sh}) and the samples' annotations rewrite, and that fails
 * the build on a pattern naming nothing.
 */
class CheckIT {
  /** The demo's options, as {@code scripts/demo.sh} gives them. */
  private static final String DEMO_OPTIONS =
      "tasks=dev.taskrt.samples.legacy.OrderService[handle],"
          + "threadLocals=dev.taskrt.samples.legacy.RequestContext[REQUEST_ID]";

  record Run(int status, List<String> out, String err) {}

  private static Run check(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(SampleJvm.AGENT_JAR.toString());
    command.add("check");
    command.addAll(List.of(args));
    Path err = Files.createTempFile("check", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("check ends").isTrue();
    String errText = Files.readString(err);
    Files.delete(err);
    return new Run(p.exitValue(), out.lines().toList(), errText);
  }

  private static Path samplesJar() throws IOException {
    try (Stream<Path> files = Files.list(SampleJvm.CLASSES.getParent())) {
      return files
          .filter(f -> f.getFileName().toString().matches("taskrt-samples-.*\\.jar"))
          .filter(f -> !f.getFileName().toString().contains("-sources"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no samples jar in target (run mvn verify)"));
    }
  }

  @Test
  void listsWhatTheDemosOptionsAndTheSamplesAnnotationsRewrite() throws Exception {
    Run run = check(samplesJar().toString(), DEMO_OPTIONS);

    assertThat(run.status()).as("status; err:\n%s", run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains(
            "rewrite dev.taskrt.samples.legacy.OrderService.handle(java.lang.String,"
                + " java.util.List) into task{mode=LINKED} (tasks="
                + "dev.taskrt.samples.legacy.OrderService[handle])",
            "rewrite dev.taskrt.samples.crawler.Crawler.fetchSupervised(java.net.URI,"
                + " dev.taskrt.Chan) into spawn{mode=SUPERVISED,name=fetch} (@Spawn)",
            "rewrite dev.taskrt.samples.lifecycle.Lifecycle.flusher() into"
                + " spawn{mode=LINKED,name=flusher,weak=true} (@Spawn)",
            "rewrite dev.taskrt.samples.boundary.NativeSort.compare(int, int) into"
                + " boundary{fallback=tie} (@Boundary)");
    assertThat(run.out().get(run.out().size() - 1)).matches("checked \\d+ classes");
  }

  @Test
  void optionsInBracesShowInTheListing() throws Exception {
    Run run =
        check(
            SampleJvm.CLASSES.toString(),
            "tasks=dev.taskrt.samples.legacy.OrderService[handle]{mode=supervised,name=order}");

    assertThat(run.status()).as("status; err:\n%s", run.err()).isZero();
    assertThat(run.out())
        .contains(
            "rewrite dev.taskrt.samples.legacy.OrderService.handle(java.lang.String,"
                + " java.util.List) into task{mode=SUPERVISED,name=order} (tasks="
                + "dev.taskrt.samples.legacy.OrderService[handle]{mode=SUPERVISED,name=order})");
  }

  @Test
  void aPatternThatNamesNothingFailsTheCheckNamingIt() throws Exception {
    Run run =
        check(
            SampleJvm.CLASSES.toString(),
            "tasks=dev.taskrt.samples.legacy.OrderServise[handle]",
            "frames=dev.taskrt.samples.legacy.OrderService[hadnle]");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactly(
            "taskrt: pattern tasks=dev.taskrt.samples.legacy.OrderServise[handle] names no method"
                + " in ["
                + SampleJvm.CLASSES
                + "] (a typo in the class or method name?)",
            "taskrt: pattern frames=dev.taskrt.samples.legacy.OrderService[hadnle] names no method"
                + " in ["
                + SampleJvm.CLASSES
                + "] (a typo in the class or method name?)");
    assertThat(run.out()).noneMatch(l -> l.contains("OrderService.handle"));
  }

  @Test
  void aBadOptionIsAUsageError() throws Exception {
    Run run = check(SampleJvm.CLASSES.toString(), "tasks=dev.taskrt.samples.legacy.OrderService");
    assertThat(run.status()).isEqualTo(64);
    assertThat(run.err()).contains("option tasks='dev.taskrt.samples.legacy.OrderService'");
  }
}
