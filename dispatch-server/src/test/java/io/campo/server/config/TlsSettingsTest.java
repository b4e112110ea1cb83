package io.campo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.tls.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS variables are checked at start, with a reason naming the variable, before any port opens. */
class TlsSettingsTest {

  @TempDir
  static Path dir;
  static TestCertificate cert;
  static TestCertificate other;

  @BeforeAll
  static void certificates() throws Exception {
    cert = TestCertificate.create(Files.createDirectory(dir.resolve("one")));
    other = TestCertificate.create(Files.createDirectory(dir.resolve("two")));
  }

  private static Map<String, String> pair(Path certFile, Path keyFile) {
    return new HashMap<>(Map.of("CAMPO_TLS_CERT", certFile.toString(), "CAMPO_TLS_KEY", keyFile.toString()));
  }

  private static String refusal(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> CampoConfig.from(env)).getMessage();
  }

  @Test
  void offByDefaultWithPlainMqtt() {
    TlsSettings tls = CampoConfig.from(Map.of()).tls();
    assertFalse(tls.enabled());
    assertTrue(tls.plainMqtt());
  }

  @Test
  void aMatchingPairTurnsItOnAndPlainMqttOff() {
    TlsSettings tls = CampoConfig.from(pair(cert.certFile(), cert.keyFile())).tls();
    assertTrue(tls.enabled());
    assertEquals(8883, tls.mqttsPort());
    assertFalse(tls.plainMqtt());
    Map<String, String> plainToo = pair(cert.certFile(), cert.keyFile());
    plainToo.put("CAMPO_MQTT_PLAIN", "on");
    plainToo.put("CAMPO_MQTTS_PORT", "9883");
    assertTrue(CampoConfig.from(plainToo).tls().plainMqtt());
    assertEquals(9883, CampoConfig.from(plainToo).tls().mqttsPort());
  }

  @Test
  void halfAPairOrMissingFilesStopTheStart() {
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", cert.certFile().toString()))
        .contains("needs both CAMPO_TLS_CERT and CAMPO_TLS_KEY; only CAMPO_TLS_CERT"));
    assertTrue(refusal(Map.of("CAMPO_TLS_KEY", cert.keyFile().toString())).contains("only CAMPO_TLS_KEY is set"));
    assertTrue(refusal(pair(dir.resolve("nope.pem"), cert.keyFile()))
        .contains("CAMPO_TLS_CERT names " + dir.resolve("nope.pem") + ", which is not a file"));
    assertTrue(refusal(pair(cert.certFile(), dir)).contains("CAMPO_TLS_KEY names"));
    assertTrue(refusal(Map.of("CAMPO_MQTT_PLAIN", "off")).contains("needs CAMPO_TLS_CERT and CAMPO_TLS_KEY"));
    assertTrue(refusal(Map.of("CAMPO_MQTT_PLAIN", "maybe")).contains("CAMPO_MQTT_PLAIN must be one of on, off"));
    Map<String, String> badPort = pair(cert.certFile(), cert.keyFile());
    badPort.put("CAMPO_MQTTS_PORT", "tls");
    assertTrue(refusal(badPort).contains("CAMPO_MQTTS_PORT must be an integer"));
  }

  @Test
  void wrongContentsStopTheStart() throws Exception {
    assertTrue(refusal(pair(cert.certFile(), other.keyFile())).contains("is not the key of the certificate"),
        "a key from another pair would start a server on which every handshake fails");
    assertTrue(refusal(pair(cert.keyFile(), cert.keyFile())).contains("holds no PEM certificate"));
    assertTrue(refusal(pair(cert.certFile(), cert.certFile())).contains("holds no PKCS#8 key"));
    Path garbledCert = Files.writeString(dir.resolve("garbled-cert.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertTrue(refusal(pair(garbledCert, cert.keyFile())).contains("not a readable PEM certificate"));
    Path garbledKey = Files.writeString(dir.resolve("garbled-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertTrue(refusal(pair(cert.certFile(), garbledKey)).contains("is not a readable RSA PKCS#8 key"));
    Path encrypted = Files.writeString(dir.resolve("enc.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertTrue(refusal(pair(cert.certFile(), encrypted)).contains("is encrypted"));
    Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
    assertTrue(refusal(pair(cert.certFile(), pkcs1)).contains("openssl pkcs8 -topk8 -nocrypt"));
  }

  @Test
  void anExpiredCertificateStopsTheStart() throws Exception {
    TestCertificate expired = TestCertificate.create(Files.createDirectory(dir.resolve("expired")), 10, 2);
    assertTrue(refusal(pair(expired.certFile(), expired.keyFile())).contains("expired on"));
  }
}
