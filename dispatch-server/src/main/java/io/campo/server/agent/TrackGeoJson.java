package io.campo.server.agent;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One agent's track as a GeoJSON Feature: a LineString in [lon, lat] order, with per-point
 * times, accuracies and battery levels under {@code properties.coordinateProperties} (the
 * convention map libraries read) so the map can draw and label the trail from one object.
 */
final class TrackGeoJson {

  private TrackGeoJson() {}

  static JsonObject feature(String agentId, Instant from, Instant to, List<Fix> fixes, int limit) {
    JsonArray coordinates = new JsonArray();
    JsonArray times = new JsonArray();
    JsonArray accuracy = new JsonArray();
    JsonArray battery = new JsonArray();
    for (Fix f : fixes) {
      coordinates.add(new JsonArray().add(f.lon()).add(f.lat()));
      times.add(f.deviceTime().toString());
      accuracy.add(f.accuracyMeters());
      battery.add(f.batteryPercent());
    }
    JsonObject properties = new JsonObject()
        .put("agentId", agentId)
        .put("from", from.toString())
        .put("to", to.toString())
        .put("fixes", fixes.size())
        .put("truncated", fixes.size() >= limit)
        .put("coordinateProperties", new JsonObject().put("times", times).put("accuracy", accuracy).put("battery", battery));
    return new JsonObject()
        .put("type", "Feature")
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", coordinates))
        .put("properties", properties);
  }
}
