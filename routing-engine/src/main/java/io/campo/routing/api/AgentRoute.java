package io.campo.routing.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's planned day: leave the start, serve the stops in order, arrive at the end.
 *
 * <p>Immutable and thread-safe.
 *
 * @param agentId       the agent
 * @param departure     leaving the start location, UTC
 * @param stops         visits in order; may be empty (the agent stays home)
 * @param lunch         when the break is taken, if the agent has one
 * @param finish        arrival at the end location, or departure from the last stop when the
 *                      agent has no end location, UTC
 * @param travelSeconds total time on the road, seconds
 * @param travelMeters  total road distance, metres
 * @param geometry      the road path followed, start to end, for maps (a GeoJSON LineString);
 *                      empty when not computed
 */
public record AgentRoute(String agentId, Instant departure, List<PlannedStop> stops, Optional<PlannedBreak> lunch,
                         Instant finish, double travelSeconds, double travelMeters, List<Coordinate> geometry) {
    public AgentRoute {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(departure, "departure");
        Objects.requireNonNull(lunch, "lunch");
        Objects.requireNonNull(finish, "finish");
        stops = List.copyOf(stops);
        geometry = List.copyOf(geometry);
    }

    /**
     * The geometry as GeoJSON LineString coordinates: {@code [longitude, latitude]} pairs (GeoJSON's
     * order, the reverse of {@link Coordinate}'s).
     */
    public List<double[]> geoJsonCoordinates() {
        return geometry.stream().map(c -> new double[]{c.longitude(), c.latitude()}).toList();
    }
}
