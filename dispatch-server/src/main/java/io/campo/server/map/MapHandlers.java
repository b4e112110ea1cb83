package io.campo.server.map;

import io.campo.routing.api.DemoCitySpec;
import io.campo.routing.api.RoadExtract;
import io.campo.routing.api.RoadSegment;
import io.campo.routing.api.RoutingEngine;
import io.campo.server.config.TileSettings;
import io.campo.server.planning.PlanningEngine;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/map/settings}: the tiles, where the map opens and whether a road graph is loaded;
 * {@code GET /api/map/roads?bbox=&zoom=}: the loaded graph's roads in the box as GeoJSON, so the map
 * shows the streets plans are routed on even without access to a tile server (503 without a graph).
 */
public final class MapHandlers {

  /** Features per answer; a whole metropolis at full detail would be megabytes the browser cannot draw. */
  static final int MAX_FEATURES = 20_000;
  static final int DEFAULT_ZOOM = 12;

  private final Vertx vertx;
  private final PlanningEngine engine;
  private final TileSettings tiles;

  public MapHandlers(Vertx vertx, PlanningEngine engine, TileSettings tiles) {
    this.vertx = vertx;
    this.engine = engine;
    this.tiles = tiles;
  }

  public void settings(RoutingContext ctx) {
    JsonObject o = new JsonObject().put("tileUrl", tiles.url()).put("attribution", tiles.attribution());
    RoutingEngine roads = engine.unavailableReason() == null ? engine.routing() : null;
    if (roads == null) {
      o.put("center", new JsonArray().add(DemoCitySpec.MEXICO_CITY_LATITUDE).add(DemoCitySpec.MEXICO_CITY_LONGITUDE))
          .put("zoom", DEFAULT_ZOOM).put("basemap", false);
    } else {
      double[] b = roads.roadBounds();
      o.put("center", new JsonArray().add((b[1] + b[3]) / 2).add((b[0] + b[2]) / 2)).put("zoom", zoomToFit(b)).put("basemap", true);
    }
    ctx.json(o);
  }

  public void roads(RoutingContext ctx) {
    RoadsQuery q = RoadsQuery.parse(ctx.queryParams().get("bbox"), ctx.queryParams().get("zoom"));
    RoutingEngine roads = engine.routing();
    vertx.executeBlocking(() -> geoJson(roads.roads(q.minLon(), q.minLat(), q.maxLon(), q.maxLat(), RoadZoom.classesAt(q.zoom()),
        MAX_FEATURES), q.zoom()), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  static JsonObject geoJson(RoadExtract extract, int zoom) {
    JsonArray features = new JsonArray();
    for (RoadSegment s : extract.segments()) {
      JsonArray coordinates = new JsonArray();
      for (double[] p : s.lonLat()) {
        coordinates.add(new JsonArray().add(p[0]).add(p[1]));
      }
      features.add(new JsonObject().put("type", "Feature")
          .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", coordinates))
          .put("properties", new JsonObject().put("class", s.roadClass().code())));
    }
    return new JsonObject().put("type", "FeatureCollection").put("features", features).put("truncated", extract.truncated())
        .put("zoom", zoom);
  }

  /** The web-mercator zoom at which the box spans about one 1024-pixel screen. */
  static int zoomToFit(double[] bounds) {
    double span = Math.max(bounds[2] - bounds[0], 1e-6);
    int zoom = (int) Math.floor(Math.log(360.0 * 1024 / 256 / span) / Math.log(2));
    return Math.max(3, Math.min(17, zoom));
  }
}
