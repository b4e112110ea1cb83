package io.campo.server.enrolment;

import io.campo.server.agent.AgentRegistry;
import io.campo.server.auth.KeptDeviceTokens;
import io.campo.server.cluster.PeriodicJobs;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Enrolling phones by QR code, and wiping the sealed device tokens whose enrolment window has passed. */
public final class EnrolmentFeature {

  private static final Duration WIPE_INTERVAL = Duration.ofHours(1);

  private EnrolmentFeature() {}

  public static EnrolmentHandlers start(Vertx vertx, AgentRegistry agents, KeptDeviceTokens kept, String publicUrl,
      PeriodicJobs jobs) {
    // Sealed device tokens past their enrolment window are wiped, not merely refused.
    jobs.repeatOnceAcrossCluster("wiping expired enrolment tokens", WIPE_INTERVAL, false, kept::wipeExpired);
    return new EnrolmentHandlers(vertx, agents, kept, publicUrl);
  }
}
