package dev.taskrt.bench.mainthread;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./taskrt bench} relies on from a main-thread row's JVM: it appends exactly one pair
 * per measure to the results file, the median of the rounds it printed, so that the rows of several
 * JVMs are as many pairs.
 */
class MainThreadRoundsTest {
  private static final Pattern ROUND =
      Pattern.compile("round \\d+/\\d+: baseline ([0-9.]+) ns CPU .* measured ([0-9.]+) ns CPU .*");

  @Test
  void oneJvmAppendsOnePairPerMeasureTheMedianOfItsRounds(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results.tsv");
    Files.writeString(results, "note\tother-row\tkept\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline," + MainThreadOps.class.getName() + "::*",
                "-cp",
                System.getProperty("java.class.path") + File.pathSeparator + classesOfThisModule(),
                MainThreadRounds.class.getName(),
                "frame",
                "frame-main",
                results.toString(),
                "5",
                "10")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    List<Double> baseline = new ArrayList<>();
    List<Double> measured = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = ROUND.matcher(line.trim());
      if (m.matches()) {
        baseline.add(Double.parseDouble(m.group(1)));
        measured.add(Double.parseDouble(m.group(2)));
      }
    }
    assertThat(baseline).as(out).hasSize(5);

    List<String> lines = Files.readAllLines(results);
    assertThat(lines.get(0)).isEqualTo("note\tother-row\tkept");
    List<String> pairs = lines.stream().filter(l -> l.startsWith("pair\t")).toList();
    assertThat(pairs)
        .extracting(l -> l.split("\t")[1] + " " + l.split("\t")[2])
        .containsExactly("frame-main cpu", "frame-main wall", "frame-main alloc");
    String[] cpu = pairs.get(0).split("\t");
    // the printed rounds carry three decimals; the pair the full figure
    assertThat(Double.parseDouble(cpu[3])).isCloseTo(median(baseline), within());
    assertThat(Double.parseDouble(cpu[4])).isCloseTo(median(measured), within());
  }

  private static Offset<Double> within() {
    return Offset.offset(0.0006);
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  /** This module's compiled classes, in case the class path is a launcher's manifest-only jar. */
  private static String classesOfThisModule() throws Exception {
    return Path.of(
            MainThreadRounds.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }
}
