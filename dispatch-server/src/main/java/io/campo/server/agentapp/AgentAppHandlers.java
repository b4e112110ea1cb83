package io.campo.server.agentapp;

import io.campo.server.api.AgentDay;
import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.server.api.PathIds;
import io.campo.server.auth.Sha256;
import io.campo.server.evidence.EvidenceHandlers;
import io.campo.server.evidence.ExifFacts;
import io.campo.server.evidence.PhotoThumbnail;
import io.campo.server.live.LiveEvents;
import io.campo.server.message.AgentMessages;
import io.campo.server.message.MessageHandlers;
import io.campo.server.questionnaire.QuestionnaireJson;
import io.campo.server.questionnaire.QuestionnaireVersion;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent app's API, always about the agent of the caller's token (role {@code agent}, subject = agent id): its day,
 * the questionnaires of its stops, its messages both ways, photos of its visits, and the settings the app needs to
 * stream telemetry. There is no agent id in these paths, so no agent can name another's.
 */
public final class AgentAppHandlers {

  static final int MAX_KEY_LENGTH = 128;
  /** A phone that was offline for a week asks for at most this many messages at once, then again from the last. */
  static final int MAX_MESSAGES = 500;
  static final Duration DEFAULT_MESSAGES_SINCE = Duration.ofDays(7);
  private static final Set<String> PHOTO_KINDS = Set.of("door", "receipt");

  private final Vertx vertx;
  private final AgentAppDay days;
  private final AgentMessages messages;
  private final VisitPhotos photos;
  private final AgentAppSettings settings;
  private final ZoneId zone;
  private final Clock clock;
  private final EvidenceHandlers evidence;

  public AgentAppHandlers(Vertx vertx, AgentAppDay days, AgentMessages messages, VisitPhotos photos, AgentAppSettings settings,
      ZoneId zone, Clock clock, EvidenceHandlers evidence) {
    this.vertx = vertx;
    this.days = days;
    this.messages = messages;
    this.photos = photos;
    this.settings = settings;
    this.zone = zone;
    this.clock = clock;
    this.evidence = evidence;
  }

  /**
   * The office's (and the agent's own) reading of the evidence this app uploads; reached through here so that the
   * route table gets it without another field in {@code ApiHandlers}.
   */
  public EvidenceHandlers evidence() {
    return evidence;
  }

  /** Largest photo body the HTTP layer lets through to {@link #uploadPhoto}. */
  public int photoMaxBytes() {
    return settings.photoMaxBytes();
  }

  /** {@code GET /api/me/settings}: how the app reaches the MQTT endpoint, and its limits. */
  public void settings(RoutingContext ctx) {
    ctx.json(settings.json().put("agentId", agentId(ctx)).put("timeZone", zone.getId()));
  }

