package io.campo.routing.network;

import io.campo.routing.api.TravelProfile;

import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.index.LocationIndex;
import com.graphhopper.storage.index.Snap;

/**
 * The road graph of one travel profile as GraphHopper holds it: the base graph, its contraction
 * hierarchy, the weighting and the snapping rules. It is the seam between {@link RoadNetwork}
 * and the engine's own algorithms (the matrix, route geometry); code outside routing-engine
 * should use {@link RoadNetwork}'s methods instead.
 *
 * <p>Thread-safe: every method may be called concurrently while the network is open; the
 * GraphHopper objects returned are read-only after {@link RoadNetwork#start()}.
 */
public final class ProfileGraph {

    private final TravelProfile profile;
    private final BaseGraph baseGraph;
    private final RoutingCHGraph chGraph;
    private final LocationIndex locationIndex;
    private final EdgeFilter snapFilter;

    ProfileGraph(TravelProfile profile, BaseGraph baseGraph, RoutingCHGraph chGraph, LocationIndex locationIndex,
                 BooleanEncodedValue inSmallIsland) {
        this.profile = profile;
        this.baseGraph = baseGraph;
        this.chGraph = chGraph;
        this.locationIndex = locationIndex;
        // the same filter GraphHopper's router uses, so a matrix and a route query snap identically
        this.snapFilter = new DefaultSnapFilter(chGraph.getWeighting(), inSmallIsland);
    }

    public TravelProfile profile() {
        return profile;
    }

    public BaseGraph baseGraph() {
        return baseGraph;
    }

    /** The node-based contraction hierarchy prepared for this profile. */
    public RoutingCHGraph chGraph() {
        return chGraph;
    }

    /** The weighting the hierarchy was prepared with; its edge weights are what routes minimise. */
    public Weighting weighting() {
        return chGraph.getWeighting();
    }

    /**
     * GraphHopper's snap of a coordinate to the nearest edge usable by this profile, outside
     * small islands. A new object on each call: GraphHopper's query graphs modify snaps.
     * May be invalid ({@link Snap#isValid()}) when no road is near.
     */
    public Snap locate(double latitude, double longitude) {
        return locationIndex.findClosest(latitude, longitude, snapFilter);
    }
}
