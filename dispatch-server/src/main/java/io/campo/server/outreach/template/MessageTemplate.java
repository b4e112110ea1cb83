package io.campo.server.outreach.template;

import io.campo.server.outreach.channel.Channel;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A stored template; for WhatsApp, {@code name} and {@code language} are those of the template approved at Meta. */
public record MessageTemplate(long id, String name, Channel channel, String language, String body, String createdBy,
    Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("channel", channel.id()).put("language", language)
        .put("body", body).put("createdBy", createdBy).put("createdAt", createdAt.toString());
  }
}
