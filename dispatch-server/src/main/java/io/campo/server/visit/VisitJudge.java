package io.campo.server.visit;

import io.campo.tracking.geofence.Geofence;
import io.campo.tracking.storage.TelemetryStore;
import io.campo.tracking.telemetry.Fix;
import io.campo.tracking.visit.CheckIn;
import io.campo.tracking.visit.ValidationFailure;
import io.campo.tracking.visit.VisitValidation;
import io.campo.tracking.visit.VisitValidator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one check-in against the debtor's active addresses and the agent's stored track, the same
 * way when the visit arrives and when its late track does; the verdict itself is {@link
 * VisitValidator}'s. Blocking (JDBC). Thread-safe.
 */
final class VisitJudge {

  /**
   * @param validation the stored form of the verdict (reasons, distances, lateness)
   * @param awaitsTrack rejected only for want of track: a backlog arriving later may still prove it
   */
  record Verdict(boolean valid, JsonObject validation, boolean awaitsTrack) {}

  static final int MAX_TRACK_FIXES = 20_000;

  private final TelemetryStore telemetry;
  private final VisitValidator validator;

  VisitJudge(TelemetryStore telemetry, VisitValidator validator) {
    this.telemetry = telemetry;
    this.validator = validator;
  }

  VisitValidator validator() {
    return validator;
  }

  Verdict judge(String agentId, CheckIn checkIn, List<Geofence> geofences) throws SQLException {
    return judge(agentId, checkIn, geofences, validator);
  }

  /** As {@link #judge(String, CheckIn, List)}, by the rules of {@code rulesValidator} (the visit's rule set). */
  Verdict judge(String agentId, CheckIn checkIn, List<Geofence> geofences, VisitValidator rulesValidator) throws SQLException {
    VisitValidator validator = rulesValidator;
    if (geofences.isEmpty()) {
      return new Verdict(false, new JsonObject().put("valid", false).put("failures", new JsonArray().add(new JsonObject()
          .put("reason", "no_address").put("message", "the debtor has no active address with coordinates to check the visit against"))),
          false);
    }
    long[] window = validator.trackWindow(checkIn);
    List<Fix> track = telemetry.track(agentId, Instant.ofEpochMilli(window[0]), Instant.ofEpochMilli(window[1]), MAX_TRACK_FIXES);
    // A debtor with a home and a business address is visited at whichever the agent was nearest.
    Geofence nearest = geofences.get(0);
    for (Geofence g : geofences) {
      if (g.distanceMeters(checkIn.lat(), checkIn.lon()) < nearest.distanceMeters(checkIn.lat(), checkIn.lon())) {
        nearest = g;
      }
    }
    VisitValidation v = validator.validate(checkIn, nearest, track);
    return new Verdict(v.valid(), validationJson(v).put("addressId", nearest.id()), v.awaitsTrack());
  }

  /** The debtor's active addresses with coordinates, as geofences. */
  static List<Geofence> activeAddresses(Connection c, long debtorId) throws SQLException {
    return activeAddresses(c, debtorId, null);
  }

  /** @param circleRadiusMeters the visit rules' radius for every circle geofence; null: each address's own */
  static List<Geofence> activeAddresses(Connection c, long debtorId, Double circleRadiusMeters) throws SQLException {
    List<Geofence> geofences = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, lat, lon, radius_m, polygon::text FROM address WHERE debtor_id = ? AND active ORDER BY id")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double radius = circleRadiusMeters != null ? circleRadiusMeters : rs.getDouble(4);
          geofences.add(AddressGeofences.of(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), radius, rs.getString(5)));
        }
      }
    }
    return geofences;
  }

  static JsonObject validationJson(VisitValidation v) {
    JsonArray failures = new JsonArray();
    for (ValidationFailure f : v.failures()) {
      failures.add(new JsonObject().put("reason", f.reason().code()).put("message", f.message()).put("measured", f.measured()));
    }
    return new JsonObject().put("valid", v.valid()).put("failures", failures)
        .put("checkInDistanceMeters", Math.round(v.checkInDistanceMeters() * 10) / 10.0)
        .put("nearestTrackDistanceMeters", Double.isNaN(v.nearestTrackDistanceMeters()) ? null
            : Math.round(v.nearestTrackDistanceMeters() * 10) / 10.0)
        .put("dwellSeconds", v.dwellSeconds())
        .put("fixesConsidered", v.fixesConsidered())
        .put("lateFixes", v.lateFixes())
        .put("contradictedFixes", v.contradictedFixes())
        .put("evidenceDelaySeconds", v.evidenceDelaySeconds())
        .put("lateEvidence", v.lateEvidence());
  }
}
