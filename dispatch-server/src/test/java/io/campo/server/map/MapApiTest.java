package io.campo.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything that needs a road graph, on one server with the generated 3 km demo city (loading it
 * is the slow part): the basemap settings and roads, and a real plan shown as an agent's day.
 */
class MapApiTest {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startWithDemoCity(dataDir);
    server.awaitRoads();
    assertEquals(null, server.server.planningUnavailableReason());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject roads(String query) {
    HttpResponse<String> r = server.request("GET", "/api/map/roads?" + query, server.adminToken(), null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static Set<String> classes(JsonObject collection) {
    return collection.getJsonArray("features").stream().map(f -> ((JsonObject) f).getJsonObject("properties").getString("class"))
        .collect(Collectors.toSet());
  }

  @Test
  void theSettingsSayABasemapIsLoadedAndCentreTheMapOnTheCity() {
    JsonObject s = new JsonObject(server.request("GET", "/api/map/settings", server.adminToken(), null).body());
    assertTrue(s.getBoolean("basemap"));
    assertEquals("https://tile.openstreetmap.org/{z}/{x}/{y}.png", s.getString("tileUrl"));
    JsonArray center = s.getJsonArray("center");
    assertEquals(LAT, center.getDouble(0), 0.02);
    assertEquals(LON, center.getDouble(1), 0.02);
    assertTrue(s.getInteger("zoom") >= 13 && s.getInteger("zoom") <= 16, "a 3 km city fills a screen at zoom ~14: " + s.getInteger("zoom"));
  }

  @Test
  void roadsInABoxAreLineStringsInsideItWithTheirClassAndMinorRoadsOnlyWhenZoomedIn() {
    double w = LON - 0.004, e = LON + 0.004, s = LAT - 0.004, n = LAT + 0.004;
    String bbox = "bbox=" + w + "," + s + "," + e + "," + n;
    long t0 = System.nanoTime();
    JsonObject detailed = roads(bbox + "&zoom=16");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals("FeatureCollection", detailed.getString("type"));
    assertFalse(detailed.getBoolean("truncated"));
    JsonArray features = detailed.getJsonArray("features");
    assertTrue(features.size() > 50, "an 800 m box of a city grid: " + features.size());
    for (Object o : features) {
      JsonObject geometry = ((JsonObject) o).getJsonObject("geometry");
      assertEquals("LineString", geometry.getString("type"));
      JsonArray c = geometry.getJsonArray("coordinates");
      double minLon = 180, maxLon = -180, minLat = 90, maxLat = -90;
      for (Object p : c) {
        JsonArray lonLat = (JsonArray) p;
        minLon = Math.min(minLon, lonLat.getDouble(0));
        maxLon = Math.max(maxLon, lonLat.getDouble(0));
        minLat = Math.min(minLat, lonLat.getDouble(1));
        maxLat = Math.max(maxLat, lonLat.getDouble(1));
      }
      assertTrue(minLon <= e && maxLon >= w && minLat <= n && maxLat >= s, "every road touches the box: " + c);
    }
    Set<String> all = classes(detailed);
    assertTrue(all.contains("residential"), all.toString());
    assertTrue(Set.of("motorway", "primary", "secondary", "tertiary", "residential", "other").containsAll(all), all.toString());

    JsonObject city = roads("bbox=" + (LON - 0.03) + "," + (LAT - 0.03) + "," + (LON + 0.03) + "," + (LAT + 0.03) + "&zoom=12");
    Set<String> arterials = classes(city);
    assertFalse(arterials.contains("residential"), "no side streets at zoom 12: " + arterials);
    assertFalse(arterials.contains("other"));
    assertTrue(arterials.contains("primary") || arterials.contains("secondary"), arterials.toString());
    // Measured, not asserted (no timed tests): printed for the README.
    System.out.println("roads of an 800 m box at zoom 16: " + features.size() + " features in " + millis + " ms (first call)");
  }

  @Test
  void badBoxesAre400() {
    for (String q : new String[] {"", "bbox=1,2,3", "bbox=-99.12,19.42,-99.14,19.44", "bbox=a,b,c,d", "bbox=-99.14,19.42,-99.12,19.44&zoom=40"}) {
      HttpResponse<String> r = server.request("GET", "/api/map/roads?" + q, server.adminToken(), null);
      assertEquals(400, r.statusCode(), q + " -> " + r.body());
    }
  }

  @Test
  void aPlanComputedOnTheRoadsIsTheAgentsDayWithItsRoadGeometry() throws Exception {
    server.createAgent("ruta-dia");
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", ""); Statement st = c.createStatement()) {
      st.execute("INSERT INTO debtor (external_id, name) VALUES ('CR-RUTA', 'Ana Ruta')");
      st.execute("INSERT INTO address (debtor_id, lat, lon) SELECT id, " + (LAT + 0.003) + ", " + (LON + 0.002) + " FROM debtor");
    }
    JsonObject agent = new JsonObject().put("id", "ruta-dia").put("profile", "motorcycle").put("shiftStart", "08:00")
        .put("shiftEnd", "17:00").put("start", new JsonObject().put("lat", LAT).put("lon", LON));
    JsonArray visits = new JsonArray()
        .add(new JsonObject().put("id", "CR-RUTA").put("lat", LAT + 0.003).put("lon", LON + 0.002).put("serviceMinutes", 10))
        .add(new JsonObject().put("id", "suelta-1").put("lat", LAT - 0.003).put("lon", LON - 0.002).put("serviceMinutes", 10));
    HttpResponse<String> accepted = server.request("POST", "/api/plans", server.adminToken(), new JsonObject().put("date", "2026-12-03")
        .put("timeLimitSeconds", 1).put("agents", new JsonArray().add(agent)).put("visits", visits).encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    long planId = new JsonObject(accepted.body()).getLong("id");
    long deadline = System.currentTimeMillis() + 60_000;
    while (!new JsonObject(server.request("GET", "/api/plans/" + planId, server.adminToken(), null).body()).getString("status").equals("done")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }

    JsonObject day = new JsonObject(server.request("GET", "/api/agents/ruta-dia/day?date=2026-12-03", server.adminToken(), null).body());
    assertEquals(planId, day.getLong("planId"));
    JsonObject route = day.getJsonObject("route");
    assertTrue(route.getJsonObject("geometry").getJsonArray("coordinates").size() > 2, "the route follows the roads");
    JsonArray stops = route.getJsonArray("stops");
    assertEquals(2, stops.size());
    JsonObject debtorStop = stops.stream().map(JsonObject.class::cast).filter(st -> st.getString("visitId").equals("CR-RUTA")).findFirst().orElseThrow();
    assertEquals("Ana Ruta", debtorStop.getJsonObject("debtor").getString("name"));
    assertEquals("pending", debtorStop.getString("status"));
    assertEquals(1, day.getJsonObject("geofences").getJsonArray("features").size());
  }
}
