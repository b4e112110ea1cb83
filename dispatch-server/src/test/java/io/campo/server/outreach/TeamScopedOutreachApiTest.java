package io.campo.server.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outreach seen by team on the real server, with two teams: a dispatcher or manager of one team never sees the other
 * team's campaigns (404 like an unknown one, absent from the list), nor its opt-outs.
 */
class TeamScopedOutreachApiTest {

  static GreenMail smtp;
  static TestServer server;
  static String admin;
  static String norte;
  static String surManager;
  static String sur;

  @BeforeAll
  static void start() throws Exception {
    int smtpPort;
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_SMTP_HOST", "127.0.0.1");
    env.put("CAMPO_SMTP_PORT", Integer.toString(smtpPort));
    env.put("CAMPO_SMTP_STARTTLS", "disabled");
    env.put("CAMPO_SMTP_FROM", "cobranza@agencia.example");
    server = TestServer.start(env);
    admin = server.adminToken();
    norte = server.officeUserInTeam("desp-norte", "dispatcher", "norte");
    surManager = server.officeUserInTeam("ger-sur", "manager", "sur");
    sur = server.officeUserInTeam("desp-sur", "dispatcher", "sur");
    String csv = String.join("\n", "id,name,lat,lon,team,email,acepta_mensajes,product,contract,currency,principal,balance,due_date",
        "N-1,Nora Norte,19.40,-99.10,norte,nora@example.com,si,Micro,L-N1,MXN,1000,500.00,2026-01-10",
        "S-1,Saúl Sur,19.41,-99.11,sur,saul@example.com,si,Micro,L-S1,MXN,1000,300.00,2026-01-10",
        "X-1,Xóchitl Sin Equipo,19.42,-99.12,,xochitl@example.com,si,Micro,L-X1,MXN,1000,300.00,2026-01-10");
    HttpResponse<String> r = send("POST", "/api/debtors/import", csv, "text/csv", admin);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(201, server.request("POST", "/api/message-templates", admin, new JsonObject().put("name", "Aviso").put("channel", "email")
        .put("language", "es_MX").put("body", "Hola {nombre}").encode()).statusCode());
  }

  @AfterAll
  static void stop() {
    server.close();
    smtp.stop();
  }

