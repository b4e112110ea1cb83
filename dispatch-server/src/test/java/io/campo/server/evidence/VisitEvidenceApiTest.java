package io.campo.server.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visit evidence on a real server: agent "eva" (team norte) and "fede" (team sur) each have a visit; eva uploads photos
 * and a signature; the office reads them under team scope.
 */
class VisitEvidenceApiTest {

  static TestServer server;
  static String eva;
  static String fede;
  static String norteDispatcher;
  static String surManager;
  static long evaVisit;
  static long fedeVisit;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer.env(TestServer.freshDatabaseUrl()));
    norteDispatcher = server.officeUserInTeam("ev-d-norte", "dispatcher", "ev-norte");
    surManager = server.officeUserInTeam("ev-m-sur", "manager", "ev-sur");
    eva = deviceJwt("eva", server.createAgent("eva", "ev-norte"));
    fede = deviceJwt("fede", server.createAgent("fede", "ev-sur"));
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO debtor (external_id, name) VALUES ('E-1', 'Elena Ríos')");
    }
    evaVisit = visitRow("eva");
    fedeVisit = visitRow("fede");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPhotosExifTimeAndPositionAreKeptAndShown() throws Exception {
    byte[] photo = TestImages.jpegWithExif(1600, 1200, "2026:12:04 10:15:30", "-06:00", 19.4326, -99.1332, 1);
    HttpResponse<String> r = upload("/photos?kind=door", evaVisit, eva, "exif-1", "image/jpeg", photo);
    assertEquals(201, r.statusCode(), r.body());
    JsonObject stored = new JsonObject(r.body());
    assertEquals("2026-12-04T16:15:30Z", stored.getString("takenAt"));
    assertEquals(19.4326, stored.getDouble("lat"), 1e-6);
    assertEquals(-99.1332, stored.getDouble("lon"), 1e-6);
    assertEquals(1600, stored.getInteger("width"));
    assertEquals(1200, stored.getInteger("height"));
    HttpResponse<String> replay = upload("/photos?kind=door", evaVisit, eva, "exif-1", "image/jpeg", photo);
    assertEquals(200, replay.statusCode(), replay.body());
    assertEquals(stored, new JsonObject(replay.body()), "a retry gets the same facts");

    HttpResponse<String> plain = upload("/photos?kind=receipt", evaVisit, eva, "plain-1", "image/png", TestImages.png(30, 20));
    assertEquals(201, plain.statusCode(), plain.body());
    JsonObject none = new JsonObject(plain.body());
    assertTrue(none.containsKey("takenAt") && none.containsKey("lat") && none.containsKey("lon"), plain.body());
    assertNull(none.getValue("takenAt"));
    assertNull(none.getValue("lat"));
  }

  @Test
  void theOfficeOfTheAgentsTeamGetsTheFileAndA320PixelThumbnail() throws Exception {
    byte[] photo = TestImages.jpeg(1000, 750);
    long id = new JsonObject(upload("/photos?kind=door", evaVisit, eva, "thumb-1", "image/jpeg", photo).body()).getLong("id");

    HttpResponse<byte[]> file = get("/api/evidence/" + id, norteDispatcher);
    assertEquals(200, file.statusCode());
    assertEquals("image/jpeg", file.headers().firstValue("Content-Type").orElse(null));
    assertTrue(file.headers().firstValue("Cache-Control").orElse("").startsWith("private"), file.headers().toString());
    assertArrayEquals(photo, file.body());

    HttpResponse<byte[]> thumb = get("/api/evidence/" + id + "/thumbnail", norteDispatcher);
    assertEquals(200, thumb.statusCode());
    assertEquals("image/jpeg", thumb.headers().firstValue("Content-Type").orElse(null));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
    assertEquals(320, image.getWidth());
    assertEquals(240, image.getHeight());

    JsonObject list = new JsonObject(server.request("GET", "/api/visits/" + evaVisit + "/evidence", norteDispatcher, null).body());
    assertEquals("eva", list.getString("agentId"));
    JsonObject item = list.getJsonArray("evidence").stream().map(JsonObject.class::cast)
        .filter(e -> e.getLong("id") == id).findFirst().orElseThrow(() -> new AssertionError(list.encode()));
    assertEquals("/api/evidence/" + id + "/thumbnail", item.getString("thumbnailUrl"));
    assertEquals(photo.length, item.getInteger("bytes"));
  }

  @Test
  void evidenceOutsideTheCallersScopeIs404() throws Exception {
    long id = new JsonObject(upload("/photos?kind=door", evaVisit, eva, "scope-1", "image/jpeg", TestImages.jpeg(50, 50)).body())
        .getLong("id");
    for (String path : List.of("/api/visits/" + evaVisit + "/evidence", "/api/evidence/" + id, "/api/evidence/" + id + "/thumbnail")) {
      assertEquals(404, get(path, surManager).statusCode(), "another team's manager: " + path);
      assertEquals(404, get(path, fede).statusCode(), "another agent: " + path);
      assertEquals(200, get(path, eva).statusCode(), "the agent reads its own: " + path);
      assertEquals(200, get(path, server.adminToken()).statusCode(), "admin: " + path);
    }
    assertEquals(404, get("/api/evidence/99999999", server.adminToken()).statusCode());
    assertEquals(404, get("/api/visits/99999999/evidence", server.adminToken()).statusCode());
    assertEquals(200, get("/api/visits/" + fedeVisit + "/evidence", surManager).statusCode(), "the manager's own team");
    assertEquals(0, new JsonObject(server.request("GET", "/api/visits/" + fedeVisit + "/evidence", surManager, null).body())
        .getJsonArray("evidence").size());
  }

  @Test
  void aSignatureIsAPngOfKindSignature() throws Exception {
    HttpResponse<String> r = upload("/signature", evaVisit, eva, "sig-1", "image/png", TestImages.png(600, 200));
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("signature", new JsonObject(r.body()).getString("kind"));
    JsonArray evidence = new JsonObject(server.request("GET", "/api/visits/" + evaVisit + "/evidence", eva, null).body())
        .getJsonArray("evidence");
    assertTrue(evidence.stream().map(JsonObject.class::cast).anyMatch(e -> "signature".equals(e.getString("kind"))), evidence.encode());
    assertEquals(404, upload("/signature", fedeVisit, eva, "sig-2", "image/png", TestImages.png(60, 20)).statusCode(),
        "another agent's visit");
  }

  @Test
  void badImagesAreRefusedWithTheirReasonAndNothingIsStored() throws Exception {
    long before = server.count("SELECT count(*) FROM visit_photo");
    HttpResponse<String> jpegSignature = upload("/signature", evaVisit, eva, "bad-1", "image/jpeg", TestImages.jpeg(60, 20));
    assertEquals(415, jpegSignature.statusCode(), jpegSignature.body());
    assertTrue(jpegSignature.body().contains("image/png"), jpegSignature.body());
    assertEquals(400, upload("/signature", evaVisit, eva, "bad-2", "image/png", TestImages.jpeg(60, 20)).statusCode(),
        "declared PNG, is JPEG");
    assertEquals(400, upload("/signature", evaVisit, eva, "bad-3", "image/png", new byte[0]).statusCode(), "empty");
    assertEquals(400, upload("/signature", evaVisit, eva, null, "image/png", TestImages.png(60, 20)).statusCode(), "no key");
    byte[] magicOnly = java.util.Arrays.copyOf(TestImages.jpeg(200, 200), 60);
    HttpResponse<String> truncated = upload("/photos?kind=door", evaVisit, eva, "bad-4", "image/jpeg", magicOnly);
    assertEquals(400, truncated.statusCode(), truncated.body());
    assertTrue(truncated.body().contains("decoded"), truncated.body());
    HttpResponse<String> bomb = upload("/signature", evaVisit, eva, "bad-5", "image/png", TestImages.pngDeclaring(100_000, 100_000));
    assertEquals(400, bomb.statusCode(), bomb.body());
    assertTrue(bomb.body().contains("pixels"), bomb.body());
    assertEquals(403, upload("/signature", evaVisit, norteDispatcher, "bad-6", "image/png", TestImages.png(60, 20)).statusCode(),
        "the office uploads nothing");
    assertEquals(before, server.count("SELECT count(*) FROM visit_photo"));
  }

  static String deviceJwt(String id, String deviceToken) {
    HttpResponse<String> r = server.request("POST", "/api/auth/device", null,
        new JsonObject().put("agentId", id).put("deviceToken", deviceToken).encode());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("token");
  }

  static long visitRow(String agent) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        PreparedStatement ps = c.prepareStatement("INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, check_in_at,"
            + " check_in_lat, check_in_lon, check_in_accuracy, outcome, outcome_details, status, validation)"
            + " SELECT ?, 'ev-' || ?, 'x', id, now(), 0, 0, 5, 'NO_CONTACT', '{}', 'VALID', '{}'"
            + " FROM debtor WHERE external_id = 'E-1' RETURNING id")) {
      ps.setString(1, agent);
      ps.setString(2, agent);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static HttpResponse<String> upload(String suffix, long visitId, String token, String key, String contentType, byte[] body)
      throws Exception {
    String path = "/api/visits/" + visitId + suffix;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType);
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> get(String path, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
