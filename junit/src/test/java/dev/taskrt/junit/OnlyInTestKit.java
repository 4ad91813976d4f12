package dev.taskrt.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the fixture classes (tests meant to fail) from running unless a test runs them through
 * {@link FixtureRun}, which sets the configuration parameter {@value #PARAMETER}.
 */
final class OnlyInTestKit implements ExecutionCondition {
  static final String PARAMETER = "taskrt.junit.fixtures";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER).isPresent()
        ? ConditionEvaluationResult.enabled("run as a fixture")
        : ConditionEvaluationResult.disabled("a fixture, run by the tests that check it");
  }
}
