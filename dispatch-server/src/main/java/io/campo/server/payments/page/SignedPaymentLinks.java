package io.campo.server.payments.page;

import io.campo.server.payments.PaymentLinkIssuer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Issues payment links signed with the server's own payment-link key, kept where the JWT key is ({@code
 * server_secret}, name {@code payment_link}) so that every node, and every node after a restart, accepts the links any
 * of them issued. Thread-safe.
 */
public final class SignedPaymentLinks implements PaymentLinkIssuer {

  /** Long enough to pay after payday, short enough that a forwarded link dies: a week. */
  public static final Duration LIFETIME = Duration.ofDays(7);

  private final PaymentLinkToken tokens;
  private final String publicUrl;
  private final Clock clock;

  /** @param publicUrl {@code CAMPO_PUBLIC_URL}; null: {@link #issue(long)} cannot know it and fails, use {@link #issueAt} */
  public SignedPaymentLinks(PaymentLinkToken tokens, String publicUrl, Clock clock) {
    this.tokens = tokens;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  public static byte[] loadOrCreateKey(DataSource dataSource) throws SQLException {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO server_secret (name, value) VALUES ('payment_link', ?) ON CONFLICT (name) DO NOTHING")) {
        ps.setBytes(1, fresh);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_secret WHERE name = 'payment_link'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  @Override
  public PaymentLink issue(long debtorId) {
    if (publicUrl == null) {
      throw new IllegalStateException("set CAMPO_PUBLIC_URL: a payment link sent in a message needs the server's public address");
    }
    return issueAt(publicUrl, debtorId);
  }

  /** A link under {@code baseUrl} (no trailing slash). */
  public PaymentLink issueAt(String baseUrl, long debtorId) {
    Instant expires = clock.instant().plus(LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new PaymentLink(baseUrl + "/pagar/" + tokens.issue(debtorId, expires), expires);
  }

  public String publicUrl() {
    return publicUrl;
  }
}
