package io.campo.tracking.geofence;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * A drawn area (a GeoJSON polygon: a plot, a market, a block of flats). It is projected once
 * into a metric frame around its centre, with an indexed point locator and facet-distance
 * index prepared for repeated checks.
 */
public final class PolygonGeofence implements Geofence {

  private final long id;
  private final Envelope envelope;
  private final MetricFrame frame;
  private final IndexedPointInAreaLocator locator;
  private final IndexedFacetDistance facets;
  private final GeometryFactory pointFactory;

  /** @param lonLat the area in degrees, x = longitude, y = latitude; must be a valid polygon */
  public PolygonGeofence(long id, Polygon lonLat) {
    if (lonLat.isEmpty() || !lonLat.isValid()) {
      throw new IllegalArgumentException("geofence " + id + ": the polygon is empty or invalid (self-intersecting?)");
    }
    this.id = id;
    this.envelope = lonLat.getEnvelopeInternal();
    Coordinate c = envelope.centre();
    this.frame = MetricFrame.around(c.y, c.x);
    this.pointFactory = lonLat.getFactory();
    Geometry metric = new GeometryTransformer() {
      @Override
      protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
          org.locationtech.jts.geom.CoordinateSequence coords, Geometry parent) {
        Coordinate[] out = new Coordinate[coords.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = new Coordinate(frame.x(coords.getX(i)), frame.y(coords.getY(i)));
        }
        // `factory` here is the transformer's own, set while transforming.
        return factory.getCoordinateSequenceFactory().create(out);
      }
    }.transform(lonLat);
    this.locator = new IndexedPointInAreaLocator(metric);
    this.facets = new IndexedFacetDistance(metric.getBoundary());
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public double distanceMeters(double lat, double lon) {
    Coordinate p = new Coordinate(frame.x(lon), frame.y(lat));
    if (locator.locate(p) != Location.EXTERIOR) {
      return 0;
    }
    return facets.distance(pointFactory.createPoint(p));
  }
}
