package itapps;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Prints which compiler directives the JVM holds, once the agent's start has ended: a line {@code
 * directive: <pattern> c2 Exclude:<true|false>} per directive, as {@code jcmd PID
 * Compiler.directives_print} shows them.
 */
public final class CompilerDirectivesProbe {
  private CompilerDirectivesProbe() {}

  public static void main(String[] args) throws Exception {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("taskrt-jit-directive")) {
        t.join();
      }
    }
    String printed =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesPrint",
                    null,
                    null);
    String matching = null;
    boolean inC2 = false;
    for (String line : printed.lines().map(String::trim).toList()) {
      if (line.startsWith("matching:")) {
        matching = line.substring("matching:".length()).trim();
      } else if (line.startsWith("c2 directives")) {
        inC2 = true;
      } else if (inC2 && line.contains("Exclude:")) {
        String exclude = line.replaceAll(".*Exclude:(\\w+).*", "$1");
        System.out.println("directive: " + matching + " c2 Exclude:" + exclude);
        inC2 = false;
      }
    }
  }
}
