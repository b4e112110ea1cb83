package io.campo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampoConfigTest {

  @Test
  void defaultsUseTheEmbeddedDatabaseAndStandardPorts() {
    CampoConfig c = CampoConfig.from(Map.of());
    assertTrue(c.embeddedDatabase());
    assertEquals(8080, c.httpPort());
    assertEquals(1883, c.mqttPort());
    assertEquals(8083, c.mqttWebSocketPort());
    assertNull(c.adminPassword());
    assertTrue(c.dataDir().endsWith(".campo"));
    assertEquals("auto", c.timescale());
    assertEquals(java.time.Duration.ofMillis(10), c.writerLinger());
  }

  @Test
  void theEnvironmentOverridesTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("campo.conf");
    Files.writeString(file, "CAMPO_HTTP_PORT=9000\nCAMPO_MQTT_PORT=9001\nCAMPO_DB_URL=jdbc:postgresql://db/campo\n");
    CampoConfig c = CampoConfig.from(Map.of("CAMPO_CONFIG", file.toString(), "CAMPO_MQTT_PORT", "9999", "PATH", "/bin"));
    assertEquals(9000, c.httpPort());
    assertEquals(9999, c.mqttPort());
    assertEquals("jdbc:postgresql://db/campo", c.dbUrl());
  }

  @Test
  void badValuesNameTheirKey(@TempDir Path dir) {
    ConfigException port = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_HTTP_PORT", "eighty")));
    assertTrue(port.getMessage().contains("CAMPO_HTTP_PORT must be an integer, got 'eighty'"));
    ConfigException ts = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_TIMESCALE", "yes")));
    assertTrue(ts.getMessage().contains("CAMPO_TIMESCALE must be one of auto, off"));
    ConfigException linger = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_WRITER_LINGER_MS", "-5")));
    assertTrue(linger.getMessage().contains("CAMPO_WRITER_LINGER_MS must be between 0 and 1000, got -5"));
    assertEquals(java.time.Duration.ZERO, CampoConfig.from(Map.of("CAMPO_WRITER_LINGER_MS", "0")).writerLinger());
    ConfigException file = assertThrows(ConfigException.class,
        () -> CampoConfig.from(Map.of("CAMPO_CONFIG", dir.resolve("missing.conf").toString())));
    assertTrue(file.getMessage().contains("cannot read config file"));
  }

  @Test
  void mapTilesDefaultToOpenStreetMapAndAnotherProviderNeedsAUrlTemplate() {
    CampoConfig osm = CampoConfig.from(Map.of());
    assertEquals("https://tile.openstreetmap.org/{z}/{x}/{y}.png", osm.tiles().url());
    assertTrue(osm.tiles().attribution().contains("OpenStreetMap"));

    CampoConfig own = CampoConfig.from(Map.of("CAMPO_TILE_URL", "https://tiles.example.mx/{z}/{x}/{y}.png",
        "CAMPO_TILE_ATTRIBUTION", "Mapas Ejemplo"));
    assertEquals("https://tiles.example.mx/{z}/{x}/{y}.png", own.tiles().url());
    assertEquals("Mapas Ejemplo", own.tiles().attribution());

    ConfigException bad = assertThrows(ConfigException.class,
        () -> CampoConfig.from(Map.of("CAMPO_TILE_URL", "tiles.example.mx/tile.png")));
    assertTrue(bad.getMessage().contains("CAMPO_TILE_URL must be an http(s) URL template with {z}, {x} and {y}"), bad.getMessage());
  }

  @Test
  void loginLimitsAndReportSettingsHaveSafeDefaultsAndRefuseNonsense() {
    CampoConfig c = CampoConfig.from(Map.of());
    assertEquals(io.campo.server.auth.LoginLimits.OFFICE_DEFAULT, c.loginLimits());
    assertEquals(io.campo.server.auth.LoginLimits.DEVICE_DEFAULT, c.deviceLoginLimits());
    assertEquals(java.time.Duration.ofSeconds(30), c.reportStatementTimeout());
    assertEquals(4, c.reportConnections());

    CampoConfig set = CampoConfig.from(Map.of("CAMPO_LOGIN_FAILURES_PER_ADDRESS", "50", "CAMPO_LOGIN_FAILURES_PER_USER", "5",
        "CAMPO_LOGIN_FAILURE_WINDOW_SECONDS", "120", "CAMPO_DEVICE_LOGIN_FAILURES_PER_AGENT", "7",
        "CAMPO_REPORT_STATEMENT_TIMEOUT_MS", "2500", "CAMPO_REPORT_CONNECTIONS", "2"));
    assertEquals(new io.campo.server.auth.LoginLimits(50, 5, java.time.Duration.ofSeconds(120)), set.loginLimits());
    assertEquals(7, set.deviceLoginLimits().failuresPerAccount());
    assertEquals(java.time.Duration.ofMillis(2500), set.reportStatementTimeout());
    assertEquals(2, set.reportConnections());

    ConfigException zero = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_LOGIN_FAILURES_PER_USER", "0")));
    assertTrue(zero.getMessage().contains("CAMPO_LOGIN_FAILURES_PER_USER must be at least 1, got 0"));
    ConfigException timeout = assertThrows(ConfigException.class,
        () -> CampoConfig.from(Map.of("CAMPO_REPORT_STATEMENT_TIMEOUT_MS", "-1")));
    assertTrue(timeout.getMessage().contains("CAMPO_REPORT_STATEMENT_TIMEOUT_MS must be at least 1"));
  }

  @Test
  void thePublicUrlIsABaseUrlWithoutItsTrailingSlash() {
    assertNull(CampoConfig.from(Map.of()).publicUrl(), "unset: enrolment links name the server as the request reached it");
    assertEquals("https://campo.example.com", CampoConfig.from(Map.of("CAMPO_PUBLIC_URL", "https://campo.example.com/")).publicUrl());
    assertEquals("https://example.com/campo", CampoConfig.from(Map.of("CAMPO_PUBLIC_URL", " https://example.com/campo ")).publicUrl());
    for (String bad : new String[] {"campo.example.com", "ftp://campo.example.com", "https://campo.example.com/?x=1",
        "https://campo.example.com/#enrol", "https:// spaced.example.com"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> CampoConfig.from(Map.of("CAMPO_PUBLIC_URL", bad)), bad);
      assertTrue(e.getMessage().contains("CAMPO_PUBLIC_URL"), e.getMessage());
    }
  }
}
