package io.campo.server.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Questionnaire versions through the API, and visits whose answers are checked against the
 * version in force at their check-in. Answers are checked before the geofence and the track, so
 * these visits need no track: they are stored (rejected for want of one) or refused with 400.
 */
class QuestionnaireApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final Instant NOW = Instant.now();
  /** Version 2 takes over from here; version 1 was in force for the day before. */
  static final Instant V2_FROM = NOW.minus(Duration.ofMinutes(30));

  static TestServer server;
  static String agentJwt;
  static String dispatcher;
  static String manager;

  static final String V1_QUESTIONS = """
      [{"id": "reconoce", "type": "yes_no", "label": {"es": "¿Reconoce la deuda?", "en": "Acknowledges the debt?"}, "required": true},
       {"id": "motivo", "type": "single_choice", "label": {"es": "Motivo del atraso"}, "choices": ["desempleo", "enfermedad", "otro"],
        "required": true},
       {"id": "ingreso", "type": "number", "label": {"es": "Ingreso mensual"}, "min": 0, "max": 100000},
       {"id": "nota", "type": "text", "label": {"es": "Comentario"}, "maxLength": 20}]""";
  static final String V2_QUESTIONS = V1_QUESTIONS.substring(0, V1_QUESTIONS.length() - 1) + """
      ,
       {"id": "canales", "type": "multiple_choice", "label": {"es": "Cómo prefiere pagar"}, "choices": ["oxxo", "banco"],
        "required": true}]""";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    UserAccounts users = new UserAccounts(server.server.database().dataSource());
    users.create("dora", "dispatcher-password", "dispatcher");
    users.create("manu", "manager-password", "manager");
    dispatcher = server.login("dora", "dispatcher-password");
    manager = server.login("manu", "manager-password");
    String deviceToken = server.createAgent("cobrador-q");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name, segment) VALUES ('Q-1', 'Lucía Gómez', 'A'), ('Q-2', 'Pedro Sin Forma', 'Z')");
      s.execute("INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)"
          + " SELECT id, 'L-' || external_id, CASE external_id WHEN 'Q-1' THEN 'Consumo' ELSE 'auto' END, 'MXN', 10000, 8000,"
          + " DATE '2026-01-01' FROM debtor");
      s.execute("INSERT INTO address (debtor_id, lat, lon) SELECT id, " + LAT + ", " + LON + " FROM debtor");
    }
    HttpResponse<String> login = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", "cobrador-q").put("deviceToken", deviceToken).encode());
    assertEquals(200, login.statusCode(), login.body());
    agentJwt = new JsonObject(login.body()).getString("token");

    HttpResponse<String> v1 = createVersion(server.adminToken(), "consumer-loans", "{\"product\": \"consumo\"}",
        NOW.minus(Duration.ofDays(1)), V1_QUESTIONS);
    assertEquals(201, v1.statusCode(), v1.body());
    assertEquals(1, new JsonObject(v1.body()).getInteger("version"));
    HttpResponse<String> v2 = createVersion(server.adminToken(), "consumer-loans", "{\"product\": \"consumo\"}", V2_FROM, V2_QUESTIONS);
    assertEquals(201, v2.statusCode(), v2.body());
    JsonObject created = new JsonObject(v2.body());
    assertEquals(2, created.getInteger("version"));
    assertEquals("admin", created.getString("createdBy"));
    assertTrue(created.getBoolean("inForce"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> createVersion(String token, String key, String appliesTo, Instant validFrom, String questions) {
    return server.request("POST", "/api/questionnaires", token, "{\"key\": \"" + key + "\", \"appliesTo\": " + appliesTo
        + (validFrom == null ? "" : ", \"validFrom\": \"" + validFrom + "\"") + ", \"questions\": " + questions + "}");
  }

  static HttpResponse<String> submitVisit(String key, String debtor, Instant checkIn, JsonObject answers) throws Exception {
    JsonObject body = new JsonObject().put("debtor", debtor)
        .put("checkIn", new JsonObject().put("at", checkIn.toString()).put("lat", LAT).put("lon", LON).put("accuracy", 8))
        .put("outcome", new JsonObject().put("type", "NO_CONTACT")).put("answers", answers);
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/visits"))
        .header("Authorization", "Bearer " + agentJwt).header("Content-Type", "application/json").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject v1Answers() {
    return new JsonObject().put("reconoce", true).put("motivo", "desempleo").put("ingreso", 8500);
  }

  @Test
  void goodAnswersAreStoredWithTheQuestionnaireVersionTheyWereCheckedAgainst() throws Exception {
    JsonObject answers = v1Answers().put("canales", new JsonArray().add("oxxo").add("banco"));
    HttpResponse<String> r = submitVisit("good-1", "Q-1", NOW.minus(Duration.ofMinutes(5)), answers);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject visit = new JsonObject(r.body());
    assertEquals(new JsonObject().put("key", "consumer-loans").put("version", 2), visit.getJsonObject("questionnaire"));
    assertEquals(answers, visit.getJsonObject("answers"));
    assertEquals(1, server.count("SELECT count(*) FROM visit WHERE questionnaire_key = 'consumer-loans' AND questionnaire_version = 2"
        + " AND idempotency_key = 'good-1'"));
  }

  @Test
  void badAnswersAreRefusedNamingEachOffendingQuestionAndNothingIsStored() throws Exception {
    JsonObject answers = new JsonObject().put("reconoce", "sí").put("motivo", "flojera").put("ingreso", 250_000)
        .put("nota", "un comentario demasiado largo").put("canales", new JsonArray().add("oxxo").add("oxxo")).put("q99", "?");
    HttpResponse<String> r = submitVisit("bad-1", "Q-1", NOW.minus(Duration.ofMinutes(5)), answers);
    assertEquals(400, r.statusCode(), r.body());
    String error = new JsonObject(r.body()).getString("error");
    assertTrue(error.contains("questionnaire 'consumer-loans' version 2"), error);
    for (String expected : new String[] {"'reconoce' (¿Reconoce la deuda?) must be true (yes) or false (no), got 'sí'",
        "'motivo' (Motivo del atraso) must be one of desempleo, enfermedad, otro, got 'flojera'",
        "'ingreso' (Ingreso mensual) must be at most 100000, got 250000", "'nota' (Comentario) allows at most 20 characters",
        "'canales' (Cómo prefiere pagar) lists 'oxxo' twice", "'q99' is not a question of this questionnaire"}) {
      assertTrue(error.contains(expected), "missing \"" + expected + "\" in: " + error);
    }
    HttpResponse<String> none = submitVisit("bad-2", "Q-1", NOW.minus(Duration.ofMinutes(5)), null);
    assertEquals(400, none.statusCode(), none.body());
    String missing = new JsonObject(none.body()).getString("error");
    assertTrue(missing.contains("'reconoce' (¿Reconoce la deuda?) is required") && missing.contains("'canales'"), missing);
    assertEquals(0, server.count("SELECT count(*) FROM visit WHERE idempotency_key IN ('bad-1', 'bad-2')"));
  }

  @Test
  void aVisitCheckedInBeforeANewVersionIsJudgedByTheVersionInForceAtItsCheckIn() throws Exception {
    Instant before = V2_FROM.minus(Duration.ofHours(2));
    HttpResponse<String> old = submitVisit("offline-1", "Q-1", before, v1Answers());
    assertEquals(201, old.statusCode(), old.body());
    assertEquals(1, new JsonObject(old.body()).getJsonObject("questionnaire").getInteger("version"));

    HttpResponse<String> after = submitVisit("recent-1", "Q-1", V2_FROM.plus(Duration.ofMinutes(1)), v1Answers());
    assertEquals(400, after.statusCode(), after.body());
    assertTrue(after.body().contains("version 2") && after.body().contains("'canales' (Cómo prefiere pagar) is required"),
        after.body());

    HttpResponse<String> v1Refuses = submitVisit("offline-2", "Q-1", before,
        v1Answers().put("canales", new JsonArray().add("oxxo")));
    assertEquals(400, v1Refuses.statusCode(), v1Refuses.body());
    assertTrue(v1Refuses.body().contains("version 1") && v1Refuses.body().contains("'canales' is not a question"), v1Refuses.body());
  }

  @Test
  void aDebtorNoQuestionnaireAppliesToKeepsItsAnswersAsGiven() throws Exception {
    JsonObject free = new JsonObject().put("q1", "sí").put("cualquier", 3);
    HttpResponse<String> r = submitVisit("free-1", "Q-2", NOW.minus(Duration.ofMinutes(5)), free);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject visit = new JsonObject(r.body());
    assertNull(visit.getValue("questionnaire"));
    assertEquals(free, visit.getJsonObject("answers"));
  }

  @Test
  void versionsAreListedAndTheCurrentOneIsMarked() {
    HttpResponse<String> future = createVersion(server.adminToken(), "consumer-loans", "{\"product\": \"consumo\"}",
        NOW.plus(Duration.ofDays(7)), V1_QUESTIONS);
    assertEquals(201, future.statusCode(), future.body());
    assertFalse(new JsonObject(future.body()).getBoolean("inForce"));

    HttpResponse<String> list = server.request("GET", "/api/questionnaires", manager, null);
    assertEquals(200, list.statusCode(), list.body());
    JsonObject current = new JsonArray(list.body()).stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("key").equals("consumer-loans")).findFirst().orElseThrow();
    assertEquals(2, current.getInteger("version"), "the version scheduled for next week is not current yet");
    assertTrue(current.getBoolean("inForce"));
    assertEquals("consumo", current.getJsonObject("appliesTo").getString("product"));
    assertEquals(5, current.getJsonArray("questions").size());
    assertEquals("Acknowledges the debt?", current.getJsonArray("questions").getJsonObject(0).getJsonObject("label").getString("en"));

    HttpResponse<String> versions = server.request("GET", "/api/questionnaires/consumer-loans", manager, null);
    assertEquals(200, versions.statusCode(), versions.body());
    JsonArray all = new JsonObject(versions.body()).getJsonArray("versions");
    assertEquals(3, all.size(), all.encodePrettily());
    assertEquals(3, all.getJsonObject(0).getInteger("version"));
    assertEquals(false, all.getJsonObject(0).getBoolean("inForce"));
    assertEquals(true, all.getJsonObject(1).getBoolean("inForce"));
    assertEquals(false, all.getJsonObject(2).getBoolean("inForce"));
    assertEquals(404, server.request("GET", "/api/questionnaires/nothing-here", manager, null).statusCode());
  }

  @Test
  void aNewVersionMustStartAfterTheLatestAndVersionsAreImmutable() {
    HttpResponse<String> backdated = createVersion(server.adminToken(), "consumer-loans", "{\"product\": \"consumo\"}",
        V2_FROM.minus(Duration.ofMinutes(1)), V1_QUESTIONS);
    assertEquals(409, backdated.statusCode(), backdated.body());
    assertTrue(backdated.body().contains("a new version must start later"), backdated.body());

    HttpResponse<String> rival = createVersion(server.adminToken(), "consumo-bis", "{\"product\": \"CONSUMO\"}", null, V1_QUESTIONS);
    assertEquals(409, rival.statusCode(), rival.body());
    assertTrue(rival.body().contains("questionnaire 'consumer-loans' already applies to product 'CONSUMO'"), rival.body());

    HttpResponse<String> bad = createVersion(server.adminToken(), "broken", "{\"segment\": \"B\"}", null,
        "[{\"id\": \"q1\", \"type\": \"single_choice\", \"label\": {\"es\": \"Sin opciones\"}}]");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("questions[0] 'q1': a choice question needs 'choices'"), bad.body());

    SQLException immutable = assertThrows(SQLException.class, () -> {
      try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("UPDATE questionnaire_version SET questions = '[]' WHERE key = 'consumer-loans'");
      }
    });
    assertTrue(immutable.getMessage().contains("immutable"), immutable.getMessage());
  }

  @Test
  void onlyAdminsAndDispatchersDefineQuestionnairesAndAgentsDoNotReadThem() {
    String segmentOnly = "[{\"id\": \"atendio\", \"type\": \"text\", \"label\": {\"es\": \"¿Quién atendió?\"}}]";
    HttpResponse<String> byDispatcher = createVersion(dispatcher, "segmento-b", "{\"segment\": \"B\"}", null, segmentOnly);
    assertEquals(201, byDispatcher.statusCode(), byDispatcher.body());
    assertEquals("dora", new JsonObject(byDispatcher.body()).getString("createdBy"));

    assertEquals(403, createVersion(manager, "segmento-c", "{\"segment\": \"C\"}", null, segmentOnly).statusCode());
    assertEquals(403, createVersion(agentJwt, "segmento-c", "{\"segment\": \"C\"}", null, segmentOnly).statusCode());
    assertEquals(403, server.request("GET", "/api/questionnaires", agentJwt, null).statusCode());
    assertEquals(401, createVersion(null, "segmento-c", "{\"segment\": \"C\"}", null, segmentOnly).statusCode());
    assertEquals(401, server.request("GET", "/api/questionnaires", null, null).statusCode());
    assertEquals(401, server.request("GET", "/api/questionnaires/segmento-b", null, null).statusCode());
  }
}
