package io.campo.server.outreach.channel;

import java.util.List;

/**
 * One message, rendered and ready for its provider.
 *
 * @param id the outbound_message row it comes from
 * @param recipient E.164 number, or an e-mail address for {@link Channel#EMAIL}
 * @param templateName for WhatsApp: the template approved at Meta; null for free text
 * @param language the template's language, like {@code es_MX}
 * @param parameters WhatsApp body parameters, in the order of the template's variables
 * @param text the rendered text (SMS, e-mail, WhatsApp free text)
 * @param subject the e-mail's subject; null for other channels
 */
public record OutboundMessage(long id, Channel channel, String recipient, String templateName, String language,
    List<String> parameters, String text, String subject) {

  public OutboundMessage {
    parameters = List.copyOf(parameters);
  }
}
