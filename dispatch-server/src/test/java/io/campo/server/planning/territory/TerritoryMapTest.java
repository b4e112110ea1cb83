package io.campo.server.planning.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.routing.api.Coordinate;
import io.campo.server.report.ZonePolygon;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerritoryMapTest {

  /** A square from (lon, lat) west/south to east/north, with an optional square hole. */
  static ZonePolygon square(double west, double south, double east, double north) {
    return ZonePolygon.read(new JsonObject("{\"type\": \"Polygon\", \"coordinates\": [[[" + west + ", " + south + "], [" + east + ", " + south
        + "], [" + east + ", " + north + "], [" + west + ", " + north + "], [" + west + ", " + south + "]]]}"));
  }

  @Test
  void anAddressGoesToTheAgentOfTheZoneItLiesIn() {
    TerritoryMap map = new TerritoryMap(List.of(
        new TerritoryMap.Zone("roma", "ana", square(-99.17, 19.41, -99.15, 19.43)),
        new TerritoryMap.Zone("condesa", "beto", square(-99.15, 19.40, -99.13, 19.42)),
        new TerritoryMap.Zone("sin-agente", null, square(-99.20, 19.30, -99.10, 19.50))));
    assertEquals(Optional.of("ana"), map.agentAt(new Coordinate(19.425, -99.16)));
    assertEquals(Optional.of("beto"), map.agentAt(new Coordinate(19.405, -99.14)));
    assertEquals(Optional.of("beto"), map.agentAt(new Coordinate(19.415, -99.15)), "on both borders: the smaller id, condesa");
    assertEquals(Optional.empty(), map.agentAt(new Coordinate(19.35, -99.19)), "a zone without an agent routes no one");
    assertEquals(Optional.empty(), map.agentAt(new Coordinate(20.0, -100.0)));
    assertEquals(Optional.empty(), TerritoryMap.EMPTY.agentAt(new Coordinate(19.425, -99.16)));
  }

  @Test
  void aHoleIsNotPartOfTheZone() {
    ZonePolygon withHole = ZonePolygon.read(new JsonObject("{\"type\": \"Polygon\", \"coordinates\": ["
        + "[[-99.20, 19.40], [-99.10, 19.40], [-99.10, 19.50], [-99.20, 19.50], [-99.20, 19.40]],"
        + "[[-99.16, 19.44], [-99.14, 19.44], [-99.14, 19.46], [-99.16, 19.46], [-99.16, 19.44]]]}"));
    TerritoryMap map = new TerritoryMap(List.of(new TerritoryMap.Zone("anillo", "ana", withHole)));
    assertEquals(Optional.of("ana"), map.agentAt(new Coordinate(19.41, -99.19)));
    assertEquals(Optional.empty(), map.agentAt(new Coordinate(19.45, -99.15)));
  }
}
