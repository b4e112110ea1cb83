package io.campo.server.config;

import io.campo.server.auth.LoginLimits;
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
 * @param loginLimits failed {@code POST /api/auth/login} attempts allowed per address and username ({@code CAMPO_LOGIN_FAILURES_*})
 * @param deviceLoginLimits the same for {@code POST /api/auth/device}, per address and agent id ({@code CAMPO_DEVICE_LOGIN_FAILURES_*})
 * @param reportStatementTimeout the longest one report statement may run ({@code CAMPO_REPORT_STATEMENT_TIMEOUT_MS})
 * @param reportConnections the reports' own connection pool ({@code CAMPO_REPORT_CONNECTIONS})
 * @param mqttFailedConnects failed MQTT CONNECTs allowed per remote address and minute
 *     ({@code CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE}, 20; 0 = no limit) and how many addresses are remembered
 *     ({@code CAMPO_MQTT_CONNECT_LIMIT_ADDRESSES}, 100000)
 * @param tls HTTPS, WSS and MQTT over TLS ({@code CAMPO_TLS_CERT}, {@code CAMPO_TLS_KEY}, {@code CAMPO_MQTTS_PORT},
 *     {@code CAMPO_MQTT_PLAIN}); {@link TlsSettings#OFF} by default
 * @param photoMaxBytes largest visit photo the agent app may upload ({@code CAMPO_PHOTO_MAX_BYTES}, 8 MiB by default)
 * @param osmandPort the OsmAnd protocol listener for Traccar Client ({@code CAMPO_OSMAND_PORT}, 5055); 0 picks a
 *     free port, -1 disables it
 * @param publicUrl the base URL phones reach the server at, for enrolment links ({@code CAMPO_PUBLIC_URL}); null: the
 *     scheme and host of the request that asks for the link
 * @param agreementGraceDays days after an unpaid installment's date before it is missed and its payment agreement broken
 *     ({@code CAMPO_AGREEMENT_GRACE_DAYS}, 5); part of the terms of each agreement made while it is set
 * @param checkout the payment page's provider ({@code CAMPO_MERCADOPAGO_*}); off unless configured
 * @param outreach debtor messaging: providers, country and contact rules ({@code CAMPO_WHATSAPP_*}, {@code CAMPO_SMS_*},
 *     {@code CAMPO_COUNTRY}, {@code CAMPO_CONTACT_*})
 * @param logFormat {@code text} (people) or {@code json} (log shippers) ({@code CAMPO_LOG_FORMAT})
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
    LoginLimits loginLimits,
    LoginLimits deviceLoginLimits,
    java.time.Duration reportStatementTimeout,
    int reportConnections,
    io.campo.tracking.mqtt.FailedConnectLimit mqttFailedConnects,
    TlsSettings tls,
    int photoMaxBytes,
    int osmandPort,
    String publicUrl,
    CadenceSettings cadence,
    int agreementGraceDays,
    CheckoutSettings checkout,
    OutreachSettings outreach,
    WatchSettings watch,
    String logFormat) {

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
        loginLimits(v, "CAMPO_LOGIN_", "USER", LoginLimits.OFFICE_DEFAULT),
        loginLimits(v, "CAMPO_DEVICE_LOGIN_", "AGENT", LoginLimits.DEVICE_DEFAULT),
        java.time.Duration.ofMillis(atLeast(v, "CAMPO_REPORT_STATEMENT_TIMEOUT_MS", 30_000, 1)),
        atLeast(v, "CAMPO_REPORT_CONNECTIONS", 4, 1),
        mqttFailedConnects(v),
        TlsSettings.read(v),
        photoMaxBytes(v),
        atLeast(v, "CAMPO_OSMAND_PORT", 5055, -1),
        publicUrl(v),
        CadenceSettings.read(v),
        atLeast(v, "CAMPO_AGREEMENT_GRACE_DAYS", 5, 0),
        CheckoutSettings.read(v),
        OutreachSettings.read(v),
        WatchSettings.read(v),
        oneOf(v, "CAMPO_LOG_FORMAT", "text", "text", "json"));
  }

  /** {@code <prefix>FAILURES_PER_ADDRESS}, {@code <prefix>FAILURES_PER_<account>} and {@code <prefix>FAILURE_WINDOW_SECONDS}. */
  private static LoginLimits loginLimits(Map<String, String> v, String prefix, String account, LoginLimits defaults) {
    return new LoginLimits(
        atLeast(v, prefix + "FAILURES_PER_ADDRESS", defaults.failuresPerAddress(), 1),
        atLeast(v, prefix + "FAILURES_PER_" + account, defaults.failuresPerAccount(), 1),
        java.time.Duration.ofSeconds(atLeast(v, prefix + "FAILURE_WINDOW_SECONDS", (int) defaults.window().toSeconds(), 1)));
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

  private static io.campo.tracking.mqtt.FailedConnectLimit mqttFailedConnects(Map<String, String> v) {
    int perMinute = integer(v, "CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE", 20);
    int addresses = integer(v, "CAMPO_MQTT_CONNECT_LIMIT_ADDRESSES", 100_000);
    if (perMinute < 0 || addresses < 1) {
      throw new ConfigException("CAMPO_MQTT_CONNECT_FAILURES_PER_MINUTE must be >= 0 (0: no limit) and"
          + " CAMPO_MQTT_CONNECT_LIMIT_ADDRESSES >= 1, got " + perMinute + " and " + addresses);
    }
    return new io.campo.tracking.mqtt.FailedConnectLimit(perMinute, addresses);
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

  private static int photoMaxBytes(Map<String, String> v) {
    int bytes = integer(v, "CAMPO_PHOTO_MAX_BYTES", 8 * 1024 * 1024);
    if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
      throw new ConfigException("CAMPO_PHOTO_MAX_BYTES must be between 1024 and 67108864 (64 MiB), got " + bytes);
    }
    return bytes;
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
