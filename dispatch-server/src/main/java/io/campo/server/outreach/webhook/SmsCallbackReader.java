package io.campo.server.outreach.webhook;

import io.campo.server.outreach.channel.Channel;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Twilio-shaped callback: a status callback ({@code MessageSid}, {@code MessageStatus}, {@code ErrorCode}) or an
 * incoming SMS ({@code From}, {@code Body}, {@code MessageSid}, {@code SmsStatus=received}). Statuses that say nothing
 * new (queued, sending, accepted) are empty. Stateless.
 */
public final class SmsCallbackReader {

  public Optional<ProviderEvent> read(Map<String, String> params, Instant receivedAt) {
    String sid = params.getOrDefault("MessageSid", params.get("SmsSid"));
    if (sid == null || sid.isBlank()) {
      return Optional.empty();
    }
    String status = params.getOrDefault("MessageStatus", params.getOrDefault("SmsStatus", "")).toLowerCase(Locale.ROOT);
    if (params.containsKey("Body") && params.containsKey("From") && (status.isEmpty() || status.equals("received"))) {
      return Optional.of(new ProviderEvent.Reply(Channel.SMS, sid, params.get("From"), params.get("Body"), receivedAt));
    }
    ProviderEvent.Status s = switch (status) {
      case "sent" -> ProviderEvent.Status.SENT;
      case "delivered" -> ProviderEvent.Status.DELIVERED;
      case "read" -> ProviderEvent.Status.READ;
      case "failed", "undelivered" -> ProviderEvent.Status.FAILED;
      default -> null;
    };
    if (s == null) {
      return Optional.empty();
    }
    String error = s == ProviderEvent.Status.FAILED ? "the SMS provider reported " + status
        + (params.get("ErrorCode") != null ? " (error " + params.get("ErrorCode") + ")" : "") : null;
    return Optional.of(new ProviderEvent.StatusChange(Channel.SMS, sid, s, receivedAt, error));
  }
}
