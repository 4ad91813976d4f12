package dev.taskrt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The layering rules of runtime-api: it goes on the bootstrap class path, so JDK types only. */
class ArchitectureTest {
  private static final JavaClasses RUNTIME =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.taskrt");

  /** A class of the public API that calls into the runtime: a facade such as {@code Tasks}. */
  private static final DescribedPredicate<JavaClass> PUBLIC_FACADE =
      DescribedPredicate.describe(
          "a public facade (a dev.taskrt class that uses the runtime)",
          type ->
              type.getPackageName().equals("dev.taskrt")
                  && type.getDirectDependenciesFromSelf().stream()
                      .anyMatch(
                          d ->
                              d.getTargetClass()
                                  .getPackageName()
                                  .startsWith("dev.taskrt.internal")));

  @Test
  void runtimeDependsOnTheJdkAlone() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.taskrt..", "java..", "javax..", "jdk..", "com.sun.management..")
        .check(RUNTIME);
  }

  @Test
  void internalPackagesAreNotUsedByTheAnnotations() {
    noClasses()
        .that()
        .areAnnotations()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.taskrt.internal..")
        .check(RUNTIME);
  }

  /**
   * Every package below {@code dev.taskrt} is a slice. The public API package itself is not: its
   * facades call into the runtime and the runtime speaks the API's types (a task is a {@code
   * TaskHandle}), which {@link #theRuntimeUsesThePublicTypesButNeverThePublicFacades} keeps to
   * types.
   */
  @Test
  void theRuntimePackagesFormNoCycle() {
    slices().matching("dev.taskrt.(**)").should().beFreeOfCycles().check(RUNTIME);
  }

  @Test
  void nothingInTheRuntimeCallsTheEntryPointsOfRewrittenCode() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.taskrt.internal.entry")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.taskrt.internal.entry")
        .check(RUNTIME);
  }

  @Test
  void theRuntimeUsesThePublicTypesButNeverThePublicFacades() {
    noClasses()
        .that()
        .resideInAPackage("dev.taskrt.internal..")
        .should()
        .dependOnClassesThat(PUBLIC_FACADE)
        .check(RUNTIME);
  }

  @Test
  void everyPackageSaysWhatItHoldsAndWhoMayCallIt() {
    Set<String> missing = new TreeSet<>();
    for (JavaClass type : RUNTIME) {
      Path info =
          Path.of("src/main/java", type.getPackageName().replace('.', '/'), "package-info.java");
      if (!Files.isRegularFile(info)) {
        missing.add(type.getPackageName());
      }
    }
    assertThat(missing).as("packages without a package-info.java").isEmpty();
  }
}
