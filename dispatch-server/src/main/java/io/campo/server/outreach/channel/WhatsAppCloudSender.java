package io.campo.server.outreach.channel;

import io.campo.server.config.OutreachSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/**
 * The WhatsApp Business Cloud API: {@code POST {api}/v{version}/{phone number id}/messages} with a bearer token. A
 * template message names a template approved at Meta, its language and its body parameters; free text
 * ({@code "type":"text"}) is only accepted by WhatsApp inside the 24 hours after the debtor last wrote, which the
 * compliance gate checks before a message gets here. Thread-safe.
 */
public final class WhatsAppCloudSender implements ChannelSender {

  static final String PROVIDER = "WhatsApp";

  private final WebClient client;
  private final OutreachSettings.WhatsApp settings;
  private final String uri;
  private final long timeoutMillis;

  public WhatsAppCloudSender(WebClient client, OutreachSettings.WhatsApp settings, Duration timeout) {
    this.client = client;
    this.settings = settings;
    this.uri = settings.apiUrl() + "/v" + settings.apiVersion() + "/" + settings.phoneNumberId() + "/messages";
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  /** The request body Campo sends for {@code message}: what the provider's fake in the tests checks, byte for byte. */
  public static JsonObject body(OutboundMessage message) {
    // WhatsApp takes the number with its country code and without the plus.
    String to = message.recipient().startsWith("+") ? message.recipient().substring(1) : message.recipient();
    JsonObject body = new JsonObject().put("messaging_product", "whatsapp").put("recipient_type", "individual").put("to", to);
    if (message.templateName() == null) {
      return body.put("type", "text").put("text", new JsonObject().put("preview_url", false).put("body", message.text()));
    }
    JsonObject template = new JsonObject().put("name", message.templateName())
        .put("language", new JsonObject().put("code", message.language()));
    if (!message.parameters().isEmpty()) {
      JsonArray parameters = new JsonArray();
      message.parameters().forEach(p -> parameters.add(new JsonObject().put("type", "text").put("text", p)));
      template.put("components", new JsonArray().add(new JsonObject().put("type", "body").put("parameters", parameters)));
    }
    return body.put("type", "template").put("template", template);
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    return client.postAbs(uri).timeout(timeoutMillis)
        .putHeader("Authorization", "Bearer " + settings.token())
        .sendJsonObject(body(message))
        .map(r -> {
          if (r.statusCode() / 100 != 2) {
            return (SendOutcome) new SendOutcome.Refused(ProviderAnswers.refusal(PROVIDER, r));
          }
          String id = providerId(r.bodyAsString());
          return id == null ? new SendOutcome.Refused(PROVIDER + " answered " + r.statusCode() + " without a message id")
              : new SendOutcome.Accepted(id);
        })
        .otherwise(t -> new SendOutcome.Refused(ProviderAnswers.unreachable(PROVIDER, t)));
  }

  private static String providerId(String body) {
    try {
      JsonArray messages = new JsonObject(body).getJsonArray("messages");
      return messages == null || messages.isEmpty() ? null : messages.getJsonObject(0).getString("id");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
