package io.campo.server.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.campo.tracking.Tracking;
import io.campo.tracking.ingest.IngestMetrics;
import io.campo.tracking.ingest.LatestPositions;
import io.campo.tracking.ingest.TelemetryWriter;
import io.campo.tracking.mqtt.ConnectionsPerAddress;
import io.campo.tracking.mqtt.DeviceServices;
import io.campo.tracking.mqtt.DeviceSessions;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.campo.tracking.mqtt.MqttIngestVerticle;
import io.campo.tracking.mqtt.SessionTakeover;
import io.campo.tracking.mqtt.TelemetryIngest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  @Test
  void featuresDoNotReachBackIntoTheServersMainClasses() {
    // The root package starts and stops the features; a feature that needed CampoServer would make the start order a cycle.
    noClasses().that().resideInAPackage("io.campo.server.*..")
        .should().dependOnClassesThat().resideInAPackage("io.campo.server")
        .check(campo);
  }

  @Test
  void theServerReachesTrackingThroughItsFrontDoor() {
    // Tracking builds its own parts (writer, sessions, downlink, MQTT endpoint) and orders their stop; CampoServer keeps
    // only the two parts its accessors hand to tests and benchmarks.
    noClasses().that().haveFullyQualifiedName("io.campo.server.CampoServer")
        .should().dependOnClassesThat(resideInAPackage("io.campo.tracking..")
            .and(not(belongToAnyOf(Tracking.class, LatestPositions.class, DownlinkDelivery.class))))
        .check(campo);
    noClasses().that().resideOutsideOfPackage("io.campo.tracking..")
        .should().callConstructorWhere(target(owner(belongToAnyOf(TelemetryWriter.class, IngestMetrics.class,
            TelemetryIngest.class, DeviceSessions.class, DeviceServices.class, DownlinkDelivery.class, SessionTakeover.class,
            ConnectionsPerAddress.class, MqttIngestVerticle.class))))
        .check(campo);
  }

  @Test
  void theServersMainClassNamesNoHandler() {
    // Each feature assembles its handlers; CampoServer only orders start and stop.
    noClasses().that().haveFullyQualifiedName("io.campo.server.CampoServer")
        .should().dependOnClassesThat(simpleNameEndingWith("Handlers").or(simpleNameEndingWith("Handler")))
        .check(campo);
  }

  /** The routing engine's packages behind its front door may change freely; the server sees only io.campo.routing.api. */
  @Test
  void theServerUsesTheRoutingEngineOnlyThroughItsFrontDoor() {
    noClasses().that().resideInAPackage("io.campo.server..")
        .should().dependOnClassesThat(resideInAPackage("io.campo.routing..")
            .and(not(resideInAPackage("io.campo.routing.api.."))))
        .check(campo);
  }
}
