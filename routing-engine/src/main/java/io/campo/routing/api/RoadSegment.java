package io.campo.routing.api;

/**
 * One road edge of the graph as a map draws it.
 *
 * @param lonLat the edge's geometry, pillar points included, as {@code [lon, lat]} pairs (GeoJSON order)
 */
public record RoadSegment(MapRoadClass roadClass, double[][] lonLat) {}
