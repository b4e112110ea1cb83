package io.campo.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server's certificate and key ({@code CAMPO_TLS_CERT}, {@code CAMPO_TLS_KEY}, both PEM files). With them the HTTP
 * port speaks only HTTPS (and WSS for {@code /api/live}), the MQTT-over-WebSocket port only WSS, and MQTT over TLS
 * listens on {@code CAMPO_MQTTS_PORT}. Plain MQTT on {@code CAMPO_MQTT_PORT} is then off unless {@code
 * CAMPO_MQTT_PLAIN=on} keeps it (a device token crossing a network in clear text is a stolen device token).
 *
 * @param certFile PEM certificate chain, the server's own certificate first; null when TLS is off
 * @param keyFile PEM private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}; RSA, EC or Ed25519), checked at start
 *     to be the certificate's; null when TLS is off
 * @param mqttsPort MQTT over TLS; 0 picks a free port, -1 disables it
 * @param plainMqtt whether MQTT over plain TCP ({@code CAMPO_MQTT_PORT}) listens
 */
public record TlsSettings(Path certFile, Path keyFile, int mqttsPort, boolean plainMqtt) {

  public static final TlsSettings OFF = new TlsSettings(null, null, -1, true);

  private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----";
  private static final String ENCRYPTED_KEY = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

  public boolean enabled() {
    return certFile != null;
  }

  /**
   * Reads and checks the TLS variables: both files or neither, each readable, the certificate valid now and the key
   * its own ({@link PemKeyPair}).
   */
  static TlsSettings read(Map<String, String> v) {
    String cert = blankToNull(v.get("CAMPO_TLS_CERT"));
    String key = blankToNull(v.get("CAMPO_TLS_KEY"));
    String plain = v.getOrDefault("CAMPO_MQTT_PLAIN", "").trim();
    if (!plain.isEmpty() && !plain.equals("on") && !plain.equals("off")) {
      throw new ConfigException("CAMPO_MQTT_PLAIN must be one of on, off, got '" + plain + "'");
    }
    if (cert == null && key == null) {
      if (plain.equals("off")) {
        throw new ConfigException("CAMPO_MQTT_PLAIN=off leaves no MQTT listener: it needs CAMPO_TLS_CERT and CAMPO_TLS_KEY");
      }
      return OFF;
    }
    if (cert == null || key == null) {
      throw new ConfigException("TLS needs both CAMPO_TLS_CERT and CAMPO_TLS_KEY; only "
          + (cert == null ? "CAMPO_TLS_KEY" : "CAMPO_TLS_CERT") + " is set");
    }
    Path certFile = Path.of(cert).toAbsolutePath();
    Path keyFile = Path.of(key).toAbsolutePath();
    String certText = pem("CAMPO_TLS_CERT", certFile);
    if (!certText.contains(CERTIFICATE)) {
      throw new ConfigException("CAMPO_TLS_CERT " + certFile + " holds no PEM certificate (" + CERTIFICATE + ")");
    }
    String keyText = pem("CAMPO_TLS_KEY", keyFile);
    if (keyText.contains(ENCRYPTED_KEY)) {
      throw new ConfigException("CAMPO_TLS_KEY " + keyFile + " is encrypted; give the unencrypted key "
          + "(openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem) and protect the file (chmod 600)");
    }
    PemKeyPair.check(certFile, certText, keyFile, keyText, java.time.Instant.now());
    return new TlsSettings(certFile, keyFile, CampoConfig.integer(v, "CAMPO_MQTTS_PORT", 8883), plain.equals("on"));
  }

  private static String pem(String variable, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(variable + " names " + file + ", which is not a file");
    }
    try {
      return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new ConfigException(variable + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
