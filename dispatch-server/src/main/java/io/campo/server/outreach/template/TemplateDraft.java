package io.campo.server.outreach.template;

import io.campo.server.outreach.channel.Channel;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A checked {@code POST /api/message-templates} body. Every problem is listed at once. Stateless.
 */
public record TemplateDraft(String name, Channel channel, String language, String body, TemplateBody parsed) {

  public static final String EXAMPLE =
      "{\"name\":\"recordatorio_pago\",\"channel\":\"whatsapp\",\"language\":\"es_MX\",\"body\":\"Hola {nombre}, tu saldo es {saldo}.\"}";
  /** WhatsApp caps a template body at 1024 characters; an SMS of 1600 is ten segments, the provider's limit. */
  static final Map<Channel, Integer> MAX_BODY_CHARS = Map.of(Channel.WHATSAPP, 1024, Channel.SMS, 1600, Channel.EMAIL, 20_000);

  /** Either a draft or every reason it is not one. */
  public sealed interface Reading permits Valid, Invalid {}

  public record Valid(TemplateDraft draft) implements Reading {}

  public record Invalid(List<String> reasons) implements Reading {}

  public static Reading read(JsonObject o, boolean paymentLinksAvailable) {
    List<String> reasons = new ArrayList<>();
    String name = o.getValue("name") instanceof String s ? s.strip() : null;
    Channel channel = o.getValue("channel") instanceof String s ? Channel.parse(s).orElse(null) : null;
    String language = o.getValue("language") instanceof String s ? s.strip() : o.getValue("language") == null ? "es_MX" : null;
    String body = o.getValue("body") instanceof String s ? s : null;
    if (channel == null) {
      reasons.add("channel must be whatsapp, sms or email");
    }
    if (name == null || name.isEmpty()) {
      reasons.add("name is required");
    } else if (channel == Channel.WHATSAPP && !name.matches("[a-z0-9_]{1,512}")) {
      reasons.add("a WhatsApp template's name is the one approved at Meta: lower-case letters, digits and '_', got '"
          + shorten(name) + "'");
    } else if (name.length() > 200) {
      reasons.add("name is longer than 200 characters");
    }
    if (language == null || !language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
      reasons.add("language must be a code like es_MX");
    }
    TemplateBody parsed = null;
    if (body == null || body.isBlank()) {
      reasons.add("body is required");
    } else {
      if (channel != null && body.length() > MAX_BODY_CHARS.get(channel)) {
        reasons.add("body is " + body.length() + " characters; a " + channel.id() + " template may have at most "
            + MAX_BODY_CHARS.get(channel));
      }
      try {
        parsed = TemplateBody.parse(body);
        if (parsed.variables().contains(TemplateVariable.LIGA_PAGO) && !paymentLinksAvailable) {
          reasons.add("{liga_pago} needs the payment page's public address, which is not configured on this server:"
              + " set CAMPO_PUBLIC_URL, or remove {liga_pago}");
        }
      } catch (TemplateBody.Invalid e) {
        reasons.add(e.getMessage());
      }
    }
    if (!reasons.isEmpty()) {
      return new Invalid(reasons);
    }
    return new Valid(new TemplateDraft(name, channel, language, body, parsed));
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
