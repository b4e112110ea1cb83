package io.campo.server.payments.page;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in a payment link: {@code <debtor id>.<expiry, epoch seconds>.<HMAC-SHA256 of both, base64url>}. Nothing
 * secret is in it (a debtor id is no secret; the page shows no more than a first name and balances), and nothing can be
 * changed without the server's key. Immutable and thread-safe.
 */
public final class PaymentLinkToken {

  /** What a token says, once its signature holds. */
  public sealed interface Reading permits Valid, Expired, Invalid {}

  public record Valid(long debtorId, Instant expiresAt) implements Reading {}

  public record Expired(long debtorId, Instant expiredAt) implements Reading {}

  public record Invalid() implements Reading {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key;

  public PaymentLinkToken(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("an HMAC-SHA256 key needs at least 32 bytes, got " + key.length);
    }
    this.key = key.clone();
  }

  public String issue(long debtorId, Instant expiresAt) {
    String payload = debtorId + "." + expiresAt.getEpochSecond();
    return payload + "." + B64.encodeToString(mac(payload));
  }

  public Reading read(String token, Instant now) {
    if (token == null || token.length() > 200) {
      return new Invalid();
    }
    int last = token.lastIndexOf('.');
    int first = token.indexOf('.');
    if (first <= 0 || last <= first) {
      return new Invalid();
    }
    String payload = token.substring(0, last);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      return new Invalid();
    }
    // Constant time: a byte-by-byte early exit would let a stranger find a valid signature one byte at a time.
    if (!MessageDigest.isEqual(mac(payload), given)) {
      return new Invalid();
    }
    try {
      long debtorId = Long.parseLong(token.substring(0, first));
      Instant expires = Instant.ofEpochSecond(Long.parseLong(token.substring(first + 1, last)));
      return now.isBefore(expires) ? new Valid(debtorId, expires) : new Expired(debtorId, expires);
    } catch (NumberFormatException e) {
      return new Invalid();
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
