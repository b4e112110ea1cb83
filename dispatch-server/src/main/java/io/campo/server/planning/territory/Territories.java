package io.campo.server.planning.territory;

import io.campo.server.api.ApiException;
import io.campo.server.database.Jsonb;
import io.campo.server.report.ZonePolygon;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Teams' zones and the agents who work them, and debtors reserved for one agent, in PostgreSQL (migration V28). An agent
 * given a zone or a debtor must be of the zone's or debtor's team: a plan of that team may then route it there.
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class Territories {

  private final DataSource dataSource;

  public Territories(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates or replaces a zone. The caller has checked it may plan for {@code team}; a zone of another of the caller's
   * invisible teams answers 404 as if it did not exist.
   *
   * @throws ApiException 404 for an unknown team or agent or a zone of a team the caller does not see, 400 for an agent
   *     of another team
   */
  public JsonObject put(String id, String team, String agentId, String name, ZonePolygon zone, String actor, DebtorScope caller)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("SELECT team_id FROM territory WHERE id = ? FOR UPDATE")) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next() && !caller.admits(rs.getString(1))) {
              throw ApiException.notFound("no territory '" + id + "'");
            }
          }
        }
        requireTeam(c, team);
        if (agentId != null) {
          requireAgentOf(c, agentId, team);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO territory (id, team_id, agent_id, name, polygon, updated_by)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, agent_id = excluded.agent_id,"
            + " name = excluded.name, polygon = excluded.polygon, updated_by = excluded.updated_by, updated_at = now()")) {
          ps.setString(1, id);
          ps.setString(2, team);
          ps.setString(3, agentId);
          ps.setString(4, name);
          ps.setObject(5, Jsonb.of(geoJson(zone)));
          ps.setString(6, actor);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return json(id, team, agentId, name, geoJson(zone));
  }

  /** The zones of the teams the caller sees, by id. */
  public JsonArray list(DebtorScope caller) throws SQLException {
    JsonArray out = new JsonArray();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, team_id, agent_id, name, polygon::text FROM territory"
            + " WHERE ? OR team_id = ANY (?) ORDER BY id")) {
      ps.setBoolean(1, caller.everyDebtor());
      ps.setArray(2, c.createArrayOf("text", caller.teams().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(json(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), new JsonObject(rs.getString(5))));
        }
      }
    }
    return out;
  }

  /** The team's zones that have an agent, ready for point-in-polygon tests. */
  public TerritoryMap mapOf(String team) throws SQLException {
    if (team == null) {
      return TerritoryMap.EMPTY;
    }
    List<TerritoryMap.Zone> zones = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, polygon::text FROM territory"
            + " WHERE team_id = ? AND agent_id IS NOT NULL")) {
      ps.setString(1, team);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          zones.add(new TerritoryMap.Zone(rs.getString(1), rs.getString(2), ZonePolygon.read(new JsonObject(rs.getString(3)))));
        }
      }
    }
    return new TerritoryMap(zones);
  }

  /**
   * Reserves the debtor for the agent (null: for no one). The caller's right to see the debtor was checked by the route
   * and is checked again here under the row's lock.
   *
   * @return the agent the debtor was reserved for before (null: none)
   * @throws ApiException 404 for an unknown debtor or agent, 400 for an agent outside the debtor's team
   */
  public String reserve(String externalId, String agentId, DebtorScope caller) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId;
        String before;
        String team;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, team_id FROM debtor WHERE external_id = ? FOR UPDATE")) {
          ps.setString(1, externalId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !caller.admits(rs.getString(3))) {
              throw ApiException.notFound("no debtor '" + externalId + "'");
            }
            debtorId = rs.getLong(1);
            before = rs.getString(2);
            team = rs.getString(3);
          }
        }
        if (agentId != null) {
          if (team == null) {
            throw ApiException.badRequest("debtor '" + externalId + "' has no team; put it in its agent's team first"
                + " (PUT /api/debtors/" + externalId + "/team)");
          }
          requireAgentOf(c, agentId, team);
        }
        if (!Objects.equals(before, agentId)) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE debtor SET agent_id = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, agentId);
            ps.setLong(2, debtorId);
            ps.executeUpdate();
          }
        }
        c.commit();
        return before;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Which of the agents are not in the team (unknown agents included). */
  public java.util.Set<String> agentsOutside(String team, java.util.Set<String> agentIds) throws SQLException {
    java.util.Set<String> outside = new java.util.HashSet<>(agentIds);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM agent WHERE id = ANY (?) AND team_id = ?")) {
      ps.setArray(1, c.createArrayOf("text", agentIds.toArray()));
      ps.setString(2, team);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          outside.remove(rs.getString(1));
        }
      }
    }
    return outside;
  }

  private static void requireTeam(Connection c, String team) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM team WHERE id = ?")) {
      ps.setString(1, team);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound("no team '" + team + "'; create it first with POST /api/teams");
        }
      }
    }
  }

  private static void requireAgentOf(Connection c, String agentId, String team) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT team_id FROM agent WHERE id = ?")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound("no agent '" + agentId + "'");
        }
        if (!team.equals(rs.getString(1))) {
          throw ApiException.badRequest("agent '" + agentId + "' is not in team '" + team + "'; only an agent of the team"
              + " can work its debtors (PUT /api/agents/" + agentId + "/team)");
        }
      }
    }
  }

  private static JsonObject json(String id, String team, String agentId, String name, JsonObject zone) {
    return new JsonObject().put("id", id).put("team", team).put("agentId", agentId).put("name", name).put("zone", zone);
  }

  /** The zone as a GeoJSON MultiPolygon, whatever form (GeoJSON, WKT) it came in. */
  static JsonObject geoJson(ZonePolygon zone) {
    JsonArray polygons = new JsonArray();
    for (List<List<double[]>> rings : zone.polygons()) {
      JsonArray r = new JsonArray();
      for (List<double[]> ring : rings) {
        JsonArray positions = new JsonArray();
        ring.forEach(p -> positions.add(new JsonArray().add(p[0]).add(p[1])));
        r.add(positions);
      }
      polygons.add(r);
    }
    return new JsonObject().put("type", "MultiPolygon").put("coordinates", polygons);
  }
}
