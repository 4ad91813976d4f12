package dev.taskrt.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture test classes on the Jupiter engine, as a build would, and returns what happened. */
final class FixtureRun {
  private FixtureRun() {}

  static EngineExecutionResults of(Class<?> fixture) {
    return of(fixture, Map.of());
  }

  static EngineExecutionResults of(Class<?> fixture, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OnlyInTestKit.PARAMETER, "true")
        .configurationParameters(parameters)
        .selectors(selectClass(fixture))
        .execute();
  }
}
