package io.campo.server.message;

import io.campo.server.live.LiveEvents;
import io.campo.server.agent.AgentRegistry;
import io.campo.server.api.AgentDay;
import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.tracking.mqtt.AgentTopic;
import io.campo.tracking.mqtt.DownlinkDelivery;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneId;

/**
 * {@code POST /api/agents/{id}/messages} sends a text to the agent's phone (stored, then queued on
 * {@code campo/agents/{id}/inbox} until the phone acknowledges it, also after a reconnect) and tells
 * the live map; {@code GET /api/agents/{id}/messages?date=} lists a day's messages.
 */
public final class MessageHandlers {

  private final Vertx vertx;
  private final AgentRegistry agents;
  private final AgentMessages messages;
  private final DownlinkDelivery downlink;
  private final ZoneId zone;
  private final Clock clock;

  public MessageHandlers(Vertx vertx, AgentRegistry agents, AgentMessages messages, DownlinkDelivery downlink, ZoneId zone,
      Clock clock) {
    this.vertx = vertx;
    this.agents = agents;
    this.messages = messages;
    this.downlink = downlink;
    this.zone = zone;
    this.clock = clock;
  }

  public void send(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    JsonObject body = JsonBodies.object(ctx, "{\"text\": \"Pase primero con la Sra. López\"}");
    String text = text(JsonBodies.string(body, "text"));
    String user = ctx.user().principal().getString("sub");
    vertx.executeBlocking(() -> {
      known(agentId);
      return messages.store(agentId, text, user);
    }, false).compose(stored -> downlink.send(agentId, AgentTopic.INBOX, stored.devicePayload().toBuffer())
        .compose(downlinkId -> vertx.executeBlocking(() -> messages.linkDownlink(stored.id(), downlinkId), false)))
        .onSuccess(sent -> {
          JsonObject json = sent.json();
          vertx.eventBus().publish(LiveEvents.MESSAGES, new JsonObject().put("type", "message").put("message", json));
          ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json.encode());
        }).onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    String agentId = ctx.pathParam("id");
    AgentDay day = AgentDay.fromQuery(ctx, zone, clock);
    vertx.executeBlocking(() -> {
      known(agentId);
      JsonArray out = new JsonArray();
      messages.sent(agentId, day.from(), day.to()).forEach(m -> out.add(m.json()));
      return out;
    }, false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The message text, trimmed. @throws ApiException 400 when blank or too long */
  public static String text(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.badRequest("'text' is required: the message for the agent, up to " + AgentMessages.MAX_TEXT_CHARS
          + " characters");
    }
    String text = raw.strip();
    if (text.codePointCount(0, text.length()) > AgentMessages.MAX_TEXT_CHARS) {
      throw ApiException.badRequest("'text' is " + text.codePointCount(0, text.length()) + " characters; a message holds at most "
          + AgentMessages.MAX_TEXT_CHARS);
    }
    return text;
  }

  /** Team scope is checked before this, by the route table (ApiRoutes); an unknown agent is a 404. */
  private void known(String agentId) throws java.sql.SQLException {
    if (agents.find(agentId).isEmpty()) {
      throw ApiException.notFound("no agent '" + agentId + "'");
    }
  }
}
