package dev.taskrt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.config.OptionKey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import jdk.jfr.Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door: every option, annotation and event it names exists in the code, and
 * every one in the code is in the README.
 */
class ReadmeMatchesCodeTest {
  private static String readme;

  @BeforeAll
  static void read() throws IOException {
    readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
  }

  /** The first cells of the rows of the table under the given heading, as `code` names. */
  private static Set<String> namesInTable(String heading) {
    int start = readme.indexOf("\n## " + heading + "\n");
    assertThat(start).as("README has a '## %s' section", heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + 4);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> names = new TreeSet<>();
    for (String line : section.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String firstCell = line.substring(1, line.indexOf('|', 1));
      Matcher m = Pattern.compile("`([^`]+)`").matcher(firstCell);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void everyOptionIsInTheReadmeAndNothingElse() {
    Set<String> inCode =
        Arrays.stream(OptionKey.values())
            .map(OptionKey::key)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(namesInTable("Options")).isEqualTo(inCode);
  }

  @Test
  void everyAnnotationIsInTheReadmeAndNothingElse() throws Exception {
    Set<String> inCode =
        classesIn("dev/taskrt/").stream()
            .filter(c -> c.isAnnotation() && c.getPackageName().equals("dev.taskrt"))
            .map(c -> "@" + c.getSimpleName())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(inCode).contains("@Task", "@Spawn", "@Frame", "@AtExit", "@Foreign", "@Boundary");
    assertThat(namesInTable("Annotations")).isEqualTo(inCode);
  }

  @Test
  void everyEventIsInTheReadmeAndNothingElse() throws Exception {
    Set<String> inCode =
        classesIn("dev/taskrt/internal/jfr/").stream()
            .filter(jdk.jfr.Event.class::isAssignableFrom)
            .map(c -> c.getAnnotation(Name.class).value())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(inCode).hasSizeGreaterThanOrEqualTo(11);
    assertThat(namesInTable("Events")).isEqualTo(inCode);
  }

  /** The cells of the rows of the table under the given heading (header rows left out). */
  private static java.util.List<String[]> rowsInTable(String heading) {
    int start = readme.indexOf("\n## " + heading + "\n");
    assertThat(start).as("README has a '## %s' section", heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + 4);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    java.util.List<String[]> rows = new java.util.ArrayList<>();
    boolean header = true;
    for (String line : section.split("\n")) {
      if (!line.startsWith("|")) {
        continue;
      }
      if (header || line.startsWith("|---")) {
        header = line.startsWith("|---") ? false : header;
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("\\|");
      rows.add(Arrays.stream(cells).map(String::trim).toArray(String[]::new));
    }
    return rows;
  }

  /** The `code` names in a cell. */
  private static java.util.List<String> codeNames(String cell) {
    java.util.List<String> names = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyRowOfTheModelNamesCodeAndATestThatExist() throws Exception {
    java.util.List<String[]> rows = rowsInTable("The model, in code");
    assertThat(rows).as("rows of the component map").hasSizeGreaterThanOrEqualTo(12);
    java.util.Map<String, Class<?>> runtime = new java.util.HashMap<>();
    for (String folder :
        new String[] {"dev/taskrt/", "dev/taskrt/internal/", "dev/taskrt/internal/jfr/"}) {
      for (Class<?> c : classesIn(folder)) {
        runtime.put(c.getSimpleName(), c);
      }
    }
    java.util.Map<String, Path> tests = new java.util.HashMap<>();
    try (Stream<Path> files = Files.walk(Path.of(".."))) {
      files
          .filter(f -> f.toString().contains("src/test/java") && f.toString().endsWith(".java"))
          .forEach(f -> tests.put(f.getFileName().toString().replace(".java", ""), f));
    }
    for (String[] row : rows) {
      assertThat(row).as("a row of four cells: %s", Arrays.toString(row)).hasSize(4);
      java.util.List<String> code = codeNames(row[2]);
      assertThat(code).as("the code of '%s'", row[0]).isNotEmpty();
      for (String name : code) {
        String[] parts = name.split("#");
        Class<?> type = runtime.get(parts[0]);
        assertThat(type).as("runtime class %s named for '%s'", parts[0], row[0]).isNotNull();
        if (parts.length > 1) {
          boolean found =
              Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(parts[1]))
                  || Arrays.stream(type.getDeclaredFields())
                      .anyMatch(f -> f.getName().equals(parts[1]));
          assertThat(found).as("%s has a member %s ('%s')", parts[0], parts[1], row[0]).isTrue();
        }
      }
      java.util.List<String> testNames = codeNames(row[3]);
      assertThat(testNames).as("the test of '%s'", row[0]).isNotEmpty();
      for (String name : testNames) {
        String[] parts = name.split("#");
        Path file = tests.get(parts[0]);
        assertThat(file).as("test class %s named for '%s'", parts[0], row[0]).isNotNull();
        if (parts.length > 1) {
          assertThat(Files.readString(file)).contains("void " + parts[1] + "(");
        }
      }
    }
  }

  /** The classes of runtime-api directly in the given package folder. */
  private static Set<Class<?>> classesIn(String folder) throws IOException, URISyntaxException {
    Path location =
        Path.of(dev.taskrt.Tasks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(folder))) {
        files.map(p -> folder + p.getFileName()).forEach(names::add);
      }
    } else {
      try (ZipFile jar = new ZipFile(location.toFile())) {
        jar.stream()
            .map(e -> e.getName())
            .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0)
            .forEach(names::add);
      }
    }
    Set<Class<?>> classes = new java.util.LinkedHashSet<>();
    for (String name : names) {
      if (name.endsWith(".class") && !name.contains("$")) {
        try {
          classes.add(
              Class.forName(
                  name.substring(0, name.length() - 6).replace('/', '.'),
                  false,
                  ReadmeMatchesCodeTest.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    }
    return classes;
  }
}
