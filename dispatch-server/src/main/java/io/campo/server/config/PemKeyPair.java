package io.campo.server.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before any listener opens, that a PEM certificate and PKCS#8 key can serve TLS together: both parse, the
 * certificate is valid now, and the key signs what the certificate's public key verifies. Without this a mismatched
 * pair starts a server on which every handshake fails (seen with Vert.x: it opens the port regardless).
 */
final class PemKeyPair {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private PemKeyPair() {}

  static void check(Path certFile, String certText, Path keyFile, String keyText, Instant now) {
    X509Certificate cert = certificate(certFile, certText, now);
    PrivateKey key = privateKey(keyFile, keyText, cert.getPublicKey().getAlgorithm());
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new ConfigException("CAMPO_TLS_KEY " + keyFile + ": a " + key.getAlgorithm()
          + " key; use an RSA, EC or Ed25519 key");
    };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new ConfigException("CAMPO_TLS_KEY " + keyFile + " is not the key of the certificate in CAMPO_TLS_CERT "
            + certFile + " (" + cert.getSubjectX500Principal().getName() + ")");
      }
    } catch (GeneralSecurityException e) {
      throw new ConfigException("CAMPO_TLS_KEY " + keyFile + " does not go with CAMPO_TLS_CERT " + certFile + ": " + e.getMessage());
    }
  }

  private static X509Certificate certificate(Path file, String text, Instant now) {
    Collection<? extends Certificate> chain;
    try {
      chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (GeneralSecurityException e) {
      throw new ConfigException("CAMPO_TLS_CERT " + file + " is not a readable PEM certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new ConfigException("CAMPO_TLS_CERT " + file + " holds no certificate");
    }
    X509Certificate first = (X509Certificate) chain.iterator().next();
    try {
      first.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new ConfigException("CAMPO_TLS_CERT " + file + " expired on " + first.getNotAfter().toInstant() + "; renew it");
    } catch (CertificateNotYetValidException e) {
      throw new ConfigException("CAMPO_TLS_CERT " + file + " is valid only from " + first.getNotBefore().toInstant());
    }
    return first;
  }

  private static PrivateKey privateKey(Path file, String text, String algorithm) {
    Matcher m = PKCS8.matcher(text);
    if (!m.find()) {
      throw new ConfigException("CAMPO_TLS_KEY " + file + " holds no PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it "
          + "with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new ConfigException("CAMPO_TLS_KEY " + file + " is not a readable " + algorithm + " PKCS#8 key: " + e.getMessage());
    }
  }
}
