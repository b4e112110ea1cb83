package io.campo.routing.api;

import io.campo.routing.democity.DemoCityGenerator;
import io.campo.routing.matrix.MatrixCalculator;
import io.campo.routing.network.RoadNetwork;
import io.campo.routing.network.RoadNetworkExtract;
import io.campo.routing.planning.DayPlanner;
import io.campo.routing.planning.PlanOutcome;
import io.campo.routing.planning.RouteChecker;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The routing engine's front door: one road network with its travel-time matrices and its day
 * planner, started together and closed together. Everything a server needs from the engine goes
 * through here, in this package's request and result types; the packages behind it ({@code network},
 * {@code matrix}, {@code planning}, {@code democity}) are free to change.
 *
 * <p>Thread-safe once {@link #start} has returned: every query only reads the immutable graph.
 */
public final class RoutingEngine implements AutoCloseable {

    private final RoadNetwork network;
    private final MatrixCalculator matrices;
    private final DayPlanner planner;
    private final RouteChecker checker = new RouteChecker();
    // Built on first use: drawing the basemap is optional, and the extract reads the whole graph's bounds.
    private volatile RoadNetworkExtract extract;

    private RoutingEngine(RoadNetwork network, MatrixCalculator matrices, DayPlanner planner) {
        this.network = network;
        this.matrices = matrices;
        this.planner = planner;
    }

    /**
     * Imports the OSM extract (or loads the cached graph) and prepares matrices and planning.
     * Blocking: minutes for a large city on first import, seconds from the cache.
     *
     * @param matrixThreads threads for many-to-many matrices, at least 1
     * @throws RoadNetworkException when the OSM file is missing, empty, malformed or has no roads,
     *                              or the cache directory cannot be written
     */
    public static RoutingEngine start(RoadNetworkConfig config, int matrixThreads) {
        RoadNetwork network = new RoadNetwork(config);
        network.start();
        MatrixCalculator matrices;
        try {
            matrices = new MatrixCalculator(network, matrixThreads);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return new RoutingEngine(network, matrices, new DayPlanner(network, matrices));
    }

    /**
     * Writes a generated demo city as an OSM file, for installations and tests without a real
     * extract. The same spec and seed always give the same streets.
     */
    public static DemoCity writeDemoCity(DemoCitySpec spec, Path osmFile) {
        return new DemoCityGenerator().generate(spec, osmFile);
    }

    /** The travel profiles this network was built with. */
    public Set<TravelProfile> profiles() {
        return network.profiles();
    }

    /**
     * Places each point on the nearest road usable by {@code profile}; one outcome per point, in order,
     * so that one bad point never fails the others.
     */
    public List<SnapOutcome> snap(List<Waypoint> points, TravelProfile profile, double maxSnapDistanceMeters) {
        return network.snap(points, profile, maxSnapDistanceMeters);
    }

    /** Road travel times and distances between every pair of snapped points. */
    public TravelMatrix travelMatrix(List<SnappedPoint> points, TravelProfile profile) {
        return matrices.calculate(points, profile);
    }

    /**
     * The request-level checks of {@link #plan}, without planning: cheap, for rejecting a request
     * before queueing it.
     *
     * @throws InvalidPlanRequestException naming every fault found
     */
    public void validate(PlanRequest request) {
        planner.validate(request);
    }

    /**
     * Plans the day and checks the plan with the independent route checker.
     *
     * @throws InvalidPlanRequestException when the request cannot be planned at all
     */
    public PlanResult plan(PlanRequest request, PlanningProgress progress) {
        PlanOutcome outcome = planner.plan(request, progress);
        List<Violation> violations = checker.check(request, outcome.plan(), outcome.matrices());
        return new PlanResult(outcome.plan(), outcome.statistics(), violations);
    }

    /** The area the roads cover, as {@code [minLon, minLat, maxLon, maxLat]}. */
    public double[] roadBounds() {
        return extract().bounds();
    }

    /**
     * The roads of the given classes whose geometry enters the box, at most {@code maxSegments},
     * drawn from the very graph the plans are routed on.
     */
    public RoadExtract roads(double minLon, double minLat, double maxLon, double maxLat, Set<MapRoadClass> classes,
            int maxSegments) {
        return extract().roads(minLon, minLat, maxLon, maxLat, classes, maxSegments);
    }

    private RoadNetworkExtract extract() {
        RoadNetworkExtract e = extract;
        if (e == null) {
            e = new RoadNetworkExtract(network);
            extract = e;
        }
        return e;
    }

    @Override
    public void close() {
        matrices.close();
        network.close();
    }
}
