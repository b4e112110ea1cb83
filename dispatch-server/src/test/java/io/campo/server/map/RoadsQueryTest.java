package io.campo.server.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.routing.api.MapRoadClass;
import io.campo.server.api.ApiException;
import org.junit.jupiter.api.Test;

class RoadsQueryTest {

  @Test
  void aLeafletBoundsStringAndZoomAreRead() {
    RoadsQuery q = RoadsQuery.parse("-99.14,19.42,-99.12,19.44", "15");
    assertEquals(-99.14, q.minLon());
    assertEquals(19.44, q.maxLat());
    assertEquals(15, q.zoom());
    assertEquals(RoadsQuery.DEFAULT_ZOOM, RoadsQuery.parse("-99.14,19.42,-99.12,19.44", null).zoom());
  }

  @Test
  void badBoxesAndZoomsAre400sThatSayWhy() {
    assertMessage(null, null, "'bbox' is required");
    assertMessage("1,2,3", null, "four numbers");
    assertMessage("a,b,c,d", null, "four numbers");
    assertMessage("-99.12,19.42,-99.14,19.44", null, "is empty");
    assertMessage("-200,19.42,-99.14,19.44", null, "not on Earth");
    assertMessage("NaN,19.42,-99.14,19.44", null, "finite");
    assertMessage("-99.14,19.42,-99.12,19.44", "23", "'zoom' must be a whole number from 0 to 22");
    assertMessage("-99.14,19.42,-99.12,19.44", "far", "'zoom'");
  }

  @Test
  void minorRoadsAppearAsTheMapZoomsIn() {
    assertEquals(java.util.EnumSet.allOf(MapRoadClass.class), RoadZoom.classesAt(17));
    assertFalse(RoadZoom.classesAt(14).contains(MapRoadClass.OTHER));
    assertTrue(RoadZoom.classesAt(14).contains(MapRoadClass.RESIDENTIAL));
    assertFalse(RoadZoom.classesAt(12).contains(MapRoadClass.RESIDENTIAL));
    assertTrue(RoadZoom.classesAt(12).contains(MapRoadClass.SECONDARY));
    assertEquals(java.util.EnumSet.of(MapRoadClass.MOTORWAY, MapRoadClass.PRIMARY), RoadZoom.classesAt(5));
  }

  private static void assertMessage(String bbox, String zoom, String expected) {
    ApiException e = assertThrows(ApiException.class, () -> RoadsQuery.parse(bbox, zoom));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
