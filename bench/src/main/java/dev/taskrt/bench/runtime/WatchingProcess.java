package dev.taskrt.bench.runtime;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.Configuration;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * {@code java -cp benchmarks.jar dev.taskrt.bench.runtime.WatchingProcess PID}: does to JVM {@code
 * PID} what {@code top} does, from a process of its own: attaches, starts the local management
 * agent, and streams the JVM's events with {@code taskrt.jfc} plus live-task snapshots and kernel
 * counts every second, consuming them. Prints {@code watching} once the first snapshot arrived, and
 * stops (closing the stream and its recording) when its standard input closes. {@link
 * LiveViewBench} runs it beside its {@code topWatching} variant.
 */
public final class WatchingProcess {
  private WatchingProcess() {}

  public static void main(String[] args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    String url;
    try {
      url = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url));
        RemoteRecordingStream stream =
            new RemoteRecordingStream(connector.getMBeanServerConnection())) {
      Map<String, String> settings =
          new HashMap<>(Configuration.create(LiveViewBench.reader()).getSettings());
      settings.put("taskrt.TaskStart#enabled", "false"); // as top's LiveStream.settings
      settings.put("taskrt.TaskEnd#enabled", "false");
      settings.put("taskrt.KernelStats#period", "1000 ms");
      settings.put("taskrt.LiveTasks#enabled", "true");
      settings.put("taskrt.LiveTasks#period", "1000 ms");
      settings.put("taskrt.LiveTask#enabled", "true");
      stream.setSettings(settings);
      stream.setMaxAge(Duration.ofMinutes(1));
      LongAdder events = new LongAdder();
      CountDownLatch firstSnapshot = new CountDownLatch(1);
      stream.onEvent(e -> events.increment());
      stream.onEvent("taskrt.LiveTasks", e -> firstSnapshot.countDown());
      stream.startAsync();
      if (!firstSnapshot.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no live-task snapshot within 60 s");
      }
      System.out.println("watching");
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // until the benchmark closes our input
      }
      System.out.println("events " + events.sum());
    }
  }
}
