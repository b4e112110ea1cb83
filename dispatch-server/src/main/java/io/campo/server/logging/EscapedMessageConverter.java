package io.campo.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with every character that could forge or hide a log line escaped: CR and LF (a login named
 * {@code "x\n... INFO user 'admin' logged in"} would otherwise print a second, false line), the other control
 * characters (ANSI escapes repaint a terminal), Unicode line and paragraph separators, and the bidirectional overrides
 * that make text read backwards. Usernames, agent ids, client ids and topics all reach the log through {@code %msg}, so
 * escaping here, once, covers every log call, including ones not yet written. Registered as {@code msg} in
 * {@code logback.xml}. Stack traces ({@code %ex}) keep their lines.
 *
 * <p>Thread-safe.
 */
public final class EscapedMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return escape(super.convert(event));
  }

  /** {@code text} with CR, LF, tab and other dangerous characters written as {@code \r}, {@code \n}, {@code \t}, {@code \}{@code uXXXX}. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !dangerous(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (dangerous(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean dangerous(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }
}
