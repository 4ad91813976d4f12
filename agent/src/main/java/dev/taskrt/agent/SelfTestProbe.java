package dev.taskrt.agent;

/**
 * The self-test's probe (see {@link SelfTest}): a class loader whose {@code loadClass} finds
 * nothing. The application transformer rewrites it as it rewrites any application class loader, so
 * that taskrt's classes come from the bootstrap loader; rewritten, it finds them.
 */
final class SelfTestProbe extends ClassLoader {
  /** The probe's internal name, which the application transformer rewrites though it is ours. */
  static final String INTERNAL_NAME = "dev/taskrt/agent/SelfTestProbe";

  SelfTestProbe() {
    super(null);
  }

  @Override
  public Class<?> loadClass(String name) {
    return null;
  }
}
