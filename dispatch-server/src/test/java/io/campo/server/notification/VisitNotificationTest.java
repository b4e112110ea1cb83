package io.campo.server.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.campo.server.Devices;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervisor's e-mail about a visit, received by a real SMTP server, also after an SMTP outage. */
class VisitNotificationTest {

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A server e-mailing through {@code smtpPort}, a debtor at an address, and an agent with a supervisor and its phone's JWT. */
  record Setup(TestServer server, String deviceJwt) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }

  static Setup serverWithSmtp(int smtpPort) throws Exception {
    Map<String, String> env = new HashMap<>(TestServer.env(TestServer.freshDatabaseUrl()));
    env.put("CAMPO_SMTP_HOST", "127.0.0.1");
    env.put("CAMPO_SMTP_PORT", Integer.toString(smtpPort));
    env.put("CAMPO_SMTP_STARTTLS", "disabled");
    env.put("CAMPO_SMTP_FROM", "campo@agencia.example");
    env.put("CAMPO_TIME_ZONE", "America/Mexico_City");
    TestServer server = TestServer.start(env);
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name) VALUES ('CR-9', 'Lucía Fernández')");
      s.execute("INSERT INTO address (debtor_id, lat, lon) SELECT id, 19.4326, -99.1332 FROM debtor WHERE external_id = 'CR-9'");
    }
    HttpResponse<String> created = server.request("POST", "/api/agents", server.adminToken(),
        new JsonObject().put("id", "cob-9").put("name", "Pedro Gómez").put("supervisorEmail", "supervisora@agencia.example").encode());
    assertEquals(201, created.statusCode(), created.body());
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null, new JsonObject().put("agentId", "cob-9")
        .put("deviceToken", new JsonObject(created.body()).getString("deviceToken")).encode());
    return new Setup(server, new JsonObject(login.body()).getString("token"));
  }

  static JsonObject promise() {
    return new JsonObject().put("debtor", "CR-9")
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(Devices.now() - 60_000).toString())
            .put("lat", 19.4326).put("lon", -99.1332).put("accuracy", 5))
        .put("outcome", new JsonObject().put("type", "PROMISE").put("date", "2030-02-01").put("amount", "900.00").put("currency", "MXN"));
  }

  static HttpResponse<String> post(Setup setup, String key, JsonObject body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(setup.server().baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + setup.deviceJwt()).header("Idempotency-Key", key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSupervisorReceivesTheVisitInSpanish() throws Exception {
    int port = freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (Setup setup = serverWithSmtp(port)) {
      JsonObject visit = promise();
      HttpResponse<String> r = post(setup, "mail-1", visit);
      assertEquals(201, r.statusCode(), r.body());
      assertTrue(smtp.waitForIncomingEmail(15_000, 1), "no e-mail arrived");
      MimeMessage m = smtp.getReceivedMessages()[0];
      assertEquals("supervisora@agencia.example", m.getAllRecipients()[0].toString());
      assertEquals("campo@agencia.example", m.getFrom()[0].toString());
      String subject = m.getSubject();
      assertTrue(subject.contains("Pedro Gómez") && subject.contains("Lucía Fernández") && subject.contains("PROMISE"), subject);
      String body = GreenMailUtil.getBody(m);
      assertTrue(body.contains("900.00 MXN") && body.contains("2030-02-01"), body);
      // The arrival in the agency's zone, as the supervisor's day reads it, never the stored UTC.
      String localArrival = java.time.Instant.parse(visit.getJsonObject("checkIn").getString("at"))
          .atZone(java.time.ZoneId.of("America/Mexico_City")).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
      assertTrue(body.contains(", " + localArrival + " (America/Mexico_City)"), body);
      assertTrue(!body.contains("UTC"), body);
      // The retry of the same visit is not a new visit: no second e-mail.
      assertEquals(200, post(setup, "mail-1", visit).statusCode());
      Thread.sleep(3000);
      assertEquals(1, smtp.getReceivedMessages().length);
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aNoticeQueuedWhileTheSmtpServerIsDownIsSentWhenItComesBack() throws Exception {
    int port = freePort();
    try (Setup setup = serverWithSmtp(port)) {
      TestServer server = setup.server();
      assertEquals(201, post(setup, "mail-2", promise()).statusCode());
      long deadline = System.currentTimeMillis() + 15_000;
      while (server.count("SELECT count(*) FROM notification WHERE attempts > 0 AND last_error IS NOT NULL") == 0
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(1, server.count("SELECT count(*) FROM notification WHERE sent_at IS NULL AND attempts > 0"),
          "the failed attempt is recorded and the notice kept");
      GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      try {
        assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the queued notice was never sent");
        deadline = System.currentTimeMillis() + 5_000;
        while (server.count("SELECT count(*) FROM notification WHERE sent_at IS NOT NULL") == 0 && System.currentTimeMillis() < deadline) {
          Thread.sleep(100);
        }
        assertEquals(1, server.count("SELECT count(*) FROM notification WHERE sent_at IS NOT NULL"));
      } finally {
        smtp.stop();
      }
    }
  }
}
