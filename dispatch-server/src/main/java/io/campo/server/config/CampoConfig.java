package io.campo.server.config;

import io.campo.tracking.ingest.WriterSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the server reads from its environment, read once at {@code main} and passed down.
 * Sources, later winning: built-in defaults, the file named by {@code CAMPO_CONFIG} (lines of
 * {@code KEY=VALUE}, same names as the environment variables), the environment.
 *
 * @param dataDir where the embedded database and caches live ({@code .campo} by default)
 * @param dbUrl JDBC URL of an external PostgreSQL; null starts the embedded one
 * @param httpPort HTTP API and web map; 0 picks a free port
 * @param mqttPort MQTT over TCP; 0 picks a free port
 * @param mqttWebSocketPort MQTT over WebSocket at {@code /mqtt}; 0 picks a free port, -1 disables
 * @param adminPassword bootstrap admin's password; null generates one and prints it once
 * @param telemetryRetentionDays drop fixes older than this; 0 keeps them forever
 * @param timescale {@code auto} uses TimescaleDB when the server offers it, {@code off} never
 * @param writerLinger how long a telemetry writer lets a trickle of fixes gather into one transaction ({@code CAMPO_WRITER_LINGER_MS})
 * @param roads the road network for planning: an OSM file ({@code .osm}, {@code .osm.gz},
 *     {@code .pbf}), {@code demo} for the generated demo city, or {@code none} to disable planning
 * @param demoCityKm side of the generated demo city in kilometres
 * @param smtp where e-mail goes; {@code CAMPO_SMTP_HOST} unset disables it
 * @param timeZone the agency's time zone: plans' local times ("08:00") are read in it
 * @param segmentationRules JSON file of the portfolio's segmentation rules; null uses the built-in defaults
 * @param tiles the map's raster tiles ({@code CAMPO_TILE_URL}, {@code CAMPO_TILE_ATTRIBUTION}); OpenStreetMap's by default
 * @param cluster whether and how this node joins a cluster ({@code CAMPO_CLUSTER*}); off by default
 * @param httpIdleTimeoutSeconds an HTTP connection silent this long is closed ({@code CAMPO_HTTP_IDLE_TIMEOUT_SECONDS})
 * @param mqttMaxConnectionsPerAddress MQTT connections one IP address may hold open; 0 for no cap
 *     ({@code CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS})
 * @param evidence how late fixes weigh as evidence and how old a backlog may be ({@code CAMPO_EVIDENCE_*},
 *     {@code CAMPO_VISIT_REJUDGE_HOURS}, {@code CAMPO_TELEMETRY_MAX_BACKLOG_DAYS})
 * @param publicUrl the base URL phones reach the server at, for enrolment links ({@code CAMPO_PUBLIC_URL}); null: the
 *     scheme and host of the request that asks for the link
 */
