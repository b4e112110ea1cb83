package io.campo.server.report;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Straight-SQL visits, debts and fixes for the KPI tests, and readers of the answer. */
final class KpiTestData {

  private KpiTestData() {}

  /**
   * One visit checked in at {@code utcCheckIn}, checked out {@code minutes} later (null: never).
   *
   * @param details the outcome details, e.g. {"amount": "300.00"} or {"date": "2026-03-10"}
   */
  static void visit(TestServer server, String agent, String debtor, String utcCheckIn, Integer minutes, String status, String outcome,
      String details) {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at,"
            + " check_out_at, check_in_lat, check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation)"
            + " VALUES (?, gen_random_uuid()::text, 'test', (SELECT id FROM debtor WHERE external_id = ?), ?::timestamptz,"
            + " ?::timestamptz + make_interval(mins => ?), 19.43, -99.13, 8, ?, ?::jsonb, ?, '{}')")) {
      ps.setString(1, agent);
      ps.setString(2, debtor);
      ps.setString(3, utcCheckIn);
      ps.setString(4, minutes == null ? null : utcCheckIn);
      ps.setInt(5, minutes == null ? 0 : minutes);
      ps.setString(6, outcome);
      ps.setString(7, details);
      ps.setString(8, status);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void debt(TestServer server, String debtor, String externalId, String balance, String dueDate) {
    ReportTestData.sql(server, "INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
        + " VALUES ((SELECT id FROM debtor WHERE external_id = '" + debtor + "'), '" + externalId + "', 'loan', 'MXN', "
        + balance + ", " + balance + ", '" + dueDate + "')");
  }

  /** A fix of {@code agent} at {@code utc}, received now. */
  static void fix(TestServer server, String agent, String utc, double lat, double lon) {
    ReportTestData.sql(server, "INSERT INTO telemetry (agent_id, device_time, received_at, lat, lon) VALUES ('" + agent + "', '"
        + utc + "', now(), " + lat + ", " + lon + ")");
  }

  static DataSource dataSource(TestServer server) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(server.dbUrl);
    return ds;
  }

  static JsonObject kpis(TestServer server, String token, String query) {
    HttpResponse<String> r = server.request("GET", "/api/reports/kpis?" + query, token, null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET kpis?" + query + " -> " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** The value of one indicator (null when undefined). */
  static Double value(JsonObject report, String kpi) {
    return report.getJsonObject("kpis").getJsonObject(kpi).getDouble("value");
  }

  static Double previous(JsonObject report, String kpi) {
    return report.getJsonObject("kpis").getJsonObject(kpi).getDouble("previous");
  }
}
