package io.campo.server.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A visit awaiting its track is not forgotten when the server restarts before the backlog arrives. */
class LateEvidenceRestartTest {

  @Test
  void theBacklogArrivingAfterARestartStillProvesTheVisit() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    EvidencePhones.Agent agent;
    long id;
    long t = Devices.now() - 20 * 60_000;
    try (TestServer first = TestServer.start(env)) {
      EvidencePhones phones = new EvidencePhones(first);
      try (Connection c = DriverManager.getConnection(first.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("INSERT INTO debtor (external_id, name) VALUES ('LE-R', 'Inés Soto')");
        s.execute("INSERT INTO address (debtor_id, lat, lon, radius_m) SELECT id, " + EvidencePhones.LAT + ", "
            + EvidencePhones.LON + ", 75 FROM debtor");
      }
      agent = phones.agent("reinicio-1");
      HttpResponse<String> posted = phones.postVisit(agent, "reinicio-1-a", "LE-R", t, EvidencePhones.east(8),
          t + 240_000);
      assertEquals(201, posted.statusCode(), posted.body());
      JsonObject rejected = new JsonObject(posted.body());
      assertEquals("REJECTED", rejected.getString("status"));
      id = rejected.getLong("id");
    }
    try (TestServer second = TestServer.start(env)) {
      EvidencePhones phones = new EvidencePhones(second);
      phones.publish(agent, EvidencePhones.atTheDoor(t - 60_000, t + 240_000, 30_000));
      JsonObject v = phones.awaitVisit(id, x -> "VALID".equals(x.getString("status")), 15_000);
      assertEquals("VALID", v.getString("status"), v.encodePrettily());
      assertTrue(v.getBoolean("lateEvidence"));
    }
  }
}
