package io.campo.server.pin;

import io.campo.server.api.ApiException;
import io.campo.server.api.IdempotentReplay;
import io.campo.server.database.Jsonb;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Address-pin corrections: proposed by an agent for a debtor of its recent plans, decided by a dispatcher or admin of
 * the debtor's team. The address's coordinates (its geofence, which visits are judged against) move only on approval,
 * in the transaction that records it; every proposal and decision goes to the client log in its own transaction.
 *
 * <p>Blocking (JDBC): call off the event loop. Thread-safe.
 */
public final class PinCorrections {

  /** How far back an agent's plans make it someone who may correct their debtors' pins. */
  static final int PLANNED_WITHIN_DAYS = 7;
  static final int MAX_LISTED = 500;

  /** The correction as stored, and whether this call created it (false: an idempotent retry). */
  public record Proposed(boolean created, JsonObject correction) {}

  private static final String SELECT = "SELECT c.id, c.status, d.external_id, d.name, c.address_id, c.agent_id, c.lat, c.lon,"
      + " c.accuracy_m, c.note, c.pin_lat, c.pin_lon, c.proposed_at, c.decided_by, c.decided_at, c.reason, d.team_id"
      + " FROM address_correction c JOIN debtor d ON d.id = c.debtor_id";

  private final DataSource dataSource;
  private final Clock clock;
  private final ZoneId agencyZone;

