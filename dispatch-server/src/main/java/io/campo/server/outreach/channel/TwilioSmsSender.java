package io.campo.server.outreach.channel;

import io.campo.server.config.OutreachSettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * SMS through a Twilio-shaped provider: a form POST to {@code {api}/2010-04-01/Accounts/{account}/Messages.json} with
 * Basic auth {@code account:token}, {@code To}, {@code From}, {@code Body} and {@code StatusCallback} (where the
 * provider reports delivery; checked by {@link TwilioSignature}). Thread-safe.
 */
public final class TwilioSmsSender implements ChannelSender {

  static final String PROVIDER = "SMS provider";

  private final WebClient client;
  private final OutreachSettings.Sms settings;
  private final String uri;
  private final String authorization;
  private final String statusCallback;
  private final long timeoutMillis;

  /** @param statusCallback the URL the provider reports statuses to; null sends none (no public URL is known) */
  public TwilioSmsSender(WebClient client, OutreachSettings.Sms settings, String statusCallback, Duration timeout) {
    this.client = client;
    this.settings = settings;
    this.uri = settings.apiUrl() + "/2010-04-01/Accounts/" + settings.account() + "/Messages.json";
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((settings.account() + ":" + settings.token()).getBytes(StandardCharsets.UTF_8));
    this.statusCallback = statusCallback;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("To", message.recipient()).add("From", settings.from())
        .add("Body", message.text());
    if (statusCallback != null) {
      form.add("StatusCallback", statusCallback);
    }
    return client.postAbs(uri).timeout(timeoutMillis).putHeader("Authorization", authorization).sendForm(form)
        .map(r -> {
          if (r.statusCode() / 100 != 2) {
            return (SendOutcome) new SendOutcome.Refused(ProviderAnswers.refusal(PROVIDER, r));
          }
          String sid;
          try {
            sid = new JsonObject(r.bodyAsString()).getString("sid");
          } catch (RuntimeException e) {
            sid = null;
          }
          return sid == null ? new SendOutcome.Refused(PROVIDER + " answered " + r.statusCode() + " without a message sid")
              : new SendOutcome.Accepted(sid);
        })
        .otherwise(t -> new SendOutcome.Refused(ProviderAnswers.unreachable(PROVIDER, t)));
  }
}
