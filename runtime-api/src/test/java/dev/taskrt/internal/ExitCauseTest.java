package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Without the agent's advice on {@code Runtime.exit}, the kernel's fallback hook tells why the JVM
 * exits from the stack of the thread that began the shutdown, instead of calling every exit a
 * signal with status 143.
 */
class ExitCauseTest {
  private static StackTraceElement[] stack(String... classAndMethod) {
    StackTraceElement[] frames = new StackTraceElement[classAndMethod.length];
    for (int i = 0; i < frames.length; i++) {
      int dot = classAndMethod[i].lastIndexOf('.');
      frames[i] =
          new StackTraceElement(
              classAndMethod[i].substring(0, dot), classAndMethod[i].substring(dot + 1), null, -1);
    }
    return frames;
  }

  @Test
  void theLaunchersEndAfterTheLastThreadIsANormalEnd() {
    assertThat(ExitCause.of("DestroyJavaVM", stack("java.lang.Shutdown.shutdown")))
        .isEqualTo(new ExitCause(ShutdownSequence.LAST_THREAD_ENDED, 0));
  }

  @Test
  void exitOnASignalHandlerThreadIsThatSignal() {
    StackTraceElement[] exit =
        stack(
            "java.lang.Shutdown.exit",
            "java.lang.Terminator$1.handle",
            "jdk.internal.misc.Signal$1.run");
    assertThat(ExitCause.of("SIGTERM handler", exit))
        .isEqualTo(new ExitCause(ShutdownSequence.SIGNAL, 143));
    assertThat(ExitCause.of("SIGINT handler", exit))
        .isEqualTo(new ExitCause(ShutdownSequence.SIGNAL, 130));
  }

  @Test
  void exitElsewhereIsSystemExitWithAStatusTheHookCannotSee() {
    assertThat(
            ExitCause.of(
                "main",
                stack(
                    "java.lang.Shutdown.exit", "java.lang.Runtime.exit", "java.lang.System.exit")))
        .isEqualTo(new ExitCause(ShutdownSequence.SYSTEM_EXIT, -1));
  }

  @Test
  void aThreadOutsideTheShutdownTellsNothing() {
    assertThat(ExitCause.of("worker", stack("java.lang.Thread.run"))).isNull();
  }
}
