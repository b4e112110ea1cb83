package io.campo.server.outreach.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: {@code X-Twilio-Signature} = base64 of HMAC-SHA1, keyed with the auth token, of the full
 * URL the provider called followed by every POST parameter, sorted by name, as name then value with nothing between.
 * The URL must be the one the provider was given (the public one, not what a proxy forwarded). Thread-safe.
 */
public final class TwilioSignature {

  private final byte[] token;

  public TwilioSignature(String authToken) {
    this.token = authToken.getBytes(StandardCharsets.UTF_8);
  }

  public boolean matches(String url, Map<String, String> params, String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(sign(url, params).getBytes(StandardCharsets.US_ASCII),
        header.strip().getBytes(StandardCharsets.US_ASCII));
  }

  public String sign(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }
}
