package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.InvalidPlanRequestException;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlanStatistics;
import io.campo.routing.api.PlannedBreak;
import io.campo.routing.api.PlannedStop;
import io.campo.routing.api.PlanningProgress;
import io.campo.routing.api.SnapFailure;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelMatrix;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Visit;
import io.campo.routing.api.Waypoint;
import io.campo.routing.matrix.MatrixCalculator;
import io.campo.routing.network.RoadNetwork;
import io.campo.routing.planning.vrp.JspritVrpSolver;
import io.campo.routing.planning.vrp.RouteTimeline;
import io.campo.routing.planning.vrp.SolverSettings;
import io.campo.routing.planning.vrp.TravelObjective;
import io.campo.routing.planning.vrp.VrpBreak;
import io.campo.routing.planning.vrp.VrpJob;
import io.campo.routing.planning.vrp.VrpProblem;
import io.campo.routing.planning.vrp.VrpRoute;
import io.campo.routing.planning.vrp.VrpSolution;
import io.campo.routing.planning.vrp.VrpVehicle;
import io.campo.routing.planning.vrp.VrpWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans a day: which agent visits which debtors, in what order and when, so that the value
 * collected is as high as possible and, for that value, the time on the road as short as
 * possible. The entry point of planning.
 *
 * <p>Phases: validate the request ({@link PlanRequestValidator}); cut a day too big for one matrix
 * into regions ({@link DayRegions}, planned one by one and joined by {@link RegionalPlanner}); snap agents and visits to the
 * roads of each profile in use; compute one travel matrix per profile; set aside visits no agent
 * could serve ({@link VisitTriage}); search with {@link JspritVrpSolver} within the request's
 * time limit; time each route ({@link RouteTimeline}); trace its road geometry.
 *
 * <p>Errors: a request that cannot be planned at all throws {@link InvalidPlanRequestException}
 * naming every fault; a bad visit only becomes an {@link UnassignedVisit} with its reason.
 *
 * <p>Thread-safe: plans may run concurrently (each has its own solver state); the network and
 * matrix calculator must stay open meanwhile. For a given number of solver threads, the same request
 * and seed give the same plan when the search is not cut by its time limit (see {@link SolverSettings}).
 */
public final class DayPlanner {

    private static final Logger log = LoggerFactory.getLogger(DayPlanner.class);

    /**
     * Above this many matrix points (visits plus each agent's start and end) a day is planned by
     * region. 100 agents and 3,000 visits (3,200 points, 80 MB of matrix) stay one region; 500 x
     * 15,000 (16,000 points: 2 GB, over {@link MatrixCalculator#MAX_POINTS}) becomes four regions
     * of 4,000 points, 128 MB each. The solver cuts each region further for its search
     * ({@code JspritVrpSolver.REGION_JOBS}), so a bigger region here would gain little but cost the
     * square of its points in matrix.
     */
    public static final int MAX_MATRIX_POINTS = 5_000;

    private final RoadNetwork network;
    private final MatrixCalculator matrices;
    private final int solverThreads;
    private final int maxMatrixPoints;
    private final PlanRequestValidator validator = new PlanRequestValidator();
    private final VisitTriage triage = new VisitTriage();
    private final JspritVrpSolver solver = new JspritVrpSolver();
    private final RouteGeometry geometry;

