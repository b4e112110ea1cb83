package io.campo.routing.planning;

import io.campo.routing.api.Coordinate;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.util.Parameters;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.GHPoint;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.network.RoadNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The road path through a route's places, for maps: one GraphHopper route query through all of
 * them (start, stops, end). It snaps the same coordinates with the same rules as the matrix, so
 * the path is the one the matrix timed.
 *
 * <p>Thread-safe, like the {@link RoadNetwork} it queries.
 */
final class RouteGeometry {

    private static final Logger log = LoggerFactory.getLogger(RouteGeometry.class);

    private final RoadNetwork network;

    RouteGeometry(RoadNetwork network) {
        this.network = network;
    }

    /** The path through {@code places} in order; empty for fewer than two places or when GraphHopper finds none. */
    List<Coordinate> along(String agentId, TravelProfile profile, List<Coordinate> places) {
        if (places.size() < 2) return List.of();
        List<GHPoint> points = new ArrayList<>(places.size());
        for (Coordinate place : places) points.add(new GHPoint(place.latitude(), place.longitude()));
        GHRequest request = new GHRequest(points).setProfile(profile.profileName());
        request.getHints().putObject(Parameters.Routing.INSTRUCTIONS, false);
        GHResponse response = network.graphHopper().route(request);
        if (response.hasErrors()) {
            // the matrix found these legs, so this is not expected; a plan without a line is still a plan
            log.warn("no road geometry for agent {}: {}", agentId, response.getErrors());
            return List.of();
        }
        PointList path = response.getBest().getPoints();
        List<Coordinate> line = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) line.add(new Coordinate(path.getLat(i), path.getLon(i)));
        return line;
    }
}
