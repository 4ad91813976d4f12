package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.inspect.programs.LinkedFailureProgram;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML page of a real run in headless Chromium through {@code
 * src/test/chromium/screenshot.sh}: the page renders (a screenshot that is not blank and shows the
 * outcome colours) and, after its script ran, the timeline holds one bar per task.
 *
 * <p>Never skipped: {@code ./taskrt test} installs Debian's chromium first when it is missing
 * (scripts/test-tools.sh), and the screenshot script installs it too when this test runs alone as
 * root; where it cannot be installed, the test fails saying so.
 */
class HtmlPageInChromiumTest {
  @TempDir Path dir;

  @Test
  void pageRendersInChromiumWithOneBarPerTask() throws Exception {
    Path jfr = Recordings.record(LinkedFailureProgram.class, dir.resolve("run.jfr"), "128m", 120);
    Path page = dir.resolve("page.html");
    assertThat(Inspected.run(jfr.toString(), "--html", page.toString()).status()).isZero();
    Object summary = JsonValue.parse(Inspected.run(jfr.toString(), "summary", "--json").out());
    long tasks = Math.round((Double) JsonValue.at(summary, "summary", "tasks", "seen"));
    assertThat(tasks).isEqualTo(13); // eleven of the program's and its two at_exit handlers

    Path shots = dir.resolve("shots");
    Process script =
        new ProcessBuilder(
                "bash",
                Path.of("src/test/chromium/screenshot.sh").toAbsolutePath().toString(),
                page.toString(),
                shots.toString(),
                Long.toString(tasks))
            .redirectErrorStream(true)
            .start();
    String output;
    if (!script.waitFor(180, TimeUnit.SECONDS)) {
      script.destroyForcibly();
      throw new AssertionError("screenshot.sh did not end in 180 s");
    }
    output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.exitValue()).as(output).isZero();
    assertThat(output).contains("bars: " + tasks);

    BufferedImage png = ImageIO.read(shots.resolve("page.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(1400);
    assertThat(pixelsNear(png, 0x3a9d5d)).as("DONE green").isGreaterThan(100);
    assertThat(pixelsNear(png, 0xd64545)).as("FAILED red").isGreaterThan(100);
    assertThat(pixelsNear(png, 0xe0a030)).as("KILLED orange").isGreaterThan(100);
  }

  private static int pixelsNear(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 12
            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
            && Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
          count++;
        }
      }
    }
    return count;
  }
}
