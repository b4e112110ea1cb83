package io.campo.server.evidence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One evidence item as the API shows it, the same to the agent that uploads it and to the office that reads it. */
public final class EvidenceJson {

  private EvidenceJson() {}

  public static JsonObject item(long id, long visitId, String kind, String contentType, int bytes, Instant takenAt,
      Double lat, Double lon, Integer width, Integer height) {
    return new JsonObject().put("id", id).put("visitId", visitId).put("kind", kind).put("contentType", contentType)
        .put("bytes", bytes).put("takenAt", takenAt == null ? null : takenAt.toString()).put("lat", lat).put("lon", lon)
        .put("width", width).put("height", height);
  }
}
