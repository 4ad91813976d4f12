package dev.taskrt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test class path in a new JVM and collects what a user would see. */
final class ForkedJvm {
  /** Exit status and output of a finished JVM. */
  record Result(int status, String out, String err) {}

  private ForkedJvm() {}

  static Result run(Class<?> main, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return run(main, jvmOptions, java.util.Map.of(), args);
  }

  /** Runs with these environment variables added (and every {@code TASKRT_*} one removed). */
  static Result run(
      Class<?> main, List<String> jvmOptions, java.util.Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TASKRT_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    var out = process.getInputStream();
    var err = process.getErrorStream();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("forked JVM " + main.getSimpleName() + " did not end in 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(out.readAllBytes(), StandardCharsets.UTF_8),
        new String(err.readAllBytes(), StandardCharsets.UTF_8));
  }
}
