package dev.taskrt.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the whole product, checked on the main classes of the three modules this module's
 * tests see (runtime-api, inspect and the agent itself): the runtime never reaches up into the
 * agent or inspect, inspect never into the agent, and the public API reaches the runtime's
 * internals only through the documented seams below. docs/ARCHITECTURE.md draws the same picture;
 * each module's own test keeps its packages free of cycles.
 */
class ProductLayersTest {
  /**
   * The internal classes the public API ({@code dev.taskrt}) may call: the facades' one way into
   * the kernel, the task launcher, the current task, task-locals and scopes, and the pipes (and
   * what a task owns from its spawn).
   */
  private static final Set<String> PUBLIC_API_SEAMS =
      Set.of(
          "dev.taskrt.internal.KernelState",
          "dev.taskrt.internal.TaskLauncher",
          "dev.taskrt.internal.TaskSpec",
          "dev.taskrt.internal.CurrentTask",
          "dev.taskrt.internal.TaskContext",
          "dev.taskrt.internal.TaskLocalSlots",
          "dev.taskrt.internal.TaskScope",
          "dev.taskrt.internal.OwnedByTask",
          "dev.taskrt.internal.pipe.PipeCore",
          "dev.taskrt.internal.pipe.OneshotPipe",
          "dev.taskrt.internal.pipe.StreamPipe",
          "dev.taskrt.internal.pipe.SharedPipe",
          "dev.taskrt.internal.pipe.Selection");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClassesOfEveryModule() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.taskrt");
  }

  @Test
  void allThreeModulesAreSeen() {
    assertThat(main.containPackage("dev.taskrt.internal")).isTrue();
    assertThat(main.containPackage("dev.taskrt.inspect")).isTrue();
    assertThat(main.containPackage("dev.taskrt.agent")).isTrue();
  }

  @Test
  void theRuntimeNeverReachesTheAgentOrInspect() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.taskrt", "dev.taskrt.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.taskrt.agent..", "dev.taskrt.inspect..")
        .check(main);
  }

  @Test
  void inspectNeverReachesTheAgent() {
    noClasses()
        .that()
        .resideInAPackage("dev.taskrt.inspect..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.taskrt.agent..")
        .check(main);
  }

  @Test
  void thePublicApiReachesInternalsOnlyThroughItsSeams() {
    classes()
        .that()
        .resideInAPackage("dev.taskrt")
        .should()
        .onlyDependOnClassesThat(
            DescribedPredicate.describe(
                "outside the internals, or one of the seams " + PUBLIC_API_SEAMS,
                (JavaClass type) -> {
                  JavaClass c = type.isArray() ? type.getBaseComponentType() : type;
                  String name = c.getName();
                  int nested = name.indexOf('$');
                  String top = nested < 0 ? name : name.substring(0, nested);
                  return !c.getPackageName().startsWith("dev.taskrt.internal")
                      || PUBLIC_API_SEAMS.contains(top);
                }))
        .check(main);
  }
}
