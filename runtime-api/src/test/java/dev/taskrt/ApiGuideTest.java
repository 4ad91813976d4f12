package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every snippet of {@code docs/API.md} compiles and, run in a JVM of its own without the agent,
 * prints exactly the output shown beside it.
 *
 * <p>The guide's format: a {@code java} block is a snippet, the body of a {@code main} method with
 * the imports named in {@link #WRAPPER} (or, when it declares a {@code public class}, a whole
 * source file). The {@code text} block after it is its standard output. A {@code text file=PATH}
 * block between them is a file put on the snippet's class path.
 */
class ApiGuideTest {
  private static final Path GUIDE =
      Path.of(System.getProperty("taskrt.docs.dir", "../docs"), "API.md");

  /** What a body-only snippet is compiled inside. */
  static final String WRAPPER =
      "import dev.taskrt.*;\n"
          + "import java.time.Duration;\n"
          + "import java.util.*;\n"
          + "import java.util.concurrent.*;\n"
          + "\n"
          + "public class %s {\n"
          + "  public static void main(String[] args) throws Exception {\n"
          + "%s"
          + "  }\n"
          + "}\n";

  private static final Pattern FENCE = Pattern.compile("^```(\\S*)(?:\\s+file=(\\S+))?\\s*$");
  private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+class\\s+(\\w+)");

  @TempDir Path work;

  /** One block of the guide. */
  record Block(String section, String kind, String file, String text) {}

  /** A snippet, the files it needs, and the output it prints. */
  record Snippet(String section, String source, List<Block> files, String output) {}

  @TestFactory
  Stream<DynamicTest> everySnippetPrintsTheOutputShownBesideIt() throws IOException {
    List<Snippet> snippets = snippets(blocks(Files.readString(GUIDE)));
    assertThat(snippets).as("snippets in " + GUIDE).hasSizeGreaterThanOrEqualTo(9);
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> mainClasses = compileAll(snippets, classes);
    // Every snippet's JVM starts now, side by side; each test then waits for its own.
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      Snippet snippet = snippets.get(i);
      String mainClass = mainClasses.get(i);
      Path files = Files.createDirectories(work.resolve("files-" + (i + 1)));
      SnippetJvm jvm = SnippetJvm.start(mainClass, snippet, classes, files);
      tests.add(
          DynamicTest.dynamicTest(
              snippet.section() + " (" + mainClass + ")",
              () -> assertThat(jvm.output()).isEqualTo(snippet.output())));
    }
    return tests.stream();
  }

  private static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String section = "(top)";
    Matcher open = null;
    StringBuilder text = null;
    for (String line : markdown.split("\n", -1)) {
      if (text == null && line.startsWith("## ")) {
        section = line.substring(3).trim();
      }
      Matcher fence = FENCE.matcher(line);
      if (!fence.matches()) {
        if (text != null) {
          text.append(line).append('\n');
        }
      } else if (text == null) {
        open = fence;
        text = new StringBuilder();
      } else {
        blocks.add(new Block(section, open.group(1), open.group(2), text.toString()));
        text = null;
      }
    }
    return blocks;
  }

  private static List<Snippet> snippets(List<Block> blocks) {
    List<Snippet> snippets = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Block code = blocks.get(i);
      if (!code.kind().equals("java")) {
        continue;
      }
      List<Block> files = new ArrayList<>();
      String output = null;
      for (int j = i + 1; j < blocks.size() && output == null; j++) {
        Block next = blocks.get(j);
        if (next.kind().equals("java")) {
          break;
        } else if (next.file() != null) {
          files.add(next);
        } else if (next.kind().equals("text")) {
          output = next.text();
        }
      }
      if (output == null) {
        throw new AssertionError("no ```text output block after a snippet in " + code.section());
      }
      snippets.add(new Snippet(code.section(), code.text(), files, output));
    }
    return snippets;
  }

  /** Compiles every snippet in one go (one compiler start); returns each one's main class. */
  private List<String> compileAll(List<Snippet> snippets, Path classes) throws IOException {
    Path sources = Files.createDirectories(work.resolve("sources"));
    List<String> mainClasses = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      String source = snippets.get(i).source();
      Matcher whole = PUBLIC_CLASS.matcher(source);
      boolean wholeClass = whole.find();
      String mainClass = wholeClass ? whole.group(1) : "Snippet" + (i + 1);
      String unit =
          wholeClass ? source : String.format(Locale.ROOT, WRAPPER, mainClass, indent(source));
      Path file = sources.resolve(mainClass + ".java");
      Files.writeString(file, unit);
      files.add(file);
      mainClasses.add(mainClass);
    }
    compile(files, classes);
    return mainClasses;
  }

  private static String indent(String body) {
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n")) {
      out.append("    ").append(line).append('\n');
    }
    return out.toString();
  }

  private static void compile(List<Path> sources, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options =
          List.of("-d", out.toString(), "-cp", runtimeClasses().toString(), "-Xlint:none");
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      if (!ok) {
        throw new AssertionError(
            "the snippets do not compile (sources in "
                + sources.get(0).getParent()
                + "):\n"
                + diagnostics.getDiagnostics());
      }
    }
  }

  /** A snippet running in a JVM of its own, without the agent. */
  private record SnippetJvm(String mainClass, Process process, Path stdout, Path stderr) {
    static SnippetJvm start(String mainClass, Snippet snippet, Path classes, Path dir)
        throws IOException {
      for (Block extra : snippet.files()) {
        Path target = dir.resolve(extra.file());
        Files.createDirectories(target.getParent());
        Files.writeString(target, extra.text());
      }
      Path stdout = dir.resolve("stdout.txt");
      Path stderr = dir.resolve("stderr.txt");
      String classPath =
          String.join(
              java.io.File.pathSeparator,
              runtimeClasses().toString(),
              classes.toString(),
              dir.toString());
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx64m",
              "-XX:TieredStopAtLevel=1", // short runs: start-up is all there is
              "-cp",
              classPath,
              mainClass);
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      return new SnippetJvm(mainClass, process, stdout, stderr);
    }

    /** What the snippet printed on stdout; fails unless it ended with status 0. */
    String output() throws IOException, InterruptedException {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(mainClass + " did not end in 2 minutes");
      }
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(mainClass + "'s exit status; stderr:\n" + err).isZero();
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Where the runtime's classes are: a snippet needs them and nothing else. */
  private static Path runtimeClasses() {
    try {
      return Path.of(Tasks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
