package io.campo.server.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Plans on the demo city ({@link TestServer#startWithDemoCity}) as the tests make them: agents starting at its centre,
 * the debtors' visit history put straight into the table, plans awaited over HTTP.
 */
public final class DemoCityPlanning {

  /** The demo city's centre. */
  public static final double LAT = 19.4326;
  public static final double LON = -99.1332;

  private DemoCityPlanning() {}

  /** An agent on a motorbike, on shift 08:00-17:00, starting at the centre. */
  public static JsonObject motorcycleAgent(String id) {
    return new JsonObject().put("id", id).put("profile", "motorcycle").put("shiftStart", "08:00").put("shiftEnd", "17:00")
        .put("start", new JsonObject().put("lat", LAT).put("lon", LON));
  }

  /**
   * A VALID visit by {@code agentId} to the debtor of external id {@code debtor}, checked in at {@code at}, straight into
   * the table (the rollups' triggers still run): history in the past, without the visit API's rules on time.
   */
  public static void visit(TestServer server, String agentId, String debtor, OffsetDateTime at, String outcome,
      JsonObject details) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id,"
            + " check_in_at, check_in_lat, check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation)"
            + " VALUES (?, gen_random_uuid()::text, 'test', (SELECT id FROM debtor WHERE external_id = ?), ?, 19.43, -99.13, 8, ?,"
            + " ?::jsonb, 'VALID', '{}')")) {
      ps.setString(1, agentId);
      ps.setString(2, debtor);
      ps.setObject(3, at);
      ps.setString(4, outcome);
      ps.setString(5, details.encode());
      ps.executeUpdate();
    }
  }

  /** The plan job once it is no longer running, as {@code token} reads it; fails after two minutes. */
  public static JsonObject awaitPlan(TestServer server, long id, String token) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> r = server.request("GET", "/api/plans/" + id, token, null);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject job = new JsonObject(r.body());
      if (!job.getString("status").equals("running")) {
        return job;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("plan " + id + " did not finish");
  }
}
