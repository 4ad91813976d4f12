package dev.taskrt.junit;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Attaches the taskrt agent when JUnit's launcher starts discovering tests: before any test class
 * is looked at, so that neither a test class's method signatures nor a class under test they name
 * get loaded before the runtime is on the bootstrap class path. Registered as a service; JUnit's
 * launcher finds it by itself, so nothing calls it directly.
 *
 * <p>The options are the configuration parameter {@code taskrt.options} when it is set, else the
 * {@link TaskrtOptions} of the selected test classes when they all agree. If the attach fails here,
 * the failure is kept and every test that uses {@link TaskrtExtension} fails with it.
 */
public final class TaskrtDiscoveryListener implements LauncherDiscoveryListener {
  /** Made by JUnit's launcher, through {@link java.util.ServiceLoader}. */
  public TaskrtDiscoveryListener() {}

  /** Attaches the agent unless it is attached already. */
  @Override
  public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
    try {
      AgentInstaller.ensureAttached(optionsFor(request), "the test run");
    } catch (RuntimeException e) {
      // kept by AgentInstaller: each test that uses the extension fails with it
    }
  }

  private static String optionsFor(LauncherDiscoveryRequest request) {
    Optional<String> parameter =
        request.getConfigurationParameters().get(AgentInstaller.OPTIONS_PARAMETER);
    if (parameter.isPresent()) {
      return parameter.get();
    }
    Set<String> asked = new LinkedHashSet<>();
    for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
      addOptions(asked, selector::getJavaClass);
    }
    for (MethodSelector selector : request.getSelectorsByType(MethodSelector.class)) {
      addOptions(asked, selector::getJavaClass);
    }
    return asked.size() == 1 ? asked.iterator().next() : "";
  }

  private static void addOptions(Set<String> asked, java.util.function.Supplier<Class<?>> type) {
    try {
      TaskrtOptions options = type.get().getAnnotation(TaskrtOptions.class);
      if (options != null) {
        asked.add(options.value().trim());
      }
    } catch (RuntimeException | LinkageError e) {
      // a class that cannot be loaded is reported by the engine that selected it
    }
  }
}
