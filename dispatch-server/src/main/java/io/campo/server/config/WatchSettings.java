package io.campo.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * How the running day is watched ({@code docs/watch-the-day.md}): how often ETAs and alerts are computed, the alerts'
 * thresholds (0 turns an alert off), and the arrivals and departures at debtors' geofences computed at ingest.
 *
 * @param interval ETAs and alert conditions are computed this often, per agent with a running plan
 *     ({@code CAMPO_WATCH_INTERVAL_SECONDS}, 30): never per fix
 * @param lateGrace a stop is late when its ETA is past its window's end by more than this
 *     ({@code CAMPO_ALERT_LATE_GRACE_MINUTES}, 5)
 * @param offRouteMeters farther than this from the planned route's geometry is off route
 *     ({@code CAMPO_ALERT_OFF_ROUTE_METERS}, 300; 0 off)
 * @param offRouteFor ... for longer than this ({@code CAMPO_ALERT_OFF_ROUTE_MINUTES}, 10)
 * @param idleFor no movement beyond {@code idleMeters} for this long while stops remain is idle
 *     ({@code CAMPO_ALERT_IDLE_MINUTES}, 20; 0 off)
 * @param idleMeters how far an agent may wander and still be idle ({@code CAMPO_ALERT_IDLE_METERS}, 50)
 * @param lowBatteryPercent a phone reporting less than this is low ({@code CAMPO_ALERT_LOW_BATTERY_PERCENT}, 15; 0 off)
 * @param emailSupervisors alerts are also e-mailed to the supervisors of the agent's teams
 *     ({@code CAMPO_ALERT_EMAIL}, off; needs SMTP)
 * @param geofenceEvents arrivals and departures at debtors' geofences are computed at ingest
 *     ({@code CAMPO_GEOFENCE_EVENTS}, on)
 * @param geofenceExitMarginMeters a fix must be this far beyond a geofence's edge to leave it
 *     ({@code CAMPO_GEOFENCE_EXIT_MARGIN_METERS}, 25)
 */
public record WatchSettings(Duration interval, Duration lateGrace, int offRouteMeters, Duration offRouteFor, Duration idleFor,
    int idleMeters, int lowBatteryPercent, boolean emailSupervisors, boolean geofenceEvents, int geofenceExitMarginMeters) {

  public static final WatchSettings DEFAULT = read(Map.of());

  public static WatchSettings read(Map<String, String> v) {
    return new WatchSettings(
        Duration.ofSeconds(between(v, "CAMPO_WATCH_INTERVAL_SECONDS", 30, 1, 3600)),
        Duration.ofMinutes(between(v, "CAMPO_ALERT_LATE_GRACE_MINUTES", 5, 0, 240)),
        between(v, "CAMPO_ALERT_OFF_ROUTE_METERS", 300, 0, 100_000),
        Duration.ofMinutes(between(v, "CAMPO_ALERT_OFF_ROUTE_MINUTES", 10, 1, 24 * 60)),
        Duration.ofMinutes(between(v, "CAMPO_ALERT_IDLE_MINUTES", 20, 0, 24 * 60)),
        between(v, "CAMPO_ALERT_IDLE_METERS", 50, 1, 10_000),
        between(v, "CAMPO_ALERT_LOW_BATTERY_PERCENT", 15, 0, 100),
        onOff(v, "CAMPO_ALERT_EMAIL", false),
        onOff(v, "CAMPO_GEOFENCE_EVENTS", true),
        between(v, "CAMPO_GEOFENCE_EXIT_MARGIN_METERS", 25, 0, 1000));
  }

  private static int between(Map<String, String> v, String key, int fallback, int min, int max) {
    int value = CampoConfig.integer(v, key, fallback);
    if (value < min || value > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static boolean onOff(Map<String, String> v, String key, boolean fallback) {
    String s = v.get(key);
    if (s == null || s.isBlank()) {
      return fallback;
    }
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new ConfigException(key + " must be on or off, got '" + s + "'");
    };
  }
}