    /**
     * A planner searching on two threads where the machine has two cores: independent searches
     * (or regions) side by side, each reproducible by seed.
     */
    public DayPlanner(RoadNetwork network, MatrixCalculator matrices) {
        this(network, matrices, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param solverThreads independent searches run side by side (see {@link JspritVrpSolver#solve}); a
     *                      work-bounded plan is reproducible for a given seed and thread count
     */
    public DayPlanner(RoadNetwork network, MatrixCalculator matrices, int solverThreads) {
        this(network, matrices, solverThreads, MAX_MATRIX_POINTS);
    }

    /**
     * @param maxMatrixPoints a day whose visits plus two points per agent exceed this is planned by
     *                        region ({@link DayRegions}), each region with its own matrix; tests lower
     *                        it to split a small day
     */
    DayPlanner(RoadNetwork network, MatrixCalculator matrices, int solverThreads, int maxMatrixPoints) {
        if (solverThreads < 1) throw new IllegalArgumentException("solverThreads must be >= 1, was " + solverThreads);
        if (maxMatrixPoints < 3 || maxMatrixPoints > MatrixCalculator.MAX_POINTS)
            throw new IllegalArgumentException("maxMatrixPoints must be 3.." + MatrixCalculator.MAX_POINTS + ", was " + maxMatrixPoints);
        this.network = network;
        this.matrices = matrices;
        this.solverThreads = solverThreads;
        this.maxMatrixPoints = maxMatrixPoints;
        this.geometry = new RouteGeometry(network);
    }

    /**
     * The request-level checks of {@link #plan}, without planning: cheap, for rejecting a request
     * before queueing it. Snapping problems of agents are found only by {@link #plan}; bad visits
     * never fail a request.
     *
     * @throws InvalidPlanRequestException naming every fault found
     */
    public void validate(PlanRequest request) {
        validator.check(request, network.profiles());
    }

    public PlanOutcome plan(PlanRequest request) {
        return plan(request, PlanningProgress.NONE);
    }

    /**
     * @throws InvalidPlanRequestException when the request cannot be planned at all
     */
    public PlanOutcome plan(PlanRequest request, PlanningProgress progress) {
        PlanRequestValidator.Checked checked = validator.check(request, network.profiles());
        List<DayRegions.Region> regions = DayRegions.split(checked.agents(), checked.visits(), maxMatrixPoints);
        refuseRegionsTooBigForAMatrix(regions);
        if (regions.size() == 1) return planWhole(request, checked, progress);
        return new RegionalPlanner(this::planWhole).plan(request, checked, regions, progress);
    }

    /**
     * A region is cut by agents, so one with a single agent (or a single visit) and more places than
     * a matrix holds cannot be cut further; say so before snapping, instead of failing in the matrix.
     */
    private static void refuseRegionsTooBigForAMatrix(List<DayRegions.Region> regions) {
        List<String> problems = new ArrayList<>();
        for (DayRegions.Region region : regions) {
            int places = region.visits().size();
            for (Agent agent : region.agents()) places += agent.end().isPresent() ? 2 : 1;
            if (places > MatrixCalculator.MAX_POINTS)
                problems.add(String.format(Locale.ROOT, "%d agent(s) with %d visits make %d places, more than one travel matrix holds (%d);"
                                + " a day is cut into regions by agent, so plan it with more agents or fewer visits", region.agents().size(),
                        region.visits().size(), places, MatrixCalculator.MAX_POINTS));
        }
        if (!problems.isEmpty()) throw new InvalidPlanRequestException(problems);
    }

    /** The day as one region: one matrix per profile over every visit and agent. */
    private PlanOutcome planWhole(PlanRequest request, PlanRequestValidator.Checked checked, PlanningProgress progress) {
        List<Agent> agents = checked.agents();
        List<Visit> visits = checked.visits();
        Places places = new Places(visits.size(), agents.size());

        progress.update(PlanningProgress.Phase.SNAPPING, 0.0);
        long started = System.nanoTime();
        Map<TravelProfile, Snapped> snapped = snap(request, agents, visits);
        long snappedAt = System.nanoTime();

        progress.update(PlanningProgress.Phase.MATRIX, 0.05);
        Map<TravelProfile, PlaceMatrix> placeMatrices = new EnumMap<>(TravelProfile.class);
        Map<TravelProfile, ProfileCostMatrix> costMatrices = new EnumMap<>(TravelProfile.class);
        for (Map.Entry<TravelProfile, Snapped> entry : snapped.entrySet()) {
            TravelMatrix matrix = matrices.calculate(entry.getValue().points, entry.getKey());
            placeMatrices.put(entry.getKey(), entry.getValue().placeMatrix(matrix, visits, agents, places));
            costMatrices.put(entry.getKey(), new ProfileCostMatrix(matrix, entry.getValue().localIndex));
        }
        checkAgentsCanGetHome(agents, costMatrices, places);
        long matrixAt = System.nanoTime();

        progress.update(PlanningProgress.Phase.OPTIMISING, 0.15);
        PlanClock clock = new PlanClock(agents.stream().map(Agent::shiftStart).min(Comparator.naturalOrder()).orElseThrow());
        List<VrpVehicle> vehicles = new ArrayList<>();
        for (int a = 0; a < agents.size(); a++) vehicles.add(vehicle(agents.get(a), a, costMatrices, places, clock));
        Map<String, UnassignedVisit> unassigned = new HashMap<>();
        checked.invalidVisits().forEach(u -> unassigned.put(u.visitId(), u));
        Map<String, VrpJob> jobs = new LinkedHashMap<>();
        Map<String, Visit> visitsById = new HashMap<>();
        for (int v = 0; v < visits.size(); v++) {
            Visit visit = visits.get(v);
            visitsById.put(visit.id(), visit);
            VrpJob job = job(visit, places.visit(v), clock);
            Optional<UnassignedVisit> why = triage.whyNot(visit, job, agents, vehicles, snapFailure(snapped, v));
            if (why.isPresent()) unassigned.put(visit.id(), why.get());
            else jobs.put(visit.id(), job);
        }
        VrpSolution solution = solver.solve(new VrpProblem(vehicles, List.copyOf(jobs.values()), TravelObjective.TIME),
                new SolverSettings(request.seed(), request.timeLimit(), request.maxIterations(), solverThreads));
        long solvedAt = System.nanoTime();

        progress.update(PlanningProgress.Phase.GEOMETRY, 0.95);
        Map<String, List<String>> routeJobs = new HashMap<>();
        for (VrpRoute route : solution.routes()) routeJobs.put(route.vehicleId(), route.jobIds());
        List<AgentRoute> routes = new ArrayList<>();
        for (int a = 0; a < agents.size(); a++) {
            Agent agent = agents.get(a);
            List<VrpJob> stops = new ArrayList<>();
            routeJobs.getOrDefault(agent.id(), List.of()).forEach(id -> stops.add(jobs.get(id)));
            RouteTimeline timeline = feasibleTimeline(agent, vehicles.get(a), stops, visitsById, unassigned);
            routes.add(agentRoute(agent, stops, timeline, clock, visitsById));
        }
        for (String id : solution.unassignedIds()) unassigned.putIfAbsent(id, noTime(visitsById.get(id)));
        long geometryAt = System.nanoTime();

        List<UnassignedVisit> inRequestOrder = new ArrayList<>();
        for (Visit visit : request.visits()) {
            UnassignedVisit u = unassigned.remove(visit.id());
            if (u != null) inRequestOrder.add(u);
        }
        progress.update(PlanningProgress.Phase.DONE, 1.0);
        PlanStatistics statistics = new PlanStatistics(Duration.ofNanos(snappedAt - started), Duration.ofNanos(matrixAt - snappedAt),
                Duration.ofNanos(solvedAt - matrixAt), Duration.ofNanos(geometryAt - solvedAt), solution.iterations(),
                solution.first(), solution.best());
        log.info("planned {} agents, {} visits: {} routed, {} unassigned in {} ms ({} iterations)", agents.size(), request.visits().size(),
                routes.stream().mapToInt(r -> r.stops().size()).sum(), inRequestOrder.size(), statistics.total().toMillis(),
                solution.iterations());
        return new PlanOutcome(new DayPlan(routes, inRequestOrder), placeMatrices, statistics);
    }

    /** Global place numbers: visits first, then each agent's start and end. */
    private record Places(int visits, int agents) {
        int visit(int v) {
            return v;
        }

        int start(int a) {
            return visits + 2 * a;
        }

        int end(int a) {
            return visits + 2 * a + 1;
        }

        int count() {
            return visits + 2 * agents;
        }
    }

    /** What snapping found for one profile: the points to build its matrix on, and where each place went. */
    private static final class Snapped {
        final List<SnappedPoint> points = new ArrayList<>();
        final int[] localIndex;
        final Map<Integer, String> visitFailures = new HashMap<>();

        Snapped(int places) {
            localIndex = new int[places];
            Arrays.fill(localIndex, -1);
        }

        void add(int place, SnappedPoint point) {
            localIndex[place] = points.size();
            points.add(point);
        }

        PlaceMatrix placeMatrix(TravelMatrix matrix, List<Visit> visits, List<Agent> agents, Places places) {
            Map<String, Integer> visitIndex = new HashMap<>();
            for (int v = 0; v < visits.size(); v++)
                if (localIndex[places.visit(v)] >= 0) visitIndex.put(visits.get(v).id(), localIndex[places.visit(v)]);
            Map<String, Integer> starts = new HashMap<>();
            Map<String, Integer> ends = new HashMap<>();
            for (int a = 0; a < agents.size(); a++) {
                if (localIndex[places.start(a)] >= 0) starts.put(agents.get(a).id(), localIndex[places.start(a)]);
                if (localIndex[places.end(a)] >= 0) ends.put(agents.get(a).id(), localIndex[places.end(a)]);
            }
            return new PlaceMatrix(matrix, visitIndex, starts, ends);
        }
    }

    /** Snaps every visit for every profile in use and every agent for its own; an agent that cannot be placed fails the request. */
    private Map<TravelProfile, Snapped> snap(PlanRequest request, List<Agent> agents, List<Visit> visits) {
        Places places = new Places(visits.size(), agents.size());
        Set<TravelProfile> profiles = new TreeSet<>();
        agents.forEach(agent -> profiles.add(agent.profile()));
        List<Waypoint> visitPoints = new ArrayList<>();
        for (Visit visit : visits)
            visitPoints.add(new Waypoint("visit " + visit.id(), visit.location().latitude(), visit.location().longitude()));
        Map<TravelProfile, Snapped> result = new EnumMap<>(TravelProfile.class);
        List<String> problems = new ArrayList<>();
        for (TravelProfile profile : profiles) {
            Snapped snapped = new Snapped(places.count());
            List<SnapOutcome> outcomes = network.snap(visitPoints, profile, request.maxSnapDistanceMeters());
            for (int v = 0; v < outcomes.size(); v++) {
                if (outcomes.get(v) instanceof SnappedPoint point) snapped.add(places.visit(v), point);
                else snapped.visitFailures.put(v, ((SnapFailure) outcomes.get(v)).message());
            }
            for (int a = 0; a < agents.size(); a++) {
                Agent agent = agents.get(a);
                if (agent.profile() != profile) continue;
                List<Waypoint> ends = new ArrayList<>();
                ends.add(new Waypoint("agent " + agent.id() + " start", agent.start().latitude(), agent.start().longitude()));
                agent.end().ifPresent(end -> ends.add(new Waypoint("agent " + agent.id() + " end", end.latitude(), end.longitude())));
                List<SnapOutcome> agentOutcomes = network.snap(ends, profile, request.maxSnapDistanceMeters());
                for (int k = 0; k < agentOutcomes.size(); k++) {
                    if (agentOutcomes.get(k) instanceof SnappedPoint point) snapped.add(k == 0 ? places.start(a) : places.end(a), point);
                    else problems.add(((SnapFailure) agentOutcomes.get(k)).message());
                }
            }
            result.put(profile, snapped);
        }
        if (!problems.isEmpty()) throw new InvalidPlanRequestException(problems);
        return result;
    }

    /** Why visit {@code v} could not be placed, from the first profile that failed (the triage decides if that matters). */
    private static Optional<String> snapFailure(Map<TravelProfile, Snapped> snapped, int v) {
        for (Snapped s : snapped.values()) {
            String failure = s.visitFailures.get(v);
            if (failure != null) return Optional.of(failure);
        }
        return Optional.empty();
    }

    private static void checkAgentsCanGetHome(List<Agent> agents, Map<TravelProfile, ProfileCostMatrix> costs, Places places) {
        List<String> problems = new ArrayList<>();
        for (int a = 0; a < agents.size(); a++) {
            Agent agent = agents.get(a);
            if (agent.end().isEmpty()) continue;
            if (!Double.isFinite(costs.get(agent.profile()).time(places.start(a), places.end(a))))
                problems.add("agent " + agent.id() + " cannot travel by " + agent.profile().profileName()
                        + " from the start to the end location: no road route (one-way streets or an island)");
        }
        if (!problems.isEmpty()) throw new InvalidPlanRequestException(problems);
    }

    private static VrpVehicle vehicle(Agent agent, int a, Map<TravelProfile, ProfileCostMatrix> costs, Places places, PlanClock clock) {
        Optional<VrpBreak> lunch = agent.lunch().map(rule -> new VrpBreak(clock.seconds(rule.earliestStart()),
                clock.seconds(rule.latestStart()), rule.duration().toMillis() / 1000.0));
        return new VrpVehicle(agent.id(), costs.get(agent.profile()), places.start(a), agent.end().isPresent() ? places.end(a) : -1,
                clock.seconds(agent.shiftStart()), clock.seconds(agent.shiftEnd()), agent.maxVisits(), agent.skills(), lunch);
    }

    /**
     * The visit as a solver job; overlapping windows are merged, since service may start in any of
     * them. Windows that close before every shift opens are dropped ({@link VisitTriage} then
     * reports the visit).
     */
    private static VrpJob job(Visit visit, int place, PlanClock clock) {
        List<TimeWindow> sorted = new ArrayList<>(visit.windows());
        sorted.sort(Comparator.comparing(TimeWindow::start));
        List<VrpWindow> windows = new ArrayList<>();
        for (TimeWindow window : sorted) {
            // times before the earliest shift are unusable; jsprit rejects negative times
            double start = Math.max(0, clock.seconds(window.start()));
            double end = clock.seconds(window.end());
            if (end < 0) continue;
            VrpWindow last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (last != null && start <= last.end()) windows.set(windows.size() - 1, new VrpWindow(last.start(), Math.max(last.end(), end)));
            else windows.add(new VrpWindow(start, end));
        }
        return new VrpJob(visit.id(), place, visit.serviceTime().toMillis() / 1000.0, windows, visit.value(), 1,
                visit.requiredSkills(), visit.mustVisit());
    }

    /**
     * The route's timeline. If the solver's order is late somewhere (it can be when a short search
     * ends before jsprit fitted an agent's break into a long route), visits are dropped as
     * {@link UnassignedVisit.Reason#NO_TIME} until it is not: the least valuable visit whose
     * removal fixes the route, else the first late one. A plan that leaves here is always valid.
     */
    private static RouteTimeline feasibleTimeline(Agent agent, VrpVehicle vehicle, List<VrpJob> stops, Map<String, Visit> visits,
                                                  Map<String, UnassignedVisit> unassigned) {
        RouteTimeline timeline = RouteTimeline.of(vehicle, stops);
        while (!timeline.feasible() && !stops.isEmpty()) {
            int drop = Math.min(timeline.firstLateStop(), stops.size() - 1);
            long cheapest = Long.MAX_VALUE;
            for (int i = 0; i < stops.size(); i++) {
                List<VrpJob> without = new ArrayList<>(stops);
                VrpJob candidate = without.remove(i);
                if (candidate.value() < cheapest && !candidate.mandatory() && RouteTimeline.fits(vehicle, without)) {
                    cheapest = candidate.value();
                    drop = i;
                }
            }
            VrpJob dropped = stops.remove(drop);
            log.warn("agent {}: the solver's route is late; leaving visit {} out", agent.id(), dropped.id());
            unassigned.put(dropped.id(), noTime(visits.get(dropped.id())));
            timeline = RouteTimeline.of(vehicle, stops);
        }
        return timeline;
    }

    private AgentRoute agentRoute(Agent agent, List<VrpJob> stops, RouteTimeline timeline, PlanClock clock, Map<String, Visit> visits) {
        List<PlannedStop> planned = new ArrayList<>();
        List<Coordinate> waypoints = new ArrayList<>();
        waypoints.add(agent.start());
        for (int i = 0; i < stops.size(); i++) {
            String id = stops.get(i).id();
            planned.add(new PlannedStop(id, clock.instant(timeline.arrival(i)), clock.instant(timeline.serviceStart(i)),
                    clock.instant(timeline.serviceEnd(i)), timeline.legTime(i), timeline.legDistance(i)));
            waypoints.add(visits.get(id).location());
        }
        agent.end().ifPresent(waypoints::add);
        Optional<PlannedBreak> lunch = timeline.breakAfter() < 0 ? Optional.empty()
                : Optional.of(new PlannedBreak(clock.instant(timeline.breakStart()), clock.instant(timeline.breakEnd())));
        List<Coordinate> line = stops.isEmpty() ? List.of() : geometry.along(agent.id(), agent.profile(), waypoints);
        Instant departure = clock.instant(timeline.departure());
        return new AgentRoute(agent.id(), departure, planned, lunch, clock.instant(timeline.finish()), timeline.travelTime(),
                timeline.travelDistance(), line);
    }

    private static UnassignedVisit noTime(Visit visit) {
        String message = visit.mustVisit()
                ? "visit " + visit.id() + " must be visited and could be on its own, but the agents' time is taken by other must-visit visits"
                : "visit " + visit.id() + " could be served on its own, but the agents' time went to more valuable visits";
        return new UnassignedVisit(visit.id(), UnassignedVisit.Reason.NO_TIME, message);
    }
}
