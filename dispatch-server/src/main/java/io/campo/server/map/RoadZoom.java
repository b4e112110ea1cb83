package io.campo.server.map;

import io.campo.routing.api.MapRoadClass;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which road classes the basemap draws at a zoom level: a whole city's residential streets at
 * zoom 11 are a grey smear of tens of thousands of lines, so minor roads appear as the map
 * zooms in (the thresholds follow what OpenStreetMap's own style shows).
 */
final class RoadZoom {

  private RoadZoom() {}

  static Set<MapRoadClass> classesAt(int zoom) {
    if (zoom >= 16) {
      return EnumSet.allOf(MapRoadClass.class);
    }
    if (zoom >= 14) {
      return EnumSet.complementOf(EnumSet.of(MapRoadClass.OTHER));
    }
    if (zoom >= 12) {
      return EnumSet.of(MapRoadClass.MOTORWAY, MapRoadClass.PRIMARY, MapRoadClass.SECONDARY, MapRoadClass.TERTIARY);
    }
    return EnumSet.of(MapRoadClass.MOTORWAY, MapRoadClass.PRIMARY);
  }
}
