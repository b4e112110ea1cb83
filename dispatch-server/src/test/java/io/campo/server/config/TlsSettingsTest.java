package io.campo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

  static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

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
  void aPairOfPemFilesTurnsItOnAndPlainMqttOff(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
    Path key = Files.writeString(dir.resolve("key.pem"), KEY);
    TlsSettings tls = CampoConfig.from(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", key.toString())).tls();
    assertTrue(tls.enabled());
    assertEquals(8883, tls.mqttsPort());
    assertFalse(tls.plainMqtt());
    assertTrue(CampoConfig.from(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", key.toString(),
        "CAMPO_MQTT_PLAIN", "on", "CAMPO_MQTTS_PORT", "9883")).tls().plainMqtt());
    Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
    assertTrue(CampoConfig.from(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", rsa.toString())).tls().enabled());
  }

  @Test
  void halfAPairMissingFilesAndWrongContentsStopTheStart(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), CERT);
    Path key = Files.writeString(dir.resolve("key.pem"), KEY);
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", cert.toString())).contains("needs both CAMPO_TLS_CERT and CAMPO_TLS_KEY; only CAMPO_TLS_CERT"));
    assertTrue(refusal(Map.of("CAMPO_TLS_KEY", key.toString())).contains("only CAMPO_TLS_KEY is set"));
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", dir.resolve("nope.pem").toString(), "CAMPO_TLS_KEY", key.toString()))
        .contains("CAMPO_TLS_CERT names " + dir.resolve("nope.pem") + ", which is not a file"));
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", dir.toString()))
        .contains("CAMPO_TLS_KEY names"));
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", key.toString(), "CAMPO_TLS_KEY", key.toString()))
        .contains("holds no PEM certificate"));
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", cert.toString()))
        .contains("holds no PEM private key"));
    Path encrypted = Files.writeString(dir.resolve("enc.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertTrue(refusal(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", encrypted.toString()))
        .contains("is encrypted"));
    Map<String, String> badPort = new HashMap<>(Map.of("CAMPO_TLS_CERT", cert.toString(), "CAMPO_TLS_KEY", key.toString()));
    badPort.put("CAMPO_MQTTS_PORT", "tls");
    assertTrue(refusal(badPort).contains("CAMPO_MQTTS_PORT must be an integer"));
    assertTrue(refusal(Map.of("CAMPO_MQTT_PLAIN", "off")).contains("needs CAMPO_TLS_CERT and CAMPO_TLS_KEY"));
    assertTrue(refusal(Map.of("CAMPO_MQTT_PLAIN", "maybe")).contains("CAMPO_MQTT_PLAIN must be one of on, off"));
  }
}
