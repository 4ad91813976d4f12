package dev.taskrt.internal;

import java.util.Map;

/**
 * Not API. Why the JVM is exiting, as the kernel's fallback shutdown hook can tell without the
 * agent's advice on {@code Runtime.exit}: from the stacks of the thread that began the JVM's
 * shutdown. {@code java.lang.Shutdown.shutdown} (the launcher's {@code DestroyJavaVM}, after the
 * last non-daemon thread ended) is a normal end; {@code Shutdown.exit} on a {@code SIG... handler}
 * thread is a signal (status 128 + its number); {@code Shutdown.exit} elsewhere is {@code
 * System.exit}, whose status the hook cannot see (-1). Read once, at shutdown.
 *
 * @param trigger as the Shutdown event names it
 * @param exitStatus the JVM's exit status, or -1 when it is not known
 */
record ExitCause(String trigger, int exitStatus) {
  /** Signal numbers of the signals the JVM handles by exiting. */
  private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "TERM", 15);

  /** Reads the cause from the JVM's threads; a signal (TERM) when nothing tells. */
  static ExitCause seenFromHook() {
    try {
      for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
        ExitCause cause = of(entry.getKey().getName(), entry.getValue());
        if (cause != null) {
          return cause;
        }
      }
    } catch (RuntimeException | Error e) {
      // fall through: nothing tells
    }
    return new ExitCause(ShutdownSequence.SIGNAL, 128 + 15);
  }

  /** The cause a thread's stack shows, or null if it is not the one that began the shutdown. */
  static ExitCause of(String threadName, StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (!frame.getClassName().equals("java.lang.Shutdown")) {
        continue;
      }
      if (frame.getMethodName().equals("shutdown")) {
        return new ExitCause(ShutdownSequence.LAST_THREAD_ENDED, 0);
      }
      if (frame.getMethodName().equals("exit")) {
        if (threadName.startsWith("SIG") && threadName.endsWith(" handler")) {
          String signal = threadName.substring(3, threadName.length() - " handler".length());
          Integer number = SIGNALS.get(signal);
          return new ExitCause(ShutdownSequence.SIGNAL, number == null ? -1 : 128 + number);
        }
        return new ExitCause(ShutdownSequence.SYSTEM_EXIT, -1);
      }
    }
    return null;
  }
}
