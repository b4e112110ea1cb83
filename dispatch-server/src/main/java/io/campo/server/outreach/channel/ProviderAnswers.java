package io.campo.server.outreach.channel;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Turns a provider's HTTP answer into a reason worth storing: status and the provider's own message, kept short. */
final class ProviderAnswers {

  static final int MAX_REASON_CHARS = 300;

  private ProviderAnswers() {}

  static String refusal(String provider, HttpResponse<Buffer> r) {
    String detail = null;
    try {
      JsonObject body = r.bodyAsJsonObject();
      if (body != null) {
        // WhatsApp: {"error":{"message","code"}}; Twilio: {"message","code"}.
        JsonObject error = body.getJsonObject("error");
        detail = error != null ? error.getString("message") + " (code " + error.getValue("code") + ")"
            : body.getString("message") != null ? body.getString("message") + " (code " + body.getValue("code") + ")" : null;
      }
    } catch (DecodeException | ClassCastException e) {
      detail = null;
    }
    if (detail == null && r.body() != null) {
      detail = r.bodyAsString();
    }
    return shorten(provider + " answered HTTP " + r.statusCode() + (detail == null || detail.isBlank() ? "" : ": " + detail));
  }

  static String unreachable(String provider, Throwable t) {
    return shorten(provider + " not reached: " + (t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()));
  }

  static String shorten(String s) {
    return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS) + "…";
  }
}
