package io.campo.server.watch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Which agent stands at which door, in the database ({@code door_presence}), so that every node agrees: an arrival
 * counts only if it opens a stay, a departure only if it closes one. A node that did not see the agent arrive (the phone
 * reconnected to it from another node) reports the first fix at the door as an arrival; the stay is already open, so it
 * counts nothing. Touched only on crossings, which are rare (about one fix in 70 on a real day), never per fix.
 *
 * <p>Blocking (JDBC), on the caller's connection and transaction; stateless.
 */
final class DoorStays {

  /**
   * A stay open longer than this is a departure lost (a node stopped before storing it, a phone switched off inside):
   * the next arrival opens a new stay instead of being taken for a repeat. No collection visit lasts half a day.
   */
  static final Duration STALE_STAY = Duration.ofHours(12);

  private DoorStays() {}

  /** Opens the agent's stay at the address; false when one is open already (a repeat from another node). */
  static boolean arrive(Connection c, String agentId, long addressId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO door_presence (agent_id, address_id, arrived_at) VALUES (?, ?, ?)"
        + " ON CONFLICT (agent_id, address_id) DO UPDATE SET arrived_at = EXCLUDED.arrived_at"
        + " WHERE door_presence.arrived_at < EXCLUDED.arrived_at - make_interval(secs => ?) RETURNING 1")) {
      ps.setString(1, agentId);
      ps.setLong(2, addressId);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.setLong(4, STALE_STAY.toSeconds());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Closes the agent's stay at the address; false when none is open that began before {@code at} (another node recorded
   * the departure already, or this node's memory of the agent at the door is older than what happened since).
   */
  static boolean depart(Connection c, String agentId, long addressId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM door_presence WHERE agent_id = ? AND address_id = ? AND arrived_at <= ?")) {
      ps.setString(1, agentId);
      ps.setLong(2, addressId);
      ps.setTimestamp(3, Timestamp.from(at));
      return ps.executeUpdate() > 0;
    }
  }
}
