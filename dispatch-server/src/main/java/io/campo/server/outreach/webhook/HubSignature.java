package io.campo.server.outreach.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app
 * secret>}. Computed over the bytes as received: re-encoding parsed JSON would change them. Compared in constant time,
 * so the time of a refusal tells an attacker nothing about how close a guess was. Thread-safe.
 */
public final class HubSignature {

  private static final String PREFIX = "sha256=";
  private final byte[] secret;

  public HubSignature(String appSecret) {
    this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
  }

  public boolean matches(byte[] rawBody, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(rawBody), given);
  }

  /** The header value for {@code rawBody}: {@code sha256=<hex>}. */
  public String header(byte[] rawBody) {
    return PREFIX + HexFormat.of().formatHex(sign(rawBody));
  }

  private byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
