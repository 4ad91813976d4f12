package dev.taskrt.agent.jdk;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Whether this JVM is writing an archive of the JDK's own classes: the training run of an AOT cache
 * (JDK 24+, {@code -XX:AOTCacheOutput}, {@code -XX:AOTMode=record}) or a static CDS archive ({@code
 * -Xshare:dump}), however the flag was given: on the command line, in an argument file, {@code
 * JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}. A dynamic archive ({@code
 * -XX:ArchiveClassesAtExit}) is a layer over the JDK's own archive, which it does not rewrite; it
 * leaves a redefined class out and works with every rewrite, so it does not count here.
 *
 * <p>Two steps, the second one only when the first cannot say no. A JVM writing such an archive
 * maps none, so a JVM whose {@code java.vm.info} says {@code sharing} is not writing one: one
 * property read, the answer at every start with class-data sharing on (the JDK's default).
 * Otherwise the JVM answers itself, through the native methods behind {@code
 * jdk.internal.misc.CDS.isDumpingArchive()}: {@code getCDSConfigStatus()} (JDK 23+, bit 0) or
 * {@code isDumpingArchive0()} (JDK 17 to 22), once {@code java.base} opens that package to taskrt.
 * That costs a few milliseconds (the module redefinition; on JDK 25 also the method handles behind
 * the reflective call), paid only by a JVM that shares no classes. Parsing the command line instead
 * would miss the environment variables and argument files. If the JDK has neither method the answer
 * is "no".
 */
final class ArchiveDump {
  /** The package of {@code CDS}. */
  static final String PACKAGE = "jdk.internal.misc";

  /** {@code CDS.IS_DUMPING_ARCHIVE}, the bit of {@code getCDSConfigStatus()} asked for. */
  private static final int IS_DUMPING_ARCHIVE = 1;

  private ArchiveDump() {}

  /**
   * Whether the JVM is writing an archive of the JDK's classes; false when it cannot tell.
   *
   * @param inst the JVM's instrumentation, to open {@code jdk.internal.misc} to taskrt
   */
  static boolean inProgress(Instrumentation inst) {
    if (System.getProperty("java.vm.info", "").contains("sharing")) {
      return false;
    }
    try {
      Module javaBase = Object.class.getModule();
      Module self = ArchiveDump.class.getModule();
      if (!javaBase.isOpen(PACKAGE, self)) {
        inst.redefineModule(
            javaBase, Set.of(), Map.of(), Map.of(PACKAGE, Set.of(self)), Set.of(), Map.of());
      }
      Class<?> cds = Class.forName(PACKAGE + ".CDS", false, null);
      Method status = declared(cds, "getCDSConfigStatus");
      if (status != null) {
        return ((Integer) status.invoke(null) & IS_DUMPING_ARCHIVE) != 0;
      }
      Method dumping = declared(cds, "isDumpingArchive0");
      return dumping != null && Boolean.TRUE.equals(dumping.invoke(null));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Method declared(Class<?> owner, String name) {
    try {
      Method m = owner.getDeclaredMethod(name);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
