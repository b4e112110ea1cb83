package io.campo.server.outreach.compliance;

import io.campo.server.outreach.channel.Channel;
import java.time.Instant;
import java.util.List;

/**
 * What the gate needs to know about one debtor and channel, read from the database just before the contact.
 *
 * @param consentMessages the imported {@code acepta_mensajes}
 * @param optedOutAt when the debtor opted out of this channel, or null
 * @param phones the debtor's own numbers (E.164 from the import)
 * @param email the debtor's own address, or null
 * @param sentLast7Days messages on this channel sent (or being sent) in the 7 days before now
 * @param lastReplyAt when the debtor last wrote on this channel, or null (WhatsApp's 24-hour window)
 */
public record ContactFacts(Channel channel, boolean consentMessages, Instant optedOutAt, List<String> phones, String email,
    int sentLast7Days, Instant lastReplyAt) {

  public ContactFacts {
    phones = List.copyOf(phones);
  }
}
