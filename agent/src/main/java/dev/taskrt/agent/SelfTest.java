package dev.taskrt.agent;

import dev.taskrt.agent.config.Warnings;

/**
 * Checks, once the transformers are installed, that a rewrite really takes: the {@link
 * SelfTestProbe} class, loaded only now, is rewritten by the application transformer like any
 * application class loader, and its {@code loadClass} then finds taskrt's classes in the bootstrap
 * loader, where unchanged it finds nothing. A probe that comes back unchanged or does not load gets
 * one message saying what no longer works and what to do (a failure under {@code strict=true}); the
 * application runs on. It costs one small class and one call.
 */
final class SelfTest {
  private SelfTest() {}

  static void run(Warnings warnings) {
    String why;
    try {
      Class<?> found = new SelfTestProbe().loadClass("dev.taskrt.Tasks");
      if (found == dev.taskrt.Tasks.class) {
        return;
      }
      why = "a probe class loaded after the agent started came back unchanged";
    } catch (Throwable e) {
      why = "a probe class loaded after the agent started failed: " + e;
    }
    warnings.warn(
        "self-test failed: "
            + why
            + ". Annotations and patterns will not take effect in this JVM. Another agent or a JVM"
            + " option may be stopping class rewriting; run once with only taskrt's -javaagent to"
            + " check, and report the JDK version (java -version) if it persists");
  }
}