public record CampoConfig(
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String bindHost,
    int httpPort,
    int mqttPort,
    int mqttWebSocketPort,
    String adminPassword,
    int telemetryRetentionDays,
    String timescale,
    int writerThreads,
    java.time.Duration writerLinger,
    int maxBodyBytes,
    String roads,
    int demoCityKm,
    java.time.ZoneId timeZone,
    Path segmentationRules,
    SmtpSettings smtp,
    TileSettings tiles,
    ClusterSettings cluster,
    int httpIdleTimeoutSeconds,
    int mqttMaxConnectionsPerAddress,
    EvidenceSettings evidence,
    String publicUrl) {

  /** The live map's socket is pinged more often than this, so a quiet map is never taken for an idle connection. */
  public static final int MIN_HTTP_IDLE_TIMEOUT_SECONDS = 15;

  public static CampoConfig fromEnvironment() {
    return from(System.getenv());
  }

  /** Builds the config from variables (the environment in production, a map in tests). */
  public static CampoConfig from(Map<String, String> env) {
    Map<String, String> v = new HashMap<>();
    String file = env.get("CAMPO_CONFIG");
    if (file != null && !file.isBlank()) {
      v.putAll(readFile(Path.of(file)));
    }
    env.forEach((k, val) -> {
      if (k.startsWith("CAMPO_")) {
        v.put(k, val);
      }
    });
    String dbUrl = blankToNull(v.get("CAMPO_DB_URL"));
    return new CampoConfig(
        Path.of(v.getOrDefault("CAMPO_DATA_DIR", ".campo")).toAbsolutePath(),
        dbUrl,
        v.getOrDefault("CAMPO_DB_USER", "campo"),
        v.getOrDefault("CAMPO_DB_PASSWORD", ""),
        v.getOrDefault("CAMPO_BIND", "0.0.0.0"),
        integer(v, "CAMPO_HTTP_PORT", 8080),
        integer(v, "CAMPO_MQTT_PORT", 1883),
        integer(v, "CAMPO_MQTT_WS_PORT", 8083),
        blankToNull(v.get("CAMPO_ADMIN_PASSWORD")),
        integer(v, "CAMPO_TELEMETRY_RETENTION_DAYS", 0),
        oneOf(v, "CAMPO_TIMESCALE", "auto", "auto", "off"),
        integer(v, "CAMPO_WRITER_THREADS", 2),
        writerLinger(v),
        integer(v, "CAMPO_MAX_BODY_BYTES", 10 * 1024 * 1024),
        v.getOrDefault("CAMPO_ROADS", "demo").trim(),
        integer(v, "CAMPO_DEMO_CITY_KM", 8),
        zone(v.getOrDefault("CAMPO_TIME_ZONE", "America/Mexico_City")),
        blankToNull(v.get("CAMPO_SEGMENTATION_RULES")) == null ? null : Path.of(v.get("CAMPO_SEGMENTATION_RULES").trim()),
        new SmtpSettings(
            blankToNull(v.get("CAMPO_SMTP_HOST")),
            integer(v, "CAMPO_SMTP_PORT", 587),
            blankToNull(v.get("CAMPO_SMTP_USER")),
            blankToNull(v.get("CAMPO_SMTP_PASSWORD")),
            v.getOrDefault("CAMPO_SMTP_FROM", "campo@localhost").trim(),
            oneOf(v, "CAMPO_SMTP_STARTTLS", "optional", "disabled", "optional", "required"),
            Boolean.parseBoolean(v.getOrDefault("CAMPO_SMTP_SSL", "false").trim())),
        tiles(v),
        ClusterSettings.read(v, dbUrl != null),
        atLeast(v, "CAMPO_HTTP_IDLE_TIMEOUT_SECONDS", 120, MIN_HTTP_IDLE_TIMEOUT_SECONDS),
        atLeast(v, "CAMPO_MQTT_MAX_CONNECTIONS_PER_ADDRESS", 1000, 0),
        EvidenceSettings.read(v, integer(v, "CAMPO_TELEMETRY_RETENTION_DAYS", 0)),
        publicUrl(v));
  }

  private static int atLeast(Map<String, String> v, String key, int fallback, int min) {
    int value = integer(v, key, fallback);
    if (value < min) {
      throw new ConfigException(key + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static String publicUrl(Map<String, String> v) {
    String url = blankToNull(v.get("CAMPO_PUBLIC_URL"));
    if (url == null) {
      return null;
    }
    url = url.trim();
    if (!url.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw new ConfigException("CAMPO_PUBLIC_URL must be the server's base URL as phones reach it, like https://campo.example.com,"
          + " got '" + url + "'");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static TileSettings tiles(Map<String, String> v) {
    String url = blankToNull(v.get("CAMPO_TILE_URL"));
    if (url == null) {
      return new TileSettings(TileSettings.OSM_URL, v.getOrDefault("CAMPO_TILE_ATTRIBUTION", TileSettings.OSM_ATTRIBUTION).trim());
    }
    if (!(url.startsWith("https://") || url.startsWith("http://")) || !url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
      throw new ConfigException("CAMPO_TILE_URL must be an http(s) URL template with {z}, {x} and {y}, got '" + url + "'");
    }
    // Another provider's tiles are not OpenStreetMap's to credit: its attribution must be given.
    return new TileSettings(url, v.getOrDefault("CAMPO_TILE_ATTRIBUTION", "").trim());
  }

  private static java.time.Duration writerLinger(Map<String, String> v) {
    int ms = integer(v, "CAMPO_WRITER_LINGER_MS", (int) WriterSettings.DEFAULT_LINGER.toMillis());
    if (ms < 0 || ms > 1000) {
      throw new ConfigException("CAMPO_WRITER_LINGER_MS must be between 0 and 1000, got " + ms);
    }
    return java.time.Duration.ofMillis(ms);
  }

  public boolean embeddedDatabase() {
    return dbUrl == null;
  }

  private static Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> m = new HashMap<>();
    p.forEach((k, val) -> m.put(k.toString().trim(), val.toString().trim()));
    return m;
  }

  static int integer(Map<String, String> v, String key, int fallback) {
    String s = v.get(key);
    if (s == null || s.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be an integer, got '" + s + "'");
    }
  }

  private static String oneOf(Map<String, String> v, String key, String fallback, String... allowed) {
    String s = v.getOrDefault(key, fallback).trim();
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw new ConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
  }

  private static java.time.ZoneId zone(String id) {
    try {
      return java.time.ZoneId.of(id.trim());
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("CAMPO_TIME_ZONE must be a time zone such as America/Mexico_City, got '" + id + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
