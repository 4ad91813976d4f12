package dev.taskrt.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.config.OptionKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The help is generated from the code, so it names every option and every command there is. */
class HelpTest {
  private static String help(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Cli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyOptionKeyIsInTheHelpWithItsDescriptionAndValidValues() {
    String help = help();
    for (OptionKey key : OptionKey.values()) {
      assertThat(help)
          .as(key.key())
          .containsPattern("(?m)^  " + key.key() + " +\\Q" + key.description() + "\\E$")
          .contains("values: " + key.validForms());
    }
  }

  @Test
  void everyCommandIsInTheHelpWithItsUsage() {
    String help = help();
    for (Command command : Command.values()) {
      assertThat(help)
          .as(command.word())
          .contains("java -jar taskrt-agent.jar " + command.usage() + "\n")
          .contains(command.description());
    }
  }

  @Test
  void helpAndNoCommandPrintTheSameText() {
    assertThat(help("help")).isEqualTo(help()).isEqualTo(help("--help"));
  }
}
