package io.campo.server.outreach.compliance;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a debtor's reply asks to stop messages: the whole reply is one of {@code BAJA}, {@code ALTO}, {@code STOP}, in
 * any case, with any whitespace, punctuation or emoji around it ("¡Baja!", " stop. "). A sentence that merely contains
 * the word ("no me den de baja todavía") is not an opt-out: a person reads it in the client log.
 */
public final class OptOutReply {

  private static final Set<String> WORDS = Set.of("BAJA", "ALTO", "STOP");

  private OptOutReply() {}

  public static boolean isOptOut(String reply) {
    if (reply == null) {
      return false;
    }
    String s = Normalizer.normalize(reply, Normalizer.Form.NFKC);
    // Everything that is not a letter or digit around the word goes: spaces, ¡!¿?.,, quotes, emoji.
    s = s.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
    return s.length() <= 8 && WORDS.contains(s.toUpperCase(Locale.ROOT));
  }
}
