package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZonePolygonTest {

  static String refused(Object zone) {
    ApiException e = assertThrows(ApiException.class, () -> ZonePolygon.read(zone));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void wktAndGeoJsonGiveTheSameRingsAndPostgresClosesThemItself() {
    List<List<String>> expected = List.of(List.of("((-99.2,19.3),(-99.0,19.3),(-99.0,19.5))"));
    assertEquals(expected, ZonePolygon.read("POLYGON ((-99.2 19.3, -99 19.3, -99 19.5, -99.2 19.3))").postgresRings());
    assertEquals(expected, ZonePolygon.read("polygon((-99.2 19.3,-99 19.3,-99 19.5,-99.2 19.3))").postgresRings());
    assertEquals(expected, ZonePolygon.read(new JsonObject(
        "{\"type\": \"Polygon\", \"coordinates\": [[[-99.2, 19.3], [-99, 19.3], [-99, 19.5], [-99.2, 19.3]]]}")).postgresRings());
    assertEquals(expected, ZonePolygon.read(new JsonObject("{\"type\": \"Feature\", \"properties\": {}, \"geometry\":"
        + " {\"type\": \"Polygon\", \"coordinates\": [[[-99.2, 19.3], [-99, 19.3], [-99, 19.5], [-99.2, 19.3]]]}}")).postgresRings());
  }

  @Test
  void holesAndMultiPolygonsKeepTheirStructure() {
    String hole = "(-99.1 19.4, -99.05 19.4, -99.05 19.45, -99.1 19.4)";
    ZonePolygon wkt = ZonePolygon.read("MULTIPOLYGON (((-99.2 19.3, -99 19.3, -99 19.5, -99.2 19.3), " + hole + "),"
        + " ((-98 19, -97 19, -97 20, -98 19)))");
    assertEquals(2, wkt.polygons().size());
    assertEquals(2, wkt.polygons().get(0).size());
    assertEquals(1, wkt.polygons().get(1).size());
    ZonePolygon geo = ZonePolygon.read(new JsonObject("{\"type\": \"MultiPolygon\", \"coordinates\": ["
        + "[[[-99.2, 19.3], [-99, 19.3], [-99, 19.5], [-99.2, 19.3]], [[-99.1, 19.4], [-99.05, 19.4], [-99.05, 19.45], [-99.1, 19.4]]],"
        + "[[[-98, 19], [-97, 19], [-97, 20], [-98, 19]]]]}"));
    assertEquals(wkt.postgresRings(), geo.postgresRings());
  }

  @Test
  void malformedZonesAreRefusedWithWhatAZoneLooksLike() {
    assertTrue(refused(42).contains("'zone' must be a GeoJSON Polygon"));
    assertTrue(refused("POINT (1 2)").contains("must be a POLYGON or MULTIPOLYGON"));
    assertTrue(refused("POLYGON ((1 2, 3 4, 1 2))").contains("at least 4 positions"));
    assertTrue(refused("POLYGON ((1 2, 3 4, 5 6, 7 8))").contains("must be closed"));
    assertTrue(refused("POLYGON ((1 2, 3 4, 5 6, 1 2)").contains("unbalanced parentheses"));
    assertTrue(refused("POLYGON ((1 2, 3 x, 5 6, 1 2))").contains("cannot be read"));
    assertTrue(refused("POLYGON ((1 2 3, 3 4, 5 6, 1 2))").contains("'lon lat'"));
    assertTrue(refused("POLYGON ((1 95, 3 4, 5 6, 1 95))").contains("lat in -90..90"));
    assertTrue(refused(new JsonObject("{\"type\": \"Point\", \"coordinates\": [1, 2]}")).contains("Polygon or MultiPolygon, got 'Point'"));
    assertTrue(refused(new JsonObject("{\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3, \"4\"], [5, 6], [1, 2]]]}"))
        .contains("[lon, lat] numbers"));
    assertTrue(refused(new JsonObject("{\"type\": \"Polygon\", \"coordinates\": []}")).contains("list of rings"));
    assertTrue(refused(new JsonObject("{\"type\": \"Feature\"}")).contains("no geometry"));
  }
}
