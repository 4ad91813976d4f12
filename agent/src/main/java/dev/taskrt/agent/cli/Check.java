package dev.taskrt.agent.cli;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.ParsedOption;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.agent.instrument.DryRun;
import dev.taskrt.agent.instrument.PlanLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code check <jar or dir>... [options]}: a dry run of the agent over class files. Every method
 * the options and annotations would rewrite is printed with what it becomes and who asked, every
 * candidate left alone with why ({@link DryRun}); the exit status is 1 when a pattern names no
 * method at all (a typo), naming it, so that the command can guard a build. Options are written as
 * for the agent ({@code tasks=com.acme.*Service[handle*]{mode=supervised},spawn=...}), in one or
 * more arguments containing {@code =}.
 */
final class Check {
  /** Exit status when a pattern names no method. */
  static final int UNMATCHED_STATUS = 1;

  private Check() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> paths = new ArrayList<>();
    StringBuilder optionText = new StringBuilder();
    for (String arg : args) {
      if (arg.indexOf('=') >= 0) {
        optionText.append(optionText.length() > 0 ? "," : "").append(arg);
      } else {
        paths.add(Path.of(arg));
      }
    }
    if (paths.isEmpty()) {
      err.println("taskrt: check needs at least one jar or directory of class files");
      err.println("usage: java -jar taskrt-agent.jar " + Command.CHECK.usage());
      return Cli.USAGE_STATUS;
    }
    AgentOptions options = AgentOptions.parse(optionText.toString(), new Properties());
    boolean usable = true;
    for (ParsedOption problem : options.problems()) {
      err.println(problem.message(false).replace("; running without it", ""));
      usable = false;
    }
    for (String problem : options.braceProblems()) {
      err.println(problem);
      usable = false;
    }
    if (!usable) {
      return Cli.USAGE_STATUS;
    }
    DryRun run = new DryRun(options, new Warnings(out, false), PlanLog.printingTo(out, ""));
    int classes = 0;
    for (Path path : paths) {
      try {
        classes += planAll(path, run);
      } catch (IOException | RuntimeException e) {
        err.println("taskrt: check cannot read " + path + ": " + e);
        return Cli.USAGE_STATUS;
      }
    }
    out.println("checked " + classes + " classes");
    List<String> unmatched = run.unmatchedPatterns();
    for (String pattern : unmatched) {
      err.println(
          "taskrt: pattern "
              + pattern
              + " names no method in "
              + paths
              + " (a typo in the class or method name?)");
    }
    return unmatched.isEmpty() ? 0 : UNMATCHED_STATUS;
  }

  private static int planAll(Path path, DryRun run) throws IOException {
    int planned = 0;
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
      }
      for (Path file : files) {
        planned += plan(run, Files.readAllBytes(file));
      }
      return planned;
    }
    if (!Files.isRegularFile(path)) {
      throw new IOException("no such file or directory");
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      List<ZipEntry> entries = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.getName().endsWith(".class")
            && !entry.getName().startsWith("META-INF/")
            && !entry.getName().endsWith("module-info.class")) {
          entries.add(entry);
        }
      }
      entries.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (ZipEntry entry : entries) {
        try (InputStream in = zip.getInputStream(entry)) {
          planned += plan(run, in.readAllBytes());
        }
      }
    }
    return planned;
  }

  private static int plan(DryRun run, byte[] classFile) {
    return run.plan(classFile) ? 1 : 0;
  }
}
