package io.campo.server.outreach.channel;

import java.util.Locale;
import java.util.Optional;

/** The ways Campo writes to a debtor; stored and sent over the API as their lower-case names. */
public enum Channel {
  WHATSAPP, SMS, EMAIL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Channel c : values()) {
      if (c.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Whether the channel writes to a phone number (else to an e-mail address). */
  public boolean toPhone() {
    return this != EMAIL;
  }
}
