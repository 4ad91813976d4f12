package dev.taskrt.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages depend on each other one way only: the start sequence wires {@code config},
 * {@code instrument} and {@code jdk}, which use {@code asm} and {@code config}, and {@code cli}
 * stands apart. Checked on the compiled main classes.
 */
class AgentArchitectureTest {
  private static final String AGENT = "dev.taskrt.agent";
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(AGENT);
  }

  /** Each package of the agent, the root one included, is a slice of its own. */
  private static final SliceAssignment EACH_AGENT_PACKAGE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String p = c.getPackageName();
          return p.equals(AGENT) || p.startsWith(AGENT + ".")
              ? SliceIdentifier.of(p)
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the agent's packages";
        }
      };

  @Test
  void noPackageOfTheAgentIsInACycle() {
    assertThat(classes).isNotEmpty();
    slices().assignedFrom(EACH_AGENT_PACKAGE).should().beFreeOfCycles().check(classes);
  }

  @Test
  void packagesDependOnEachOtherOneWayOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage(AGENT + "..")
        .layer("start")
        .definedBy(AGENT)
        .layer("cli")
        .definedBy(AGENT + ".cli..")
        .layer("rewriting")
        .definedBy(AGENT + ".instrument..", AGENT + ".jdk..")
        .layer("asm")
        .definedBy(AGENT + ".asm..")
        .layer("config")
        .definedBy(AGENT + ".config..")
        .whereLayer("start")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("cli")
        .mayOnlyBeAccessedByLayers("start")
        .whereLayer("rewriting")
        .mayOnlyBeAccessedByLayers("start")
        .whereLayer("asm")
        .mayOnlyBeAccessedByLayers("rewriting")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers("start", "cli", "rewriting")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(AGENT + ".instrument..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(AGENT + ".jdk..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(AGENT + ".jdk..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(AGENT + ".instrument..")
        .check(classes);
  }

  @Test
  void everyPackageOfTheAgentHasAPackageInfo() throws IOException {
    Path root = Path.of("src", "main", "java", "dev", "taskrt", "agent");
    List<Path> packages;
    try (Stream<Path> dirs = Files.walk(root)) {
      packages = dirs.filter(Files::isDirectory).toList();
    }
    assertThat(packages).hasSizeGreaterThanOrEqualTo(6);
    assertThat(packages)
        .allSatisfy(p -> assertThat(p.resolve("package-info.java")).as(p.toString()).exists());
  }
}