  /** A campaign scheduled far ahead (nothing is sent during the test); its id. */
  static long campaign(String token, String name, JsonArray debtors) {
    HttpResponse<String> r = server.request("POST", "/api/campaigns", token, new JsonObject().put("name", name).put("channel", "email")
        .put("template", "Aviso").put("debtors", debtors).put("sendAt", "2099-01-01T09:00:00-06:00").encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getLong("id");
  }

  static JsonArray names(String token) {
    HttpResponse<String> r = server.request("GET", "/api/campaigns", token, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonArray names = new JsonArray();
    new JsonObject(r.body()).getJsonArray("campaigns").forEach(c -> names.add(((JsonObject) c).getString("name")));
    return names;
  }

  @Test
  void aCampaignIsSeenByItsAudiencesTeamsOnlyAndAnotherTeamGets404() {
    long north = campaign(norte, "norte-1", new JsonArray().add("N-1"));
    long south = campaign(sur, "sur-1", new JsonArray().add("S-1"));
    long mixed = campaign(admin, "mixta", new JsonArray().add("N-1").add("S-1"));
    long teamless = campaign(admin, "sin-equipo", new JsonArray().add("X-1"));

    assertEquals(200, server.request("GET", "/api/campaigns/" + north, norte, null).statusCode());
    assertEquals(404, server.request("GET", "/api/campaigns/" + north, sur, null).statusCode(), "another team's campaign");
    assertEquals(404, server.request("GET", "/api/campaigns/" + north, surManager, null).statusCode(), "managers too");
    assertEquals(200, server.request("GET", "/api/campaigns/" + south, surManager, null).statusCode());
    assertEquals(404, server.request("GET", "/api/campaigns/" + mixed, norte, null).statusCode(), "half of it is the other team's");
    assertEquals(404, server.request("GET", "/api/campaigns/" + teamless, norte, null).statusCode(), "debtors of no team: admins only");
    HttpResponse<String> unknown = server.request("GET", "/api/campaigns/" + (teamless + 1000), norte, null);
    assertEquals(404, unknown.statusCode());
    assertEquals(new JsonObject(unknown.body()).getString("error").replace(Long.toString(teamless + 1000), Long.toString(north)),
        new JsonObject(server.request("GET", "/api/campaigns/" + north, sur, null).body()).getString("error"),
        "another team's campaign reads exactly like an unknown one");

    JsonArray seenByNorte = names(norte);
    assertTrue(seenByNorte.contains("norte-1") && !seenByNorte.contains("sur-1") && !seenByNorte.contains("mixta")
        && !seenByNorte.contains("sin-equipo"), seenByNorte.encode());
    JsonArray seenBySur = names(surManager);
    assertTrue(seenBySur.contains("sur-1") && !seenBySur.contains("norte-1"), seenBySur.encode());
    JsonArray seenByAdmin = names(admin);
    assertTrue(seenByAdmin.contains("norte-1") && seenByAdmin.contains("sur-1") && seenByAdmin.contains("mixta")
        && seenByAdmin.contains("sin-equipo"), seenByAdmin.encode());
  }

  @Test
  void optOutsAreListedByTeamFilteredAndPagedAndADispatcherRecordsOneByHandOnceAudited() throws Exception {
    // Two by reply (as the webhook writes them) and one by hand.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.dbUrl, "postgres", "");
        java.sql.Statement st = c.createStatement()) {
      st.execute("INSERT INTO contact_opt_out (debtor_id, channel, at, reason) SELECT id, 'whatsapp', '2026-11-20T15:00:00Z',"
          + " 'replied ''BAJA'' by whatsapp' FROM debtor WHERE external_id = 'N-1'");
      st.execute("INSERT INTO contact_opt_out (debtor_id, channel, at, reason) SELECT id, 'sms', '2026-11-21T15:00:00Z',"
          + " 'replied ''stop'' by sms' FROM debtor WHERE external_id = 'S-1'");
    }
    HttpResponse<String> manual = server.request("POST", "/api/opt-outs", norte, new JsonObject().put("debtor", "N-1")
        .put("channel", "email").put("note", "lo pidió por teléfono").encode());
    assertEquals(201, manual.statusCode(), manual.body());
    JsonObject recorded = new JsonObject(manual.body());
    assertEquals("email", recorded.getString("channel"));
    assertEquals(null, recorded.getString("word"));
    assertTrue(recorded.getString("reason").contains("desp-norte") && recorded.getString("reason").contains("lo pidió por teléfono"));
    HttpResponse<String> again = server.request("POST", "/api/opt-outs", norte, new JsonObject().put("debtor", "N-1")
        .put("channel", "email").encode());
    assertEquals(200, again.statusCode(), "already opted out: unchanged");
    assertEquals(recorded.getString("at"), new JsonObject(again.body()).getString("at"));
    assertEquals(1, server.count("SELECT count(*) FROM client_log l JOIN debtor d ON d.id = l.debtor_id WHERE d.external_id = 'N-1'"
        + " AND l.kind = 'opt_out' AND l.actor = 'desp-norte' AND l.details->>'channel' = 'email'"), "audited once");

    assertEquals(404, server.request("POST", "/api/opt-outs", norte, new JsonObject().put("debtor", "S-1").put("channel", "sms")
        .encode()).statusCode(), "another team's debtor is unknown");
    assertEquals(404, server.request("POST", "/api/opt-outs", norte, new JsonObject().put("debtor", "NOPE").put("channel", "sms")
        .encode()).statusCode());
    HttpResponse<String> badChannel = server.request("POST", "/api/opt-outs", norte, new JsonObject().put("debtor", "N-1")
        .put("channel", "fax").encode());
    assertEquals(400, badChannel.statusCode());
    assertTrue(badChannel.body().contains("whatsapp, sms or email"), badChannel.body());
    assertEquals(400, server.request("POST", "/api/opt-outs", norte, new JsonObject().put("debtor", "N-1").put("channel", "sms")
        .put("note", "x".repeat(501)).encode()).statusCode());
    assertEquals(400, server.request("POST", "/api/opt-outs", norte, "[]").statusCode());
    assertEquals(403, server.request("POST", "/api/opt-outs", surManager, new JsonObject().put("debtor", "S-1").put("channel", "sms")
        .encode()).statusCode(), "managers read, they do not record");
    assertEquals(2, server.count("SELECT count(*) FROM contact_opt_out o JOIN debtor d ON d.id = o.debtor_id WHERE d.external_id = 'N-1'"));

    JsonObject mine = list(norte, "");
    assertEquals(2, mine.getLong("total"), mine.encode());
    JsonObject first = mine.getJsonArray("optOuts").getJsonObject(0);
    assertEquals("email", first.getString("channel"), "newest first");
    JsonObject byReply = mine.getJsonArray("optOuts").getJsonObject(1);
    assertEquals("BAJA", byReply.getString("word"));
    assertEquals("Nora Norte", byReply.getString("name"));
    assertEquals(1, list(surManager, "").getLong("total"), "the other team sees its own only");
    assertEquals("stop", list(surManager, "").getJsonArray("optOuts").getJsonObject(0).getString("word"));
    assertEquals(3, list(admin, "").getLong("total"));
    assertEquals(1, list(admin, "?channel=sms").getLong("total"));
    assertEquals(2, list(admin, "?q=nora").getLong("total"), "by name, any case");
    assertEquals(1, list(admin, "?q=S-1").getLong("total"), "by id");
    assertEquals(0, list(admin, "?q=%25").getLong("total"), "a % is a character, not a wildcard");
    JsonObject page = list(admin, "?limit=1&offset=1");
    assertEquals(3, page.getLong("total"));
    assertEquals(1, page.getJsonArray("optOuts").size());
    assertEquals("sms", page.getJsonArray("optOuts").getJsonObject(0).getString("channel"));
    assertEquals(400, server.request("GET", "/api/opt-outs?channel=fax", admin, null).statusCode());
    assertEquals(400, server.request("GET", "/api/opt-outs?limit=0", admin, null).statusCode());
    assertEquals(400, server.request("GET", "/api/opt-outs?limit=1e3", admin, null).statusCode());
    assertEquals(400, server.request("GET", "/api/opt-outs?offset=-1", admin, null).statusCode());
    assertEquals(400, server.request("GET", "/api/opt-outs?q=" + "a".repeat(101), admin, null).statusCode());
  }

  static JsonObject list(String token, String query) {
    HttpResponse<String> r = server.request("GET", "/api/opt-outs" + query, token, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static HttpResponse<String> send(String method, String path, String body, String type, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      if (type != null) {
        b.header("Content-Type", type);
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