  /** @param agencyZone "today" for the agent's plans is the agency's day */
  public PinCorrections(DataSource dataSource, Clock clock, ZoneId agencyZone) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.agencyZone = agencyZone;
  }

  /**
   * Records an agent's proposal, once per (agent, Idempotency-Key).
   *
   * @param idempotencyKey null when the phone sent none (then every call is a new proposal)
   * @throws ApiException 404 when the debtor is on none of the agent's plans of today and the last {@value
   *     #PLANNED_WITHIN_DAYS} days, or the address is not that debtor's; 409 when the key was used for another proposal
   */
  Proposed propose(String agentId, String idempotencyKey, String requestHash, PinProposal p) throws SQLException {
    Optional<Proposed> replay = replay(agentId, idempotencyKey, requestHash);
    if (replay.isPresent()) {
      return replay.get();
    }
    LocalDate today = LocalDate.now(clock.withZone(agencyZone));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // The same answer whether the debtor does not exist or is not the agent's: ids do not leak.
        if (!PlannedDebtors.planned(c, agentId, p.debtor(), today.minusDays(PLANNED_WITHIN_DAYS), today)) {
          throw ApiException.notFound("no debtor '" + p.debtor() + "' on your plans of today or the last " + PLANNED_WITHIN_DAYS + " days");
        }
        long debtorId;
        double pinLat;
        double pinLon;
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, a.lat, a.lon FROM address a JOIN debtor d ON d.id = a.debtor_id"
            + " WHERE d.external_id = ? AND a.id = ? AND a.active")) {
          ps.setString(1, p.debtor());
          ps.setLong(2, p.addressId());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw ApiException.notFound("debtor '" + p.debtor() + "' has no active address " + p.addressId());
            }
            debtorId = rs.getLong(1);
            pinLat = rs.getDouble(2);
            pinLon = rs.getDouble(3);
          }
        }
        Long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO address_correction (debtor_id, address_id, agent_id,"
            + " idempotency_key, request_hash, lat, lon, accuracy_m, note, pin_lat, pin_lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (agent_id, idempotency_key) DO NOTHING RETURNING id")) {
          ps.setLong(1, debtorId);
          ps.setLong(2, p.addressId());
          ps.setString(3, agentId);
          ps.setString(4, idempotencyKey);
          ps.setString(5, requestHash);
          ps.setDouble(6, p.lat());
          ps.setDouble(7, p.lon());
          ps.setDouble(8, p.accuracyMeters());
          ps.setString(9, p.note());
          ps.setDouble(10, pinLat);
          ps.setDouble(11, pinLon);
          try (ResultSet rs = ps.executeQuery()) {
            id = rs.next() ? rs.getLong(1) : null;
          }
        }
        if (id == null) {
          // The same retry raced this one and won: answer with what it stored.
          c.rollback();
          return replay(agentId, idempotencyKey, requestHash).orElseThrow();
        }
        long meters = Math.round(distanceMeters(pinLat, pinLon, p.lat(), p.lon()));
        ClientLog.append(c, debtorId, agentId, ClientLog.Kind.PIN_PROPOSED, "address " + p.addressId() + ": " + agentId
            + " proposes moving the pin " + meters + " m (accuracy " + Math.round(p.accuracyMeters()) + " m)"
            + (p.note() == null ? "" : ": " + p.note()),
            new JsonObject().put("correctionId", id).put("addressId", p.addressId()).put("lat", p.lat()).put("lon", p.lon())
                .put("accuracyMeters", p.accuracyMeters()).put("from", new JsonObject().put("lat", pinLat).put("lon", pinLon)));
        c.commit();
        return new Proposed(true, find(id).orElseThrow());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The corrections of one status that the scope admits, newest first, at most {@value #MAX_LISTED}. */
  JsonArray list(String status, DebtorScope scope) throws SQLException {
    JsonArray out = new JsonArray();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE c.status = ? AND (? OR d.team_id = ANY (?)) ORDER BY c.id DESC LIMIT ?")) {
      ps.setString(1, status);
      ps.setBoolean(2, scope.everyDebtor());
      ps.setArray(3, c.createArrayOf("text", scope.teams().toArray(String[]::new)));
      ps.setInt(4, MAX_LISTED);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(json(rs));
        }
      }
    }
    return out;
  }

  /**
   * Approves a pending correction: the address's pin moves to the proposed position in the same transaction. A drawn
   * polygon geofence is dropped (the circle around the new pin applies), since it was drawn around the wrong place;
   * the log keeps it.
   *
   * @throws ApiException 404 when there is no such correction in the scope, 409 when it was already decided
   */
  JsonObject approve(long id, String user, DebtorScope scope) throws SQLException {
    return decide(id, user, scope, null);
  }

  /** Rejects a pending correction with the reason; the pin stays. Same errors as {@link #approve}. */
  JsonObject reject(long id, String user, String reason, DebtorScope scope) throws SQLException {
    return decide(id, user, scope, reason);
  }

  /** @param rejection null approves */
  private JsonObject decide(long id, String user, DebtorScope scope, String rejection) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId;
        long addressId;
        double lat;
        double lon;
        // Locked: two dispatchers deciding at once are told apart, the second gets 409.
        try (PreparedStatement ps = c.prepareStatement("SELECT c.status, c.debtor_id, c.address_id, c.lat, c.lon, d.team_id,"
            + " c.decided_by FROM address_correction c JOIN debtor d ON d.id = c.debtor_id WHERE c.id = ? FOR UPDATE OF c")) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !scope.admits(rs.getString(6))) {
              throw ApiException.notFound("no address correction " + id);
            }
            if (!rs.getString(1).equals("pending")) {
              throw new ApiException(409, "address correction " + id + " was already " + rs.getString(1) + " by " + rs.getString(7));
            }
            debtorId = rs.getLong(2);
            addressId = rs.getLong(3);
            lat = rs.getDouble(4);
            lon = rs.getDouble(5);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE address_correction SET status = ?, decided_by = ?, decided_at = now(),"
            + " reason = ? WHERE id = ?")) {
          ps.setString(1, rejection == null ? "approved" : "rejected");
          ps.setString(2, user);
          ps.setString(3, rejection);
          ps.setLong(4, id);
          ps.executeUpdate();
        }
        if (rejection == null) {
          moveThePin(c, id, user, debtorId, addressId, lat, lon);
        } else {
          ClientLog.append(c, debtorId, user, ClientLog.Kind.PIN_REJECTED, "address " + addressId + ": pin correction " + id
              + " rejected by " + user + ": " + rejection, new JsonObject().put("correctionId", id).put("addressId", addressId));
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return find(id).orElseThrow();
  }

  private static void moveThePin(Connection c, long id, String user, long debtorId, long addressId, double lat, double lon)
      throws SQLException {
    double fromLat;
    double fromLon;
    String polygon;
    try (PreparedStatement ps = c.prepareStatement("SELECT lat, lon, polygon::text FROM address WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, addressId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        fromLat = rs.getDouble(1);
        fromLon = rs.getDouble(2);
        polygon = rs.getString(3);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE address SET lat = ?, lon = ?, polygon = NULL WHERE id = ?")) {
      ps.setDouble(1, lat);
      ps.setDouble(2, lon);
      ps.setLong(3, addressId);
      ps.executeUpdate();
    }
    JsonObject details = new JsonObject().put("correctionId", id).put("addressId", addressId)
        .put("from", new JsonObject().put("lat", fromLat).put("lon", fromLon)).put("to", new JsonObject().put("lat", lat).put("lon", lon));
    if (polygon != null) {
      details.put("droppedPolygon", new JsonObject(polygon));
    }
    ClientLog.append(c, debtorId, user, ClientLog.Kind.PIN_APPROVED, "address " + addressId + ": pin correction " + id
        + " approved by " + user + "; the pin moved " + Math.round(distanceMeters(fromLat, fromLon, lat, lon)) + " m"
        + (polygon == null ? "" : " and its drawn polygon was replaced by the circle around the new pin"), details);
  }

  private Optional<Proposed> replay(String agentId, String key, String hash) throws SQLException {
    Optional<Long> stored = IdempotentReplay.storedId(dataSource, "address_correction", "correction", agentId, key, hash);
    return stored.isEmpty() ? Optional.empty() : Optional.of(new Proposed(false, find(stored.get()).orElseThrow()));
  }

  Optional<JsonObject> find(long id) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + " WHERE c.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(json(rs)) : Optional.empty();
      }
    }
  }

  private static JsonObject json(ResultSet rs) throws SQLException {
    double lat = rs.getDouble(7);
    double lon = rs.getDouble(8);
    double pinLat = rs.getDouble(11);
    double pinLon = rs.getDouble(12);
    return new JsonObject().put("id", rs.getLong(1)).put("status", rs.getString(2)).put("debtor", rs.getString(3))
        .put("debtorName", rs.getString(4)).put("team", rs.getString(17)).put("addressId", rs.getLong(5))
        .put("agentId", rs.getString(6)).put("lat", lat).put("lon", lon).put("accuracyMeters", rs.getDouble(9))
        .put("note", rs.getString(10))
        .put("pinWhenProposed", new JsonObject().put("lat", pinLat).put("lon", pinLon))
        .put("distanceMeters", Math.round(distanceMeters(pinLat, pinLon, lat, lon)))
        .put("proposedAt", instant(rs.getTimestamp(13))).put("decidedBy", rs.getString(14))
        .put("decidedAt", instant(rs.getTimestamp(15))).put("reason", rs.getString(16));
  }

  private static String instant(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }

  /** Flat-earth metres: over the few hundred metres a pin moves the error is centimetres, and it is for people to read. */
  static double distanceMeters(double fromLat, double fromLon, double lat, double lon) {
    double dy = (lat - fromLat) * 110_574.0;
    double dx = (lon - fromLon) * 111_320.0 * Math.cos(Math.toRadians((lat + fromLat) / 2));
    return Math.sqrt(dx * dx + dy * dy);
  }
}
