package io.campo.server.agentapp;

import io.vertx.core.json.JsonObject;

/**
 * What the agent app needs to know about this server beyond its own origin: where MQTT over WebSocket listens (a
 * port of its own, not the HTTP one; -1 when disabled) and how large a photo may be.
 *
 * @param mqttWebSocketPort the listener's port, -1 when the server runs without it
 * @param photoMaxBytes {@code CAMPO_PHOTO_MAX_BYTES}
 * @param tileUrl the map's raster tiles, as the office map uses them ({@code CAMPO_TILE_URL})
 * @param tileAttribution the credit those tiles require
 */
public record AgentAppSettings(int mqttWebSocketPort, int photoMaxBytes, String tileUrl, String tileAttribution) {

  /** Vert.x's MQTT server answers WebSocket upgrades only on this path. */
  public static final String MQTT_WEBSOCKET_PATH = "/mqtt";
  /** The default photo cap: a phone camera's JPEG at full resolution is 2-6 MB. */
  public static final int DEFAULT_PHOTO_MAX_BYTES = 8 * 1024 * 1024;

  JsonObject json() {
    return new JsonObject().put("mqttWebSocketPort", mqttWebSocketPort).put("mqttWebSocketPath", MQTT_WEBSOCKET_PATH)
        .put("telemetryBatchMax", 1000).put("photoMaxBytes", photoMaxBytes)
        .put("tiles", new JsonObject().put("url", tileUrl).put("attribution", tileAttribution));
  }
}