  /** {@code GET /api/me/day?date=}. */
  public void day(RoutingContext ctx) {
    AgentDay day = AgentDay.fromQuery(ctx, zone, clock);
    String agentId = agentId(ctx);
    vertx.executeBlocking(() -> days.day(agentId, day), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code GET /api/me/questionnaires?date=}: the versions in force now for the debtors of the agent's stops. */
  public void questionnaires(RoutingContext ctx) {
    AgentDay day = AgentDay.fromQuery(ctx, zone, clock);
    String agentId = agentId(ctx);
    vertx.executeBlocking(() -> {
      Map<String, QuestionnaireVersion> byKey = new LinkedHashMap<>();
      days.questionnairesFor(days.stopDebtors(agentId, day)).values().forEach(v -> byKey.put(v.key(), v));
      JsonArray out = new JsonArray();
      byKey.values().forEach(v -> out.add(QuestionnaireJson.version(v, true)));
      return new JsonObject().put("questionnaires", out);
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** {@code GET /api/me/messages?since=}: the office's messages to the agent and its replies, oldest first. */
  public void messages(RoutingContext ctx) {
    String raw = ctx.queryParams().get("since");
    Instant since;
    try {
      since = raw == null || raw.isBlank() ? clock.instant().minus(DEFAULT_MESSAGES_SINCE) : OffsetDateTime.parse(raw.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'since' must be an ISO-8601 time with offset, e.g. 2026-11-24T15:02:00Z, got '" + raw + "'");
    }
    String agentId = agentId(ctx);
    vertx.executeBlocking(() -> {
      JsonArray out = new JsonArray();
      messages.since(agentId, since, MAX_MESSAGES).forEach(m -> out.add(m.json()));
      return new JsonObject().put("messages", out);
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/me/messages} {@code {"text", "replyTo"?}} with an {@code Idempotency-Key}: the agent's reply, shown
   * in the dispatcher's timeline and on the live map.
   */
  public void reply(RoutingContext ctx) {
    String key = idempotencyKey(ctx, "a message");
    JsonObject body = JsonBodies.object(ctx, "{\"text\": \"Voy en camino\", \"replyTo\": 17}");
    String text = MessageHandlers.text(JsonBodies.string(body, "text"));
    Object rawReplyTo = body.getValue("replyTo");
    if (rawReplyTo != null && !(rawReplyTo instanceof Number)) {
      throw ApiException.badRequest("'replyTo' must be the id (a number) of the message answered, got " + rawReplyTo);
    }
    Long replyTo = rawReplyTo == null ? null : ((Number) rawReplyTo).longValue();
    String agentId = agentId(ctx);
    vertx.executeBlocking(() -> {
      try {
        return messages.reply(agentId, text, replyTo, key);
      } catch (AgentMessages.ReplyRefused e) {
        throw new ApiException(e.getMessage().startsWith("Idempotency-Key") ? 409 : 400, e.getMessage());
      }
    }, false).onSuccess(reply -> {
      JsonObject json = reply.message().json();
      if (reply.created()) {
        vertx.eventBus().publish(LiveEvents.MESSAGES, new JsonObject().put("type", "message").put("message", json));
      }
      ctx.response().setStatusCode(reply.created() ? 201 : 200).putHeader("Content-Type", "application/json").end(json.encode());
    }).onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/visits/{id}/photos?kind=door|receipt}: the raw image as the body, its type declared in {@code
   * Content-Type} and confirmed by its first bytes, with an {@code Idempotency-Key}.
   */
  public void uploadPhoto(RoutingContext ctx) {
    String kind = ctx.queryParams().get("kind");
    if (kind == null || !PHOTO_KINDS.contains(kind)) {
      throw ApiException.badRequest("'kind' must be door or receipt, got '" + kind + "'");
    }
    upload(ctx, kind, "a photo must be image/jpeg, image/png or image/webp");
  }

  /**
   * {@code POST /api/visits/{id}/signature}: the debtor's signature drawn on the phone, as a PNG body; otherwise as a
   * photo (same key, size and type rules; kind {@code signature}).
   */
  public void uploadSignature(RoutingContext ctx) {
    ImageType declared = ImageType.declared(ctx.request().getHeader("Content-Type")).orElse(null);
    if (declared != ImageType.PNG) {
      throw new ApiException(415, "a signature must be image/png (the canvas's PNG), got '"
          + ctx.request().getHeader("Content-Type") + "'");
    }
    upload(ctx, "signature", "a signature must be image/png");
  }

  private void upload(RoutingContext ctx, String kind, String typesAccepted) {
    long visitId = PathIds.number(ctx, "visit");
    String key = idempotencyKey(ctx, "a " + ("signature".equals(kind) ? "signature" : "photo"));
    String header = ctx.request().getHeader("Content-Type");
    ImageType declared = ImageType.declared(header).orElseThrow(() -> new ApiException(415,
        typesAccepted + ", got '" + header + "'"));
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("the body must be the image's bytes; it is empty");
    }
    if (body.length() > settings.photoMaxBytes()) {
      throw new ApiException(413, "an image may have at most " + settings.photoMaxBytes() + " bytes, got " + body.length());
    }
    byte[] content = body.getBytes();
    ImageType actual = ImageType.sniffed(content).orElse(null);
    if (actual != declared) {
      throw ApiException.badRequest("the body is not a " + declared.contentType() + " file ("
          + (actual == null ? "its first bytes are no JPEG, PNG or WebP" : "it is " + actual.contentType()) + ")");
    }
    String agentId = agentId(ctx);
    vertx.executeBlocking(() -> {
      photos.requireOwnVisit(agentId, visitId);
      // Decoded off the event loop: a phone photo takes tens of milliseconds even subsampled.
      ExifFacts exif = ExifFacts.read(content, zone);
      PhotoThumbnail.Made thumbnail;
      try {
        thumbnail = PhotoThumbnail.make(content, actual.contentType(), exif.orientation());
      } catch (PhotoThumbnail.UnreadableImage e) {
        throw ApiException.badRequest(e.getMessage());
      }
      return photos.store(agentId, key, new VisitPhotos.Upload(visitId, kind, actual, content, Sha256.hex(content), exif, thumbnail));
    }, false).onSuccess(stored ->
        ctx.response().setStatusCode(stored.created() ? 201 : 200).putHeader("Content-Type", "application/json")
            .end(stored.photo().encode())).onFailure(ctx::fail);
  }

  private static String agentId(RoutingContext ctx) {
    return ctx.user().principal().getString("sub");
  }

  private static String idempotencyKey(RoutingContext ctx, String what) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest("an 'Idempotency-Key' header (1 to " + MAX_KEY_LENGTH + " characters, e.g. a UUID made when "
          + what + " was captured) is required, so a retry never stores it twice");
    }
    return key;
  }
}
