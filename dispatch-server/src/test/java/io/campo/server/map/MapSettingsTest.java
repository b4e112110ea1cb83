package io.campo.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The map without a road graph (CAMPO_ROADS=none): the configured tiles, no basemap, roads 503 with the reason. */
class MapSettingsTest {

  @Test
  void withoutAGraphTheMapUsesTheConfiguredTilesAndRoadsSayWhyNot() throws Exception {
    Map<String, String> env = new HashMap<>(TestServer.env(TestServer.freshDatabaseUrl()));
    env.put("CAMPO_TILE_URL", "https://tiles.example.mx/{z}/{x}/{y}.png");
    env.put("CAMPO_TILE_ATTRIBUTION", "Mapas Ejemplo");
    try (TestServer server = TestServer.start(env)) {
      HttpResponse<String> r = server.request("GET", "/api/map/settings", server.adminToken(), null);
      assertEquals(200, r.statusCode(), r.body());
      JsonObject s = new JsonObject(r.body());
      assertEquals("https://tiles.example.mx/{z}/{x}/{y}.png", s.getString("tileUrl"));
      assertEquals("Mapas Ejemplo", s.getString("attribution"));
      assertFalse(s.getBoolean("basemap"));
      assertEquals(2, s.getJsonArray("center").size());
      assertTrue(s.getInteger("zoom") > 0);

      HttpResponse<String> roads = server.request("GET", "/api/map/roads?bbox=-99.14,19.42,-99.12,19.44&zoom=15", server.adminToken(), null);
      assertEquals(503, roads.statusCode());
      assertTrue(roads.body().contains("CAMPO_ROADS=none"), roads.body());
    }
  }
}
