package dev.taskrt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of runtime-api: it goes on the bootstrap class path, so JDK types only. */
class ArchitectureTest {
  private static final JavaClasses RUNTIME =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.taskrt");

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
}
