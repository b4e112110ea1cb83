package io.campo.tracking.mqtt;

import io.campo.tracking.ingest.IngestMetrics;
import io.campo.tracking.ingest.TelemetryWriter;
import io.campo.tracking.telemetry.DecodedTelemetry;
import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;
import io.campo.tracking.telemetry.TelemetryDecoder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one publish, in order: topic check → decode and validate → durable write. The
 * returned future completes when the publish may be acknowledged, and fails when it must not be
 * (the fixes were not stored; the device will resend).
 *
 * <p>Thread-safe; knows nothing of MQTT packets, so it is tested without a broker.
 */
public final class TelemetryIngest {

  private static final Logger log = LoggerFactory.getLogger(TelemetryIngest.class);

  private final TelemetryDecoder decoder;
  private final TelemetryWriter writer;
  private final IngestMetrics metrics;

  public TelemetryIngest(TelemetryDecoder decoder, TelemetryWriter writer, IngestMetrics metrics) {
    this.decoder = decoder;
    this.writer = writer;
    this.metrics = metrics;
  }

  public CompletableFuture<IngestOutcome> ingest(String authenticatedAgent, String topic, byte[] payload) {
    Optional<AgentTopic> parsed = AgentTopic.parse(topic);
    if (parsed.isEmpty() || !parsed.get().leaf().equals(AgentTopic.TELEMETRY)) {
      metrics.rejected(RejectionReason.UNKNOWN_TOPIC);
      log.warn("agent {} published to unknown topic '{}'; refused", authenticatedAgent, topic);
      return CompletableFuture.completedFuture(IngestOutcome.refused(RejectionReason.UNKNOWN_TOPIC,
          "unknown topic '" + topic + "'; telemetry goes to " + AgentTopic.of(authenticatedAgent, AgentTopic.TELEMETRY)));
    }
    if (!parsed.get().agentId().equals(authenticatedAgent)) {
      metrics.rejected(RejectionReason.NOT_YOUR_TOPIC);
      log.warn("agent {} tried to publish as agent {} on '{}'; refused", authenticatedAgent, parsed.get().agentId(), topic);
      return CompletableFuture.completedFuture(IngestOutcome.refused(RejectionReason.NOT_YOUR_TOPIC,
          "agent " + authenticatedAgent + " may publish only under campo/agents/" + authenticatedAgent + "/"));
    }
    DecodedTelemetry decoded = decoder.decode(authenticatedAgent, payload);
    metrics.received(decoded.fixes().size());
    for (FixRejection r : decoded.rejections()) {
      metrics.rejected(r.reason());
    }
    if (decoded.fixes().isEmpty()) {
      RejectionReason reason = decoded.rejections().get(0).reason();
      return CompletableFuture.completedFuture(new IngestOutcome(0, decoded.rejections(), reason));
    }
    return writer.write(decoded.fixes())
        .thenApply(ignored -> new IngestOutcome(decoded.fixes().size(), decoded.rejections(), null));
  }
}
