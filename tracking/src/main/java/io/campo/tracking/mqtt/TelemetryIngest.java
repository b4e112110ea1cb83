package io.campo.tracking.mqtt;

import io.campo.tracking.ingest.IngestMetrics;
import io.campo.tracking.ingest.OnDuty;
import io.campo.tracking.ingest.TelemetryWriter;
import io.campo.tracking.protocol.OwnTracksDecoder;
import io.campo.tracking.protocol.PhoneMessage;
import io.campo.tracking.telemetry.DecodedTelemetry;
import io.campo.tracking.telemetry.Fix;
import io.campo.tracking.telemetry.FixRejection;
import io.campo.tracking.telemetry.RejectionReason;
import io.campo.tracking.telemetry.TelemetryDecoder;
import io.campo.tracking.telemetry.TelemetryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one publish, in order: topic check → decode and validate → hand the accepted fixes
 * to the live map → durable write. The returned future completes when the publish may be
 * acknowledged, and fails when it must not be (the fixes were not stored; the device will resend).
 *
 * <p>The live map hears of a fix before it is stored: waiting for the commit put the writer's
 * batching and PostgreSQL's commit (tens of ms, more under load) into every marker's delay,
 * measured with {@code ./campo bench live}. The acknowledgement still waits for the commit, so
 * a fix the map showed but the database failed to store is sent again by the device.
 *
 * <p>The tracking apps' own formats (OwnTracks over MQTT or HTTP, the OsmAnd protocol over HTTP)
 * enter here too, translated to Campo's payload first, so they meet the same validation, reasons,
 * live map and commit-before-acknowledgement as Campo's own.
 *
 * <p>Thread-safe; knows nothing of MQTT packets, so it is tested without a broker.
 */
public final class TelemetryIngest {

  private static final Logger log = LoggerFactory.getLogger(TelemetryIngest.class);

  private final TelemetryDecoder decoder;
  private final TelemetryWriter writer;
  private final IngestMetrics metrics;
  private final Consumer<List<Fix>> accepted;
  private final OnDuty onDuty;
  private final OwnTracksDecoder ownTracks = new OwnTracksDecoder(TelemetryLimits.DEFAULT);

  /**
   * @param accepted called on the connection's thread with the fixes of each publish that passed
   *     validation, before they are written (for the live map; it must not block)
   */
  public TelemetryIngest(TelemetryDecoder decoder, TelemetryWriter writer, IngestMetrics metrics, Consumer<List<Fix>> accepted) {
    this(decoder, writer, metrics, accepted, OnDuty.ALWAYS);
  }

  /** @param onDuty fixes taken off duty are acknowledged but neither stored nor shown on the live map */
  public TelemetryIngest(TelemetryDecoder decoder, TelemetryWriter writer, IngestMetrics metrics, Consumer<List<Fix>> accepted,
      OnDuty onDuty) {
    this.decoder = decoder;
    this.writer = writer;
    this.metrics = metrics;
    this.accepted = accepted;
    this.onDuty = onDuty;
  }

  public CompletableFuture<IngestOutcome> ingest(String authenticatedAgent, String topic, byte[] payload) {
    if (OwnTracksTopic.isOwnTracks(topic)) {
      return ingestOwnTracksTopic(authenticatedAgent, topic, payload);
    }
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
    return ingestFixes(authenticatedAgent, payload);
  }

  private CompletableFuture<IngestOutcome> ingestOwnTracksTopic(String authenticatedAgent, String topic, byte[] payload) {
    Optional<OwnTracksTopic> parsed = OwnTracksTopic.parse(topic);
    if (parsed.isEmpty()) {
      metrics.rejected(RejectionReason.UNKNOWN_TOPIC);
      log.warn("agent {} published to unknown OwnTracks topic '{}'; refused", authenticatedAgent, topic);
      return CompletableFuture.completedFuture(IngestOutcome.refused(RejectionReason.UNKNOWN_TOPIC,
          "unknown topic '" + topic + "'; OwnTracks publishes to owntracks/" + authenticatedAgent + "/{device}"));
    }
    if (!parsed.get().agentId().equals(authenticatedAgent)) {
      metrics.rejected(RejectionReason.NOT_YOUR_TOPIC);
      log.warn("agent {} tried to publish as agent {} on '{}'; refused", authenticatedAgent, parsed.get().agentId(), topic);
      return CompletableFuture.completedFuture(IngestOutcome.refused(RejectionReason.NOT_YOUR_TOPIC,
          "agent " + authenticatedAgent + " may publish only under owntracks/" + authenticatedAgent
              + "/: set the app's username to the agent id"));
    }
    return ingestOwnTracks(authenticatedAgent, payload);
  }

  /**
   * One OwnTracks message (MQTT or HTTP mode) of an authenticated agent: a location is stored like
   * Campo's own fix; the other types are acknowledged with nothing stored.
   */
  public CompletableFuture<IngestOutcome> ingestOwnTracks(String authenticatedAgent, byte[] payload) {
    PhoneMessage message = ownTracks.decode(payload);
    return ingestTranslated(authenticatedAgent, message);
  }

  /** A message of a tracking app already translated to Campo's format (see {@link PhoneMessage}). */
  public CompletableFuture<IngestOutcome> ingestTranslated(String authenticatedAgent, PhoneMessage message) {
    if (message.isRefused()) {
      metrics.rejected(message.refusal().reason());
      return CompletableFuture.completedFuture(
          new IngestOutcome(0, List.of(message.refusal()), message.refusal().reason()));
    }
    if (!message.hasFixes()) {
      log.debug("agent {}: '{}' message carries no fix; acknowledged", authenticatedAgent, message.ignoredType());
      return CompletableFuture.completedFuture(new IngestOutcome(0, List.of(), null));
    }
    return ingestFixes(authenticatedAgent, message.telemetry());
  }

  /** A payload in Campo's telemetry format from an authenticated agent: decode, validate, publish, write. */
  public CompletableFuture<IngestOutcome> ingestFixes(String authenticatedAgent, byte[] payload) {
    DecodedTelemetry decoded = decoder.decode(authenticatedAgent, payload);
    metrics.received(decoded.fixes().size());
    for (FixRejection r : decoded.rejections()) {
      metrics.rejected(r.reason());
    }
    if (decoded.fixes().isEmpty()) {
      RejectionReason reason = decoded.rejections().get(0).reason();
      return CompletableFuture.completedFuture(new IngestOutcome(0, decoded.rejections(), reason));
    }
    List<Fix> onDutyFixes = onDutyOnly(decoded.fixes());
    if (onDutyFixes.isEmpty()) {
      // Acknowledged as if stored: the phone must drop them, not resend them forever.
      return CompletableFuture.completedFuture(new IngestOutcome(0, decoded.rejections(), null));
    }
    accepted.accept(onDutyFixes);
    return writer.write(onDutyFixes)
        .thenApply(ignored -> new IngestOutcome(onDutyFixes.size(), decoded.rejections(), null));
  }

  /** The fixes taken on duty; the others are counted and dropped. */
  private List<Fix> onDutyOnly(List<Fix> fixes) {
    List<Fix> kept = null;
    for (int i = 0; i < fixes.size(); i++) {
      Fix f = fixes.get(i);
      boolean keep = onDuty.at(f.agentId(), f.deviceTimeMillis());
      if (!keep && kept == null) {
        kept = new ArrayList<>(fixes.subList(0, i));
      } else if (keep && kept != null) {
        kept.add(f);
      }
    }
    if (kept == null) {
      return fixes;
    }
    metrics.offDuty(fixes.size() - kept.size());
    return kept;
  }
}
