package io.campo.server.outreach.webhook;

import io.campo.server.api.ApiException;
import io.campo.server.config.OutreachSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers' public webhooks, mounted before the API's token check: each request proves itself by its signature
 * instead ({@link HubSignature}, {@link TwilioSignature}). A wrong or missing signature is a 401 that reads nothing
 * else of the request and changes nothing. Events are recorded before the 200, so a provider that got no answer
 * retries, and {@link ProviderEvents} makes the retry harmless.
 */
public final class WebhookHandlers {

  public static final String WHATSAPP_PATH = "/api/webhooks/whatsapp";
  public static final String SMS_PATH = "/api/webhooks/sms";
  /** Meta batches up to a few hundred events per notification; this is far above that and far below memory trouble. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final OutreachSettings settings;
  private final ProviderEvents events;
  private final String publicUrl;
  private final Clock clock;
  private final WhatsAppWebhookReader whatsAppReader = new WhatsAppWebhookReader();
  private final SmsCallbackReader smsReader = new SmsCallbackReader();

  /** @param publicUrl the server's base URL as providers call it ({@code CAMPO_PUBLIC_URL}); null: the request's own */
  public WebhookHandlers(Vertx vertx, OutreachSettings settings, ProviderEvents events, String publicUrl, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.events = events;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** Adds the webhook routes; call before the router's {@code /api/*} token check. */
  public void mount(Router router) {
    router.get(WHATSAPP_PATH).handler(this::verifyWhatsApp);
    router.post(WHATSAPP_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::whatsApp);
    router.post(SMS_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::sms);
  }

  /** Meta's subscription check: echo {@code hub.challenge} when {@code hub.verify_token} is ours. */
  void verifyWhatsApp(RoutingContext ctx) {
    String expected = settings.whatsApp().verifyToken();
    String mode = ctx.queryParams().get("hub.mode");
    String token = ctx.queryParams().get("hub.verify_token");
    String challenge = ctx.queryParams().get("hub.challenge");
    if (expected == null || token == null || !"subscribe".equals(mode) || challenge == null
        || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(new ApiException(403, expected == null ? "CAMPO_WHATSAPP_VERIFY_TOKEN is not set on this server"
          : "hub.mode must be subscribe and hub.verify_token must be CAMPO_WHATSAPP_VERIFY_TOKEN"));
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(challenge);
  }

  void whatsApp(RoutingContext ctx) {
    String secret = settings.whatsApp().appSecret();
    Buffer body = ctx.body().buffer();
    byte[] raw = body == null ? new byte[0] : body.getBytes();
    if (secret == null || !new HubSignature(secret).matches(raw, ctx.request().getHeader("X-Hub-Signature-256"))) {
      ctx.fail(new ApiException(401, secret == null ? "CAMPO_WHATSAPP_APP_SECRET is not set: webhooks cannot be verified"
          : "X-Hub-Signature-256 is missing or does not match the body"));
      return;
    }
    List<ProviderEvent> read;
    try {
      read = whatsAppReader.read(new String(raw, StandardCharsets.UTF_8));
    } catch (WhatsAppWebhookReader.Unreadable e) {
      ctx.fail(ApiException.badRequest(e.getMessage()));
      return;
    }
    record(ctx, read);
  }

  void sms(RoutingContext ctx) {
    String token = settings.sms().token();
    Buffer body = ctx.body().buffer();
    Map<String, String> params = form(body == null ? "" : body.toString(StandardCharsets.UTF_8));
    String url = (publicUrl != null ? publicUrl + ctx.request().uri() : ctx.request().absoluteURI());
    if (token == null || !new TwilioSignature(token).matches(url, params, ctx.request().getHeader("X-Twilio-Signature"))) {
      ctx.fail(new ApiException(401, token == null ? "CAMPO_SMS_TOKEN is not set: callbacks cannot be verified"
          : "X-Twilio-Signature is missing or does not match " + url + " and the parameters"));
      return;
    }
    record(ctx, smsReader.read(params, clock.instant()).stream().toList());
  }

  private void record(RoutingContext ctx, List<ProviderEvent> read) {
    vertx.executeBlocking(() -> events.record(read), false)
        .onSuccess(fresh -> ctx.json(new JsonObject().put("events", read.size()).put("new", fresh)))
        .onFailure(ctx::fail);
  }

  /** {@code application/x-www-form-urlencoded}; a repeated name keeps its first value (Twilio repeats none). */
  static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        // A malformed escape cannot be part of a correctly signed body: the signature check refuses it.
        params.putIfAbsent(pair, "");
      }
    }
    return params;
  }
}
