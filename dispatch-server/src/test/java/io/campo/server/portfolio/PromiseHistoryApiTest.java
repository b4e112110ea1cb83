package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Kept and broken promises, derived from recorded visits, move a debtor's visit value. */
class PromiseHistoryApiTest {

  static String visit(String debtor, String key, String at, String outcome, String details, String status) {
    return "INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at, check_in_lat, check_in_lon,"
        + " check_in_accuracy, outcome, outcome_details, status, validation) SELECT 'a1', '" + key + "', 'h', id, '" + at
        + "', 19.4, -99.1, 5, '" + outcome + "', '" + details + "', '" + status + "', '{}' FROM debtor WHERE external_id = '" + debtor + "'";
  }

  @Test
  void aKeptAndABrokenPromiseAreCountedAndPricedIn() throws Exception {
    try (TestServer server = TestServer.start()) {
      try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
        for (String id : new String[] {"PH-1", "PH-2"}) {
          s.execute("INSERT INTO debtor (external_id, name) VALUES ('" + id + "', 'Deudor " + id + "')");
          s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
              + " SELECT id, 'K1', 'consumo', 'MXN', 10000, 10000, DATE '2026-09-01' FROM debtor WHERE external_id = '" + id + "'");
        }
        // Kept: promised on 1 Oct for 5 Oct, paid on 4 Oct.
        s.execute(visit("PH-1", "k1", "2026-10-01T16:00:00Z", "PROMISE", "{\"date\": \"2026-10-05\", \"amount\": \"500\"}", "VALID"));
        s.execute(visit("PH-1", "k2", "2026-10-04T16:00:00Z", "PAID", "{\"amount\": \"500\"}", "VALID"));
        // Broken: promised for 12 Oct, never paid.
        s.execute(visit("PH-1", "k3", "2026-10-10T16:00:00Z", "PROMISE", "{\"date\": \"2026-10-12\", \"amount\": \"500\"}", "VALID"));
        // Neither: a rejected promise, and one not yet due.
        s.execute(visit("PH-1", "k4", "2026-10-20T16:00:00Z", "PROMISE", "{\"date\": \"2026-10-21\"}", "REJECTED"));
        s.execute(visit("PH-1", "k5", "2026-10-20T17:00:00Z", "PROMISE", "{\"date\": \"2099-01-01\"}", "VALID"));
      }
      JsonObject withPromises = new JsonObject(server.request("GET", "/api/debtors/PH-1", server.adminToken(), null).body());
      JsonObject without = new JsonObject(server.request("GET", "/api/debtors/PH-2", server.adminToken(), null).body());
      // The one not yet due is open: the card lists it (V35), by the same reading as the agent app's.
      assertEquals(new JsonObject().put("kept", 1).put("broken", 1).put("open", new io.vertx.core.json.JsonArray().add(new JsonObject()
          .put("amount", null).put("currency", null).put("dueDate", "2099-01-01").put("source", "visit")
          .put("madeAt", "2026-10-20T17:00:00.000Z"))), withPromises.getJsonObject("promises"));
      assertEquals(new JsonObject().put("kept", 0).put("broken", 0).put("open", new io.vertx.core.json.JsonArray()),
          without.getJsonObject("promises"));
      long value = withPromises.getJsonObject("segmentation").getLong("visitValue");
      long baseline = without.getJsonObject("segmentation").getLong("visitValue");
      // Default rules: +0.10 per kept promise, -0.15 per broken one.
      assertEquals(Math.round(baseline * 0.95), value);
    }
  }
}
