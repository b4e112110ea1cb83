package io.campo.server.watch;

import io.campo.tracking.geofence.GeofencePresence;
import io.campo.tracking.geofence.GeofencePresence.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which agent stands at which door, in the database ({@code door_presence}), so that every node agrees: an arrival
 * counts only if it opens a stay, a departure only if it closes one. A node that did not see the agent arrive (the phone
 * reconnected to it from another node) reports the first fix at the door as an arrival; the stay is already open, so it
 * counts nothing. Touched only on crossings, which are rare (about one fix in 70 on a real day), never per fix; a batch
 * of them is one statement (at a full ingest rate the round trips of one statement per stay were most of the cost).
 *
 * <p>Blocking (JDBC), on the caller's connection; one statement, so one transaction; stateless.
 */
final class DoorStays {

  /**
   * A stay open longer than this is a departure lost (a node stopped before storing it, a phone switched off inside):
   * the next arrival opens a new stay instead of being taken for a repeat. No collection visit lasts half a day.
   */
  static final Duration STALE_STAY = Duration.ofHours(12);

  private DoorStays() {}

  /**
   * Records the crossings that begin or end a stay, in order, in one call (V40's {@code door_crossings_record}): an
   * arrival opens the agent's stay at the address unless one is open already (a repeat from another node); a departure
   * closes a stay that began before it, else it is another node's or older than what happened since.
   *
   * @param debtorIds each crossing's debtor, null where the door is no longer known
   * @return the positions (0-based) of the crossings recorded, in order
   */
  static List<Integer> record(Connection c, List<Transition> crossings, List<Long> debtorIds) throws SQLException {
    int n = crossings.size();
    String[] agents = new String[n];
    Long[] addresses = new Long[n];
    Boolean[] arrivals = new Boolean[n];
    Timestamp[] at = new Timestamp[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    for (int i = 0; i < n; i++) {
      Transition t = crossings.get(i);
      agents[i] = t.agentId();
      addresses[i] = t.geofenceId();
      arrivals[i] = t.kind() == GeofencePresence.Kind.ARRIVAL;
      at[i] = Timestamp.from(Instant.ofEpochMilli(t.deviceTimeMillis()));
      lat[i] = t.lat();
      lon[i] = t.lon();
    }
    List<Integer> recorded = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT door_crossings_record(?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setArray(1, c.createArrayOf("text", agents));
      ps.setArray(2, c.createArrayOf("bigint", addresses));
      ps.setArray(3, c.createArrayOf("bigint", debtorIds.toArray(new Long[0])));
      ps.setArray(4, c.createArrayOf("boolean", arrivals));
      ps.setArray(5, c.createArrayOf("timestamptz", at));
      ps.setArray(6, c.createArrayOf("float8", lat));
      ps.setArray(7, c.createArrayOf("float8", lon));
      ps.setLong(8, STALE_STAY.toSeconds());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          recorded.add(rs.getInt(1) - 1);
        }
      }
    }
    return recorded;
  }
}
