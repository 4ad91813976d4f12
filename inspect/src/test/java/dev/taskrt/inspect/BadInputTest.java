package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.inspect.programs.LinkedFailureProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets one clear message on stderr and its own exit status. */
class BadInputTest {
  @TempDir static Path dir;
  static byte[] good;

  @BeforeAll
  static void recordARealRun() throws Exception {
    Path jfr = Recordings.record(LinkedFailureProgram.class, dir.resolve("good.jfr"), "128m", 120);
    good = Files.readAllBytes(jfr);
  }

  private static void assertOneMessage(Inspected result, int status, String... words) {
    assertThat(result.status()).isEqualTo(status);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains(words);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nowhere.jfr");
    assertOneMessage(
        Inspected.run(missing.toString()), ExitStatus.NO_FILE, missing + ": no such file");
  }

  @Test
  void aDirectoryIsNotARecording() {
    assertOneMessage(Inspected.run(dir.toString()), ExitStatus.NO_FILE, "is a directory");
  }

  @Test
  void aFileThatIsNotARecordingSaysSo() throws Exception {
    Path text = dir.resolve("notes.jfr");
    Files.writeString(text, "these are not the events you are looking for\n");
    assertOneMessage(
        Inspected.run(text.toString()), ExitStatus.NOT_A_RECORDING, "not a JFR recording");
    Path empty = Files.createFile(dir.resolve("empty.jfr"));
    assertOneMessage(
        Inspected.run(empty.toString()), ExitStatus.NOT_A_RECORDING, "the file is empty");
  }

  @Test
  void aRecordingCutOffWhileBeingWrittenIsTruncated() throws Exception {
    Path cut = dir.resolve("cut.jfr");
    Files.write(cut, Arrays.copyOf(good, good.length / 2));
    assertOneMessage(
        Inspected.run(cut.toString()),
        ExitStatus.TRUNCATED,
        "truncated recording",
        "bytes but the file ends after " + (good.length / 2));
    Path header = dir.resolve("header.jfr");
    Files.write(header, Arrays.copyOf(good, 20));
    assertOneMessage(
        Inspected.run(header.toString()), ExitStatus.TRUNCATED, "ends inside a chunk header");
  }

  @Test
  void aRecordingDamagedInsideIsReportedAsDamaged() throws Exception {
    byte[] bad = good.clone();
    for (int i = bad.length / 3; i < bad.length / 3 + 4096 && i < bad.length; i++) {
      bad[i] = (byte) 0xff;
    }
    Path damaged = dir.resolve("damaged.jfr");
    Files.write(damaged, bad);
    Inspected result = Inspected.run(damaged.toString());
    // JFR's parser may or may not notice garbage in event payloads; when it does, one message
    assertThat(result.status()).isIn(ExitStatus.OK, ExitStatus.TRUNCATED);
    if (result.status() == ExitStatus.TRUNCATED) {
      assertOneMessage(result, ExitStatus.TRUNCATED, "damaged recording");
    }
  }

  @Test
  void aRecordingWithoutTaskrtEventsSaysHowToRecordThem() throws Exception {
    Path plain = dir.resolve("plain.jfr");
    try (Recording recording = new Recording()) {
      // Other tests in this JVM may have started a kernel, whose periodic events a recording
      // without settings would take in: this one must hold none of taskrt's.
      for (jdk.jfr.EventType type : jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes()) {
        if (type.getName().startsWith("taskrt.")) {
          recording.disable(type.getName());
        }
      }
      recording.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(10));
      recording.start();
      Thread.sleep(50);
      recording.stop();
      recording.dump(plain);
    }
    assertOneMessage(
        Inspected.run(plain.toString()),
        ExitStatus.NO_TASKRT_EVENTS,
        "holds no taskrt events",
        "jfr=FILE");
  }

  @Test
  void aWrongCommandLineGetsUsage() {
    assertOneMessageOrTwo(Inspected.run(), "no recording named");
    assertOneMessageOrTwo(Inspected.run("x.jfr", "trees"), "unknown view 'trees'");
    assertOneMessageOrTwo(Inspected.run("x.jfr", "--depth", "zero"), "--depth needs a whole");
    assertOneMessageOrTwo(Inspected.run("x.jfr", "--frobnicate"), "unknown option");
    Inspected help = Inspected.run("--help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("usage: inspect FILE.jfr [VIEW] [OPTIONS]");
    assertThat(help.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  private static void assertOneMessageOrTwo(Inspected result, String words) {
    assertThat(result.status()).isEqualTo(ExitStatus.USAGE);
    assertThat(result.err()).contains(words, "inspect --help");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theWordInspectBeforeTheArgumentsIsSkipped() throws Exception {
    Path jfr = dir.resolve("again.jfr");
    Files.write(jfr, good);
    Inspected result = Inspected.run("inspect", jfr.toString(), "exit", "--no-color");
    assertThat(result.status()).isZero();
    assertThat(new String(result.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .startsWith("Exit: ROOT_RETURNED");
  }
}
