package io.campo.server.config;

/**
 * The SMTP server Campo sends e-mail through.
 *
 * @param host null disables e-mail (nothing is queued)
 * @param startTls {@code disabled}, {@code optional} or {@code required}
 */
public record SmtpSettings(String host, int port, String username, String password, String from, String startTls, boolean ssl) {

  public boolean enabled() {
    return host != null;
  }
}
