package io.campo.server.planning.territory;

import io.campo.routing.api.Coordinate;
import io.campo.server.report.ZonePolygon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A team's zones with their agents, prepared for point-in-polygon tests (JTS {@link PreparedGeometry}): which agent
 * works the zone an address lies in. Zones may overlap (a shared market street); the zone with the smallest id wins, so
 * the answer never depends on load order. A point on a zone's border is inside it.
 *
 * <p>Built once per plan, then only queried: immutable and thread-safe.
 */
public final class TerritoryMap {

  /** A zone worked by one agent. */
  public record Zone(String id, String agentId, ZonePolygon polygon) {}

  private record Prepared(String id, String agentId, PreparedGeometry geometry) {}

  public static final TerritoryMap EMPTY = new TerritoryMap(List.of());
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final List<Prepared> zones;

  public TerritoryMap(List<Zone> zones) {
    List<Prepared> prepared = new ArrayList<>();
    for (Zone z : zones) {
      if (z.agentId() != null) {
        prepared.add(new Prepared(z.id(), z.agentId(), PreparedGeometryFactory.prepare(geometry(z.polygon()))));
      }
    }
    prepared.sort(Comparator.comparing(Prepared::id));
    this.zones = List.copyOf(prepared);
  }

  /** The agent of the first zone (by id) covering the location, if any. */
  public Optional<String> agentAt(Coordinate location) {
    if (zones.isEmpty()) {
      return Optional.empty();
    }
    Geometry point = GEOMETRY.createPoint(new org.locationtech.jts.geom.Coordinate(location.longitude(), location.latitude()));
    return zones.stream().filter(z -> z.geometry().covers(point)).map(Prepared::agentId).findFirst();
  }

  static Geometry geometry(ZonePolygon zone) {
    List<Polygon> polygons = new ArrayList<>();
    for (List<List<double[]>> rings : zone.polygons()) {
      LinearRing shell = ring(rings.get(0));
      LinearRing[] holes = rings.subList(1, rings.size()).stream().map(TerritoryMap::ring).toArray(LinearRing[]::new);
      polygons.add(GEOMETRY.createPolygon(shell, holes));
    }
    return polygons.size() == 1 ? polygons.get(0) : GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  private static LinearRing ring(List<double[]> positions) {
    return GEOMETRY.createLinearRing(positions.stream()
        .map(p -> new org.locationtech.jts.geom.Coordinate(p[0], p[1])).toArray(org.locationtech.jts.geom.Coordinate[]::new));
  }
}
