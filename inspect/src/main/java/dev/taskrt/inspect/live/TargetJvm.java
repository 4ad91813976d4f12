package dev.taskrt.inspect.live;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The JVM {@code top} watches, reached through the JDK's own mechanisms: the attach API checks that
 * the process is a JVM with the taskrt agent and starts its local management agent (a JMX connector
 * on loopback, the same one {@code jcmd ManagementAgent.start_local} starts); JFR's remote
 * streaming then runs over that connection. No port or protocol of taskrt's own.
 */
final class TargetJvm implements AutoCloseable {
  /** The system property the agent sets at start, to its version; how {@code top} knows it. */
  static final String AGENT_PROPERTY = "dev.taskrt.agent";

  final long pid;
  final String mainClass;
  final String agentVersion;
  private final JMXConnector connector;

  private TargetJvm(long pid, String mainClass, String agentVersion, JMXConnector connector) {
    this.pid = pid;
    this.mainClass = mainClass;
    this.agentVersion = agentVersion;
    this.connector = connector;
  }

  /** The management connection to the JVM. */
  MBeanServerConnection connection() throws IOException {
    return connector.getMBeanServerConnection();
  }

  /** {@code pid 1234 (com.acme.Main)}. */
  String label() {
    return "pid " + pid + (mainClass.isEmpty() ? "" : " (" + mainClass + ")");
  }

  /** Attaches to process {@code pid}, or says in one line why it cannot. */
  static TargetJvm attach(long pid) throws TopException {
    ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
    if (process == null) {
      throw new TopException(
          TopException.NO_PROCESS,
          "taskrt: top: no process "
              + pid
              + " is running; check the pid (jps lists the JVMs you can attach to)");
    }
    String me = System.getProperty("user.name", "");
    String owner = process.info().user().orElse("");
    if (!listed(pid)) {
      // Attaching to a process that is not a JVM would send it SIGQUIT, which ends most programs.
      throw new TopException(
          TopException.NOT_ATTACHABLE,
          !owner.isEmpty() && !owner.equals(me)
              ? otherUser(pid, owner, me)
              : "taskrt: top: process "
                  + pid
                  + " is not a JVM this user can attach to (jps does not list it); give the pid of"
                  + " a JVM started with -javaagent:taskrt-agent.jar (and without"
                  + " -XX:-UsePerfData)");
    }
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (Exception e) {
      throw new TopException(
          TopException.NOT_ATTACHABLE,
          !owner.isEmpty() && !owner.equals(me)
              ? otherUser(pid, owner, me)
              : "taskrt: top: cannot attach to process "
                  + pid
                  + " ("
                  + e.getMessage()
                  + "); it must run as this user, on a JDK, without"
                  + " -XX:+DisableAttachMechanism",
          e);
    }
    String url;
    String mainClass;
    String version;
    try {
      Properties props = vm.getSystemProperties();
      version = props.getProperty(AGENT_PROPERTY);
      String command = props.getProperty("sun.java.command", "").trim();
      mainClass = command.isEmpty() ? "" : command.split("\\s+")[0];
      if (version == null) {
        throw new TopException(
            TopException.NO_AGENT,
            "taskrt: top: process "
                + pid
                + (mainClass.isEmpty() ? "" : " (" + mainClass + ")")
                + " runs without the taskrt agent; start it with"
                + " -javaagent:taskrt-agent.jar, or load the agent now with: java -jar"
                + " taskrt-agent.jar attach "
                + pid);
      }
      url = vm.startLocalManagementAgent();
    } catch (IOException e) {
      throw new TopException(
          TopException.NOT_ATTACHABLE,
          "taskrt: top: attached to process "
              + pid
              + " but could not start its local management agent ("
              + e.getMessage()
              + "); it needs the java.management and jdk.management.jfr modules",
          e);
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the attach connection is gone already; nothing to release
      }
    }
    try {
      JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url));
      return new TargetJvm(pid, mainClass, version, connector);
    } catch (IOException e) {
      throw new TopException(
          TopException.NOT_ATTACHABLE,
          "taskrt: top: could not connect to process "
              + pid
              + "'s management agent at "
              + url
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static boolean listed(long pid) {
    String id = Long.toString(pid);
    for (VirtualMachineDescriptor d : VirtualMachine.list()) {
      if (d.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static String otherUser(long pid, String owner, String me) {
    return "taskrt: top: process "
        + pid
        + " belongs to user "
        + owner
        + ", not "
        + me
        + "; the JDK attaches only to JVMs of the same user: run top as "
        + owner
        + " (sudo -u "
        + owner
        + " java -jar taskrt-agent.jar top "
        + pid
        + ")";
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException ignored) {
      // the JVM may have ended; the connection is gone either way
    }
  }
}
