package io.campo.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/** The boundaries of DESIGN.md, checked on the compiled classes rather than hoped for. */
class ArchitectureTest {

  static JavaClasses campo;

  @BeforeAll
  static void importClasses() {
    campo = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.campo");
  }

  @Test
  void libraryModulesNeverReachIntoTheApplication() {
    noClasses().that().resideInAnyPackage("io.campo.tracking..", "io.campo.routing..")
        .should().dependOnClassesThat().resideInAnyPackage("io.campo.server..")
        .check(campo);
  }

  @Test
  void trackingAndRoutingDoNotKnowEachOther() {
    noClasses().that().resideInAPackage("io.campo.tracking..").should().dependOnClassesThat().resideInAPackage("io.campo.routing..")
        .check(campo);
    noClasses().that().resideInAPackage("io.campo.routing..").should().dependOnClassesThat().resideInAPackage("io.campo.tracking..")
        .check(campo);
  }

  @Test
  void theEngineAndTheTelemetryDomainKnowNothingOfVertxOrHttp() {
    noClasses().that().resideInAnyPackage("io.campo.routing..", "io.campo.tracking.telemetry..", "io.campo.tracking.storage..",
            "io.campo.tracking.ingest..", "io.campo.tracking.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
        .check(campo);
  }

  @Test
  void questionnaireRulesArePlainJava() {
    noClasses().that().haveFullyQualifiedName("io.campo.server.questionnaire.AnswerValidator")
        .or().haveFullyQualifiedName("io.campo.server.questionnaire.ApplicableQuestionnaire")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "java.sql..", "javax.sql..")
        .check(campo);
  }

  @Test
  void noCyclesBetweenFeaturePackages() {
    slices().matching("io.campo.(*)..").should().beFreeOfCycles().check(campo);
    slices().matching("io.campo.tracking.(*)..").should().beFreeOfCycles().check(campo);
    slices().matching("io.campo.server.(*)..").should().beFreeOfCycles().check(campo);
  }

  /** The routing engine's packages behind its front door may change freely; the server sees only io.campo.routing.api. */
  @Test
  void theServerUsesTheRoutingEngineOnlyThroughItsFrontDoor() {
    noClasses().that().resideInAPackage("io.campo.server..")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.campo.routing..")
            .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("io.campo.routing.api.."))))
        .check(campo);
  }
}
