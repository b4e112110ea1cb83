package io.campo.server.agentapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.evidence.TestImages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent app's API on a real server: agent "ana" has today's plan over three debtors (debts, phones, a group, an
 * open promise, a questionnaire for their product), agent "beto" has none. Photos are capped at 4 KiB here so that a
 * too-large one is cheap to send.
 */
class AgentAppApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");
  static final int PHOTO_CAP = 4096;
  static TestServer server;
  static String ana;
  static String beto;
  static long anaVisit;
  static long betoVisit;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_PHOTO_MAX_BYTES", Integer.toString(PHOTO_CAP));
    server = TestServer.start(env);
    ana = agentToken("ana", server.createAgent("ana"));
    beto = agentToken("beto", server.createAgent("beto"));
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, phones, consent_messages, consent_calls, segment, group_id, group_role) VALUES"
          + " ('A-1', 'María López', '{+525511112222,+525533334444}', true, false, 'temprana', 'G-7', 'president'),"
          + " ('A-2', 'Jorge Ruiz', '{}', false, true, 'tardía', null, null), ('A-3', 'Luisa Paz', '{}', false, false, null, null, null)");
      s.execute("INSERT INTO address (debtor_id, kind, line, lat, lon, radius_m) SELECT id, 'home', 'Calle ' || external_id, "
          + LAT + ", " + LON + " + 0.002 * substr(external_id, 3)::int, 60 FROM debtor");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'K-' || external_id, 'consumo', 'MXN', 10000, 4321.50, '" + LocalDate.now(ZONE).minusDays(45) + "' FROM debtor");
      // An open promise (due in a week, not paid) and an old outcome, for A-2.
      s.execute("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at, check_in_lat, check_in_lon,"
          + " check_in_accuracy, outcome, outcome_details, status, validation) SELECT 'ana', 'old-1', 'x', id, now() - interval '3 days',"
          + LAT + ", " + LON + ", 5, 'PROMISE', '{\"amount\": \"800.00\", \"currency\": \"MXN\", \"date\": \"" + LocalDate.now(ZONE).plusDays(7)
          + "\"}', 'VALID', '{}' FROM debtor WHERE external_id = 'A-2'");
      insertPlan(c, "ana", 3);
    }
    HttpResponse<String> q = server.request("POST", "/api/questionnaires", server.adminToken(), """
        {"key": "consumo-visita", "appliesTo": {"product": "consumo"}, "questions": [
          {"id": "reconoce", "type": "yes_no", "label": {"es": "¿Reconoce la deuda?"}, "required": true}]}""");
    assertEquals(201, q.statusCode(), q.body());
    anaVisit = visitRow("ana", "A-1");
    betoVisit = visitRow("beto", "A-1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String agentToken(String id, String deviceToken) {
    HttpResponse<String> r = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", id).put("deviceToken", deviceToken).encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  /** Today's plan for the agent over debtors A-1 … A-n (ids past A-3 name no debtor). */
  static long insertPlan(Connection c, String agent, int stops) throws Exception {
    JsonArray s = new JsonArray();
    JsonArray line = new JsonArray();
    Instant t0 = Instant.now();
    for (int i = 1; i <= stops; i++) {
      s.add(new JsonObject().put("visitId", "A-" + i).put("lat", LAT).put("lon", LON + 0.002 * i)
          .put("arrival", t0.plusSeconds(900L * i).toString()));
      line.add(new JsonArray().add(LON + 0.002 * i).add(LAT));
    }
    JsonObject route = new JsonObject().put("agentId", agent).put("departure", t0.toString())
        .put("finish", t0.plusSeconds(900L * (stops + 1)).toString()).put("stops", s)
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", line));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by, finished_at)"
        + " VALUES (?, 'done', '{}', ?::jsonb, 'admin', now()) RETURNING id")) {
      ps.setObject(1, LocalDate.now(ZONE));
      ps.setString(2, new JsonObject().put("routes", new JsonArray().add(route)).encode());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long visitRow(String agent, String debtor) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at,"
            + " check_in_lat, check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation)"
            + " SELECT ?, 'photo-' || ?, 'x', id, now() - interval '10 days', 0, 0, 5, 'NO_CONTACT', '{}', 'REJECTED', '{}'"
            + " FROM debtor WHERE external_id = ? RETURNING id")) {
      ps.setString(1, agent);
      ps.setString(2, agent);
      ps.setString(3, debtor);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static HttpResponse<String> send(String method, String path, String token, String key, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Authorization", "Bearer " + token);
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> reply(String token, String key, String json) throws Exception {
    return send("POST", "/api/me/messages", token, key, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A real JPEG (uploads are decoded) of exactly {@code size} bytes; the seed makes different files. */
  static byte[] jpeg(int size, int seed) {
    return TestImages.paddedJpeg(size, seed);
  }

  // ---- GET /api/me/day ----

  @Test
  void theDayListsTheAgentsStopsWithTheirDebtorCards() {
    HttpResponse<String> r = server.request("GET", "/api/me/day", ana, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject day = new JsonObject(r.body());
    assertEquals("ana", day.getString("agentId"));
    assertEquals(LocalDate.now(ZONE).toString(), day.getString("date"));
    assertEquals("America/Mexico_City", day.getString("timeZone"));
    assertTrue(day.getLong("planId") > 0);
    assertEquals(EncodedPolyline.encode(new JsonArray().add(new JsonArray().add(LON + 0.002).add(LAT))
        .add(new JsonArray().add(LON + 0.004).add(LAT)).add(new JsonArray().add(LON + 0.006).add(LAT))),
        day.getJsonObject("route").getString("polyline"));
    JsonArray stops = day.getJsonArray("stops");
    assertEquals(3, stops.size());
    JsonObject first = stops.getJsonObject(0);
    assertEquals(1, first.getInteger("seq"));
    assertEquals("A-1", first.getString("stopId"));
    assertEquals("pending", first.getString("status"));
    assertNull(first.getValue("visit"));
    JsonObject card = first.getJsonObject("debtor");
    assertEquals("María López", card.getString("name"));
    assertEquals(new JsonArray().add("+525511112222").add("+525533334444"), card.getJsonArray("phones"));
    assertEquals("temprana", card.getString("segment"));
    assertEquals(new JsonObject().put("id", "G-7").put("role", "president"), card.getJsonObject("group"));
    assertEquals(new JsonObject().put("messages", true).put("calls", false), card.getJsonObject("consent"));
    assertEquals("Calle A-1", card.getJsonObject("address").getString("text"));
    assertEquals(60.0, card.getJsonObject("address").getDouble("radiusMeters"));
    assertEquals("Polygon", card.getJsonObject("geofence").getString("type"));
    JsonObject debt = card.getJsonArray("debts").getJsonObject(0);
    assertEquals("K-A-1", debt.getString("contract"));
    assertEquals("consumo", debt.getString("product"));
    assertEquals("MXN", debt.getString("currency"));
    assertEquals("4321.50", debt.getString("balance"));
    assertEquals(45, debt.getInteger("daysPastDue"));
    assertEquals(new JsonObject().put("key", "consumo-visita").put("version", 1), card.getJsonObject("questionnaire"));
    assertEquals(new JsonArray(), card.getJsonArray("promises"));
    assertEquals(new JsonArray(), card.getJsonArray("agreements"));

    JsonObject second = stops.getJsonObject(1).getJsonObject("debtor");
    assertEquals(1, second.getJsonArray("promises").size(), second.encode());
    assertEquals("800.00", second.getJsonArray("promises").getJsonObject(0).getString("amount"));
    assertEquals(LocalDate.now(ZONE).plusDays(7).toString(), second.getJsonArray("promises").getJsonObject(0).getString("dueDate"));
    assertEquals("PROMISE", second.getJsonArray("lastOutcomes").getJsonObject(0).getString("outcome"));
    assertEquals(new JsonObject().put("messages", false).put("calls", true), second.getJsonObject("consent"));
  }

  @Test
  void anAgentWithoutAPlanGetsAnEmptyDayAndNeverAnothersPlan() {
    HttpResponse<String> r = server.request("GET", "/api/me/day", beto, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject day = new JsonObject(r.body());
    assertEquals("beto", day.getString("agentId"));
    assertNull(day.getValue("route"));
    assertNull(day.getValue("planId"));
    assertEquals(new JsonArray(), day.getJsonArray("stops"));
    assertEquals(400, server.request("GET", "/api/me/day?date=ayer", ana, null).statusCode());
  }

  @Test
  void officeRolesCannotCallTheAgentApi() {
    for (String path : new String[] {"/api/me/day", "/api/me/questionnaires", "/api/me/messages", "/api/me/settings"}) {
      assertEquals(403, server.request("GET", path, server.adminToken(), null).statusCode(), path);
      assertEquals(401, server.request("GET", path, null, null).statusCode(), path);
    }
  }

  @Test
  void aFortyStopDayStaysUnderTwoHundredKilobytes() throws Exception {
    String carlaDevice = server.createAgent("carla");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, phones, segment) SELECT 'A-' || n, 'Deudora con un nombre largo ' || n,"
          + " '{+525500000000,+525511111111}', 'temprana' FROM generate_series(4, 40) n");
      s.execute("INSERT INTO address (debtor_id, line, lat, lon) SELECT id, 'Avenida de los Insurgentes Sur 1234, int. 5, Col. Del Valle', "
          + LAT + ", " + LON + " FROM debtor WHERE substr(external_id, 3)::int > 3");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date) SELECT id,"
          + " 'K-' || external_id || '-' || k, 'consumo', 'MXN', 10000, 5000, current_date - 30 FROM debtor, generate_series(1, 3) k"
          + " WHERE substr(external_id, 3)::int > 3");
      JsonArray line = new JsonArray();
      for (int i = 0; i < 2000; i++) {
        line.add(new JsonArray().add(LON + i * 0.0001).add(LAT + (i % 7) * 0.0001));
      }
      long plan = insertPlan(c, "carla", 40);
      s.execute("UPDATE plan_job SET result = jsonb_set(result, '{routes,0,geometry,coordinates}', '" + line.encode() + "') WHERE id = " + plan);
    }
    String carla = agentToken("carla", carlaDevice);
    HttpResponse<String> r = server.request("GET", "/api/me/day", carla, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject day = new JsonObject(r.body());
    assertEquals(40, day.getJsonArray("stops").size());
    assertEquals(3, day.getJsonArray("stops").getJsonObject(39).getJsonObject("debtor").getJsonArray("debts").size());
    int bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes <= 200 * 1024, "a 40-stop day is " + bytes + " bytes");
  }

  // ---- GET /api/me/questionnaires ----

  @Test
  void theQuestionnairesOfTheDaysStopsComeWithTheirQuestions() {
    HttpResponse<String> r = server.request("GET", "/api/me/questionnaires", ana, null);
    assertEquals(200, r.statusCode(), r.body());
    JsonArray list = new JsonObject(r.body()).getJsonArray("questionnaires");
    assertEquals(1, list.size(), r.body());
    assertEquals("consumo-visita", list.getJsonObject(0).getString("key"));
    assertEquals("yes_no", list.getJsonObject(0).getJsonArray("questions").getJsonObject(0).getString("type"));
    assertEquals(new JsonArray(), new JsonObject(server.request("GET", "/api/me/questionnaires", beto, null).body())
        .getJsonArray("questionnaires"), "no stops, no questionnaires");
  }

  // ---- messages ----

  @Test
  void messagesGoBothWaysAndTheReplyReachesTheDispatchersTimeline() throws Exception {
    HttpResponse<String> sent = server.request("POST", "/api/agents/ana/messages", server.adminToken(),
        new JsonObject().put("text", "Pase primero con la Sra. López").encode());
    assertEquals(201, sent.statusCode(), sent.body());
    long officeId = new JsonObject(sent.body()).getLong("id");

    JsonArray inbox = new JsonObject(server.request("GET", "/api/me/messages", ana, null).body()).getJsonArray("messages");
    assertTrue(inbox.stream().anyMatch(m -> ((JsonObject) m).getLong("id") == officeId), inbox.encode());
    JsonArray betos = new JsonObject(server.request("GET", "/api/me/messages", beto, null).body()).getJsonArray("messages");
    assertTrue(betos.stream().allMatch(m -> "beto".equals(((JsonObject) m).getString("agentId"))), betos.encode());

    HttpResponse<String> reply = reply(ana, "r-1", new JsonObject().put("text", " Voy en camino ").put("replyTo", officeId).encode());
    assertEquals(201, reply.statusCode(), reply.body());
    JsonObject stored = new JsonObject(reply.body());
    assertEquals("Voy en camino", stored.getString("text"));
    assertEquals(true, stored.getBoolean("fromAgent"));
    assertEquals(officeId, stored.getLong("replyTo"));
    assertEquals("ana", stored.getString("sentBy"));

    HttpResponse<String> again = reply(ana, "r-1", new JsonObject().put("text", "Voy en camino").put("replyTo", officeId).encode());
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(stored.getLong("id"), new JsonObject(again.body()).getLong("id"));
    assertEquals(409, reply(ana, "r-1", "{\"text\": \"otra cosa\"}").statusCode(), "the key names another message");
    assertEquals(1, server.count("SELECT count(*) FROM agent_message WHERE from_agent AND idempotency_key = 'r-1'"));

    JsonArray timeline = new JsonObject(server.request("GET", "/api/agents/ana/timeline", server.adminToken(), null).body())
        .getJsonArray("events");
    assertTrue(timeline.stream().anyMatch(e -> "message".equals(((JsonObject) e).getString("kind"))
        && "Voy en camino".equals(((JsonObject) e).getJsonObject("message").getString("text"))), timeline.encode());
    JsonArray both = new JsonObject(server.request("GET", "/api/me/messages?since=" + Instant.now().minusSeconds(3600), ana, null).body())
        .getJsonArray("messages");
    assertTrue(both.size() >= 2, both.encode());
    assertEquals(0, new JsonObject(server.request("GET", "/api/me/messages?since=" + Instant.now().plusSeconds(60), ana, null).body())
        .getJsonArray("messages").size());
  }

  @Test
  void aBadReplyIsRefusedWithItsReasonAndNothingStored() throws Exception {
    long before = server.count("SELECT count(*) FROM agent_message");
    assertEquals(400, reply(ana, "bad-1", "{\"text\": \"   \"}").statusCode(), "blank");
    assertEquals(400, reply(ana, "bad-2", new JsonObject().put("text", "x".repeat(1001)).encode()).statusCode(), "too long");
    assertEquals(400, reply(ana, null, "{\"text\": \"sin llave\"}").statusCode(), "no Idempotency-Key");
    assertEquals(400, reply(ana, "bad-3", "{\"text\": \"hola\", \"replyTo\": \"uno\"}").statusCode(), "replyTo not a number");
    long betoMessage = new JsonObject(server.request("POST", "/api/agents/beto/messages", server.adminToken(),
        "{\"text\": \"para Beto\"}").body()).getLong("id");
    HttpResponse<String> others = reply(ana, "bad-4", new JsonObject().put("text", "hola").put("replyTo", betoMessage).encode());
    assertEquals(400, others.statusCode(), others.body());
    assertTrue(others.body().contains("not one of your messages"), others.body());
    assertEquals(400, server.request("GET", "/api/me/messages?since=ayer", ana, null).statusCode());
    assertEquals(before + 1, server.count("SELECT count(*) FROM agent_message"), "only the office's message to beto");
  }

  // ---- photos ----

  @Test
  void aPhotoIsStoredOnceAndAReplayGetsTheStoredOne() throws Exception {
    byte[] photo = jpeg(2000, 7);
    HttpResponse<String> r = send("POST", "/api/visits/" + anaVisit + "/photos?kind=door", ana, "p-1", "image/jpeg", photo);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject stored = new JsonObject(r.body());
    assertEquals(anaVisit, stored.getLong("visitId"));
    assertEquals("door", stored.getString("kind"));
    assertEquals("image/jpeg", stored.getString("contentType"));
    assertEquals(2000, stored.getInteger("bytes"));
    HttpResponse<String> replay = send("POST", "/api/visits/" + anaVisit + "/photos?kind=door", ana, "p-1", "image/jpeg", photo);
    assertEquals(200, replay.statusCode(), replay.body());
    assertEquals(stored.getLong("id"), new JsonObject(replay.body()).getLong("id"));
    assertEquals(409, send("POST", "/api/visits/" + anaVisit + "/photos?kind=door", ana, "p-1", "image/jpeg", jpeg(2000, 8)).statusCode(),
        "the same key for other bytes");
    assertEquals(1, server.count("SELECT count(*) FROM visit_photo WHERE idempotency_key = 'p-1' AND length(content) = 2000"));
  }

  @Test
  void badPhotosAreRefusedWithTheirReason() throws Exception {
    String path = "/api/visits/" + anaVisit + "/photos?kind=receipt";
    long before = server.count("SELECT count(*) FROM visit_photo");
    HttpResponse<String> gif = send("POST", path, ana, "b-1", "image/gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII));
    assertEquals(415, gif.statusCode(), gif.body());
    HttpResponse<String> mismatch = send("POST", path, ana, "b-2", "image/png", jpeg(1000, 1));
    assertEquals(400, mismatch.statusCode(), mismatch.body());
    assertTrue(mismatch.body().contains("image/jpeg"), mismatch.body());
    assertEquals(400, send("POST", path, ana, "b-3", "image/jpeg", "not an image".getBytes(StandardCharsets.US_ASCII)).statusCode());
    assertEquals(400, send("POST", path, ana, "b-4", "image/jpeg", new byte[0]).statusCode(), "empty");
    assertEquals(413, send("POST", path, ana, "b-5", "image/jpeg", jpeg(PHOTO_CAP + 1, 1)).statusCode(), "too big");
    assertEquals(400, send("POST", path, ana, null, "image/jpeg", jpeg(1000, 1)).statusCode(), "no Idempotency-Key");
    assertEquals(400, send("POST", "/api/visits/" + anaVisit + "/photos?kind=selfie", ana, "b-6", "image/jpeg", jpeg(1000, 1)).statusCode());
    HttpResponse<String> others = send("POST", "/api/visits/" + betoVisit + "/photos?kind=door", ana, "b-7", "image/jpeg", jpeg(1000, 1));
    assertEquals(404, others.statusCode(), "another agent's visit: " + others.body());
    assertEquals(404, send("POST", "/api/visits/999999/photos?kind=door", ana, "b-8", "image/jpeg", jpeg(1000, 1)).statusCode());
    assertEquals(403, send("POST", path, server.adminToken(), "b-9", "image/jpeg", jpeg(1000, 1)).statusCode(), "office roles upload nothing");
    assertEquals(before, server.count("SELECT count(*) FROM visit_photo"));
    HttpResponse<String> png = send("POST", "/api/visits/" + betoVisit + "/photos?kind=receipt", beto, "b-1", "image/png",
        TestImages.png(20, 20));
    assertEquals(201, png.statusCode(), "keys are per agent: " + png.body());
    assertNotEquals(0, server.count("SELECT count(*) FROM visit_photo WHERE agent_id = 'beto'"));
  }

  @Test
  void theSettingsTellTheAppWhereMqttListens() {
    JsonObject s = new JsonObject(server.request("GET", "/api/me/settings", ana, null).body());
    assertEquals(server.server.mqttWebSocketPort(), s.getInteger("mqttWebSocketPort"));
    assertEquals("/mqtt", s.getString("mqttWebSocketPath"));
    assertEquals(PHOTO_CAP, s.getInteger("photoMaxBytes"));
    assertEquals("ana", s.getString("agentId"));
  }
}
