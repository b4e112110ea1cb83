package io.campo.server.report;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Straight-SQL visits for report tests (the triggers under test see them like any other insert) and readers of the answer. */
public final class ReportTestData {

  private ReportTestData() {}

  public static void sql(TestServer server, String... statements) {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts one visit per outcome, a minute apart from {@code utcStart}. */
  public static void visits(TestServer server, String agent, String debtor, String utcStart, String status, String... outcomes) {
    visitsAt(server, -99.13, 19.43, agent, debtor, utcStart, status, outcomes);
  }

  /** The same, checked in at {@code lon}, {@code lat}. */
  static void visitsAt(TestServer server, double lon, double lat, String agent, String debtor, String utcStart, String status,
      String... outcomes) {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at,"
            + " check_in_lat, check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation)"
            + " VALUES (?, gen_random_uuid()::text, 'test', (SELECT id FROM debtor WHERE external_id = ?),"
            + " ?::timestamptz + make_interval(mins => ?), ?, ?, 8, ?, '{}', ?, '{}')")) {
      for (int i = 0; i < outcomes.length; i++) {
        ps.setString(1, agent);
        ps.setString(2, debtor);
        ps.setString(3, utcStart);
        ps.setInt(4, i);
        ps.setDouble(5, lat);
        ps.setDouble(6, lon);
        ps.setString(7, outcomes[i]);
        ps.setString(8, status);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> rows(TestServer server, String query) {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Every non-empty rollup row, as text. */
  static List<String> rollup(TestServer server) {
    return rows(server, "SELECT local_day || ' ' || weekday || ' ' || hour || ' ' || agent_id || ' ' || coalesce(segment, '-')"
        + " || ' ' || attempts || ' ' || contacts FROM visit_contact_hourly WHERE attempts > 0 ORDER BY 1");
  }

  /** The same, counted from the visit table itself in {@code zone}. */
  static List<String> raw(TestServer server, String zone) {
    return rows(server, "SELECT l::date || ' ' || extract(isodow FROM l) || ' ' || extract(hour FROM l) || ' ' || v.agent_id"
        + " || ' ' || coalesce(d.segment, '-') || ' ' || count(*)"
        + " || ' ' || count(*) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))"
        + " FROM visit v JOIN debtor d ON d.id = v.debtor_id"
        + " CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE '" + zone + "') AS t(l)"
        + " WHERE v.status <> 'REJECTED' GROUP BY l::date, extract(isodow FROM l), extract(hour FROM l), v.agent_id, d.segment ORDER BY 1");
  }

  /** The report's matrix as "weekday hour attempts contacts" for the non-empty cells. */
  static List<String> matrix(JsonObject report) {
    List<String> out = new ArrayList<>();
    JsonArray cells = report.getJsonArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonObject c = cells.getJsonObject(i);
      if (c.getLong("attempts") > 0) {
        out.add(c.getInteger("weekday") + " " + c.getInteger("hour") + " " + c.getLong("attempts") + " " + c.getLong("contacts"));
      }
    }
    return out;
  }

  static JsonObject cell(JsonObject report, int weekday, int hour) {
    JsonObject c = report.getJsonArray("cells").getJsonObject((weekday - 1) * 24 + hour);
    if (c.getInteger("weekday") != weekday || c.getInteger("hour") != hour) {
      throw new AssertionError("cells are not in weekday, hour order: " + c);
    }
    return c;
  }

  static JsonObject report(TestServer server, String token, String query) {
    HttpResponse<String> r = server.request("GET", "/api/reports/contact-hours?" + query, token, null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET contact-hours?" + query + " -> " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }
}
