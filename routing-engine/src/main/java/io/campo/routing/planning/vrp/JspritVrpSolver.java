package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.recreate.DefaultScorer;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Break;
import com.graphhopper.jsprit.core.problem.job.Job;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleType;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Solves a {@link VrpProblem} with jsprit's ruin-and-recreate search (jsprit-core 1.9), wired to
 * our matrices and to a value objective jsprit does not have:
 *
 * <ul>
 *   <li>{@link MatrixTransportCosts}: jsprit reads times and costs straight from each vehicle's
 *       {@link CostMatrix}; nothing is copied into jsprit's own structures.</li>
 *   <li>{@link ValueObjective}: lexicographic mandatory jobs, then value, then travel.</li>
 *   <li>{@link ThresholdAcceptance} and {@link ValueScorer}: the search trades value for room
 *       early, and insertion prefers valuable jobs when time is short.</li>
 *   <li>Job priorities (jsprit's 1–10) carry value ranks so that jsprit's own ordering heuristics
 *       agree: mandatory jobs 1, then value deciles 2–10.</li>
 * </ul>
 *
 * <p>Vehicles whose break jsprit leaves out (routes ending before the break window) take it
 * after their last job; {@link RouteTimeline} times every route the same way for all callers.
 *
 * <p>Thread-safe: each {@link #solve} builds its own jsprit objects. jsprit logs through slf4j
 * under {@code com.graphhopper.jsprit}.
 */
public final class JspritVrpSolver {

    /**
     * Ruin at most this many jobs per iteration: jsprit's default (up to 30 % of the jobs, at
     * most 50–70) makes one iteration on 3,000 visits cost seconds; measured on the plan benchmark.
     */
    static final int MAX_RUIN = 50;

    /**
     * Above this many jobs the first solution is built by best insertion instead of regret: jsprit's
     * fast regret keeps every superseded insertion estimate until it is polled, which on 3,000
     * visits and 100 agents grew to gigabytes and many minutes before the first iteration.
     */
    static final int LARGE = 300;

    public VrpSolution solve(VrpProblem problem, SolverSettings settings) {
        SearchClock clock = new SearchClock(settings);
        List<VrpJob> jobs = problem.jobs();
        if (jobs.isEmpty()) return new VrpSolution(List.of(), List.of(), 0, Duration.ZERO);

        Map<String, VrpJob> jobsById = new HashMap<>();
        jobs.forEach(job -> jobsById.put(job.id(), job));
        CostMatrix fallback = problem.vehicles().get(0).matrix();
        MatrixTransportCosts costs = new MatrixTransportCosts(fallback, problem.objective());
        double maxLeg = maxFiniteLeg(problem);
        double meanUnits = jobs.stream().mapToDouble(job -> job.value() + 1).average().orElse(1);

        VehicleRoutingProblem vrp = jspritProblem(problem, costs);
        ValueObjective objective = new ValueObjective(jobsById, costs, maxLeg * (jobs.size() + problem.vehicles().size()));
        ThresholdAcceptance acceptance = new ThresholdAcceptance(objective, clock, meanUnits);
        DefaultScorer defaultScorer = new DefaultScorer(vrp);
        defaultScorer.setTimeWindowParam(-0.1);  // jsprit's defaults (Jsprit.Builder)
        defaultScorer.setDepotDistanceParam(0.05);
        int jobCount = jobs.size();
        int minShare = Math.max(3, Math.min(20, (int) (jobCount * 0.05)));
        int maxShare = Math.max(minShare, Math.min(MAX_RUIN, (int) (jobCount * 0.3)));
        String threads = String.valueOf(settings.threads());

        VehicleRoutingAlgorithm algorithm = Jsprit.Builder.newInstance(vrp)
                .setRandom(new Random(settings.seed()))
                .setObjectiveFunction(objective)
                .setCustomAcceptor(acceptance)
                .setRegretScorer(new ValueScorer(defaultScorer, jobsById, maxLeg / 4, meanUnits))
                .setProperty(Jsprit.Parameter.THREADS, threads)
                .setProperty(Jsprit.Parameter.FAST_REGRET, "true")
                .setProperty(Jsprit.Parameter.MAX_TRANSPORT_COSTS, String.valueOf(maxLeg))
                .setProperty(Jsprit.Parameter.RADIAL_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.RADIAL_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.WORST_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.WORST_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.CLUSTER_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.CLUSTER_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.RANDOM_REGRET_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.RANDOM_REGRET_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.RANDOM_BEST_MIN_SHARE, String.valueOf(minShare))
                .setProperty(Jsprit.Parameter.RANDOM_BEST_MAX_SHARE, String.valueOf(maxShare))
                .setProperty(Jsprit.Parameter.CONSTRUCTION, jobCount > LARGE ? "best_insertion" : "regret_insertion")
                .buildAlgorithm();
        algorithm.setMaxIterations(settings.maxIterations());
        algorithm.addTerminationCriterion(clock);

        VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
        return toSolution(problem, best, clock);
    }

    private static VehicleRoutingProblem jspritProblem(VrpProblem problem, MatrixTransportCosts costs) {
        VehicleRoutingProblem.Builder builder = VehicleRoutingProblem.Builder.newInstance()
                .setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
                .setRoutingCost(costs);
        Map<CostMatrix, Integer> matrixNumbers = new IdentityHashMap<>();
        Map<String, VehicleType> types = new HashMap<>();
        for (VrpVehicle vehicle : problem.vehicles()) {
            int matrixNumber = matrixNumbers.computeIfAbsent(vehicle.matrix(), m -> matrixNumbers.size());
            // jsprit keeps capacity on the type, so vehicles differ in type by matrix and capacity
            VehicleType type = types.computeIfAbsent("m" + matrixNumber + "-c" + vehicle.capacity(),
                    id -> VehicleTypeImpl.Builder.newInstance(id).addCapacityDimension(0, vehicle.capacity())
                            .setFixedCost(0).setCostPerDistance(0).setCostPerTransportTime(0).build());
            VehicleImpl.Builder vehicleBuilder = VehicleImpl.Builder.newInstance(vehicle.id())
                    .setType(type)
                    .setUserData(vehicle.matrix())
                    .setStartLocation(Location.newInstance(vehicle.startPlace()))
                    .setEarliestStart(vehicle.earliestStart())
                    .setLatestArrival(vehicle.latestEnd())
                    .setReturnToDepot(vehicle.returnsToEnd())
                    .addAllSkills(vehicle.skills());
            if (vehicle.returnsToEnd()) vehicleBuilder.setEndLocation(Location.newInstance(vehicle.endPlace()));
            vehicle.lunch().ifPresent(lunch -> vehicleBuilder.setBreak((Break) Break.Builder.newInstance(vehicle.id() + "#break")
                    .setTimeWindow(TimeWindow.newInstance(lunch.earliestStart(), lunch.latestStart()))
                    .setServiceTime(lunch.duration())
                    .build()));
            builder.addVehicle(vehicleBuilder.build());
        }
        Map<String, Integer> priorities = priorities(problem.jobs());
        for (VrpJob job : problem.jobs()) {
            Service.Builder<Service> service = Service.Builder.newInstance(job.id())
                    .setLocation(Location.newInstance(job.place()))
                    .setServiceTime(job.serviceTime())
                    .addSizeDimension(0, job.size())
                    .addAllRequiredSkills(job.requiredSkills())
                    .setPriority(priorities.get(job.id()));
            for (VrpWindow window : job.windows()) service.addTimeWindow(window.start(), window.end());
            builder.addJob(service.build());
        }
        return builder.build();
    }

    /** jsprit priority per job: 1 for mandatory ones, then 2 (most valuable tenth) to 10 (least valuable). */
    private static Map<String, Integer> priorities(List<VrpJob> jobs) {
        List<VrpJob> byValue = new ArrayList<>(jobs);
        byValue.sort(Comparator.comparingLong(VrpJob::value).reversed());
        Map<String, Integer> priorities = new HashMap<>();
        int rank = 0;
        long previousValue = Long.MIN_VALUE;
        for (int i = 0; i < byValue.size(); i++) {
            VrpJob job = byValue.get(i);
            if (job.value() != previousValue) rank = i;  // equal values share a rank
            previousValue = job.value();
            priorities.put(job.id(), job.mandatory() ? 1 : 2 + (8 * rank) / byValue.size());
        }
        return priorities;
    }

    /** The longest finite leg between any two places used, per the objective's unit; bounds total travel. */
    private static double maxFiniteLeg(VrpProblem problem) {
        Set<Integer> places = new HashSet<>();
        problem.jobs().forEach(job -> places.add(job.place()));
        Map<CostMatrix, Set<Integer>> placesByMatrix = new IdentityHashMap<>();
        for (VrpVehicle vehicle : problem.vehicles()) {
            Set<Integer> own = placesByMatrix.computeIfAbsent(vehicle.matrix(), m -> new HashSet<>(places));
            own.add(vehicle.startPlace());
            if (vehicle.returnsToEnd()) own.add(vehicle.endPlace());
        }
        double max = 0;
        for (Map.Entry<CostMatrix, Set<Integer>> entry : placesByMatrix.entrySet()) {
            CostMatrix matrix = entry.getKey();
            int[] indices = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            for (int from : indices) {
                for (int to : indices) {
                    double value = problem.objective() == TravelObjective.TIME ? matrix.time(from, to) : matrix.distance(from, to);
                    if (value < MatrixTransportCosts.UNREACHABLE && value > max) max = value;
                }
            }
        }
        return max > 0 ? max : 1;
    }

    private static VrpSolution toSolution(VrpProblem problem, VehicleRoutingProblemSolution best, SearchClock clock) {
        List<VrpRoute> routes = new ArrayList<>();
        Set<String> served = new HashSet<>();
        for (VehicleRoute route : best.getRoutes()) {
            List<String> jobIds = new ArrayList<>();
            for (TourActivity activity : route.getActivities()) {
                if (activity instanceof TourActivity.JobActivity jobActivity && !(jobActivity.getJob() instanceof Break)) {
                    jobIds.add(jobActivity.getJob().getId());
                }
            }
            if (jobIds.isEmpty()) continue;
            served.addAll(jobIds);
            routes.add(new VrpRoute(route.getVehicle().getId(), jobIds));
        }
        routes.sort(Comparator.comparingInt(r -> vehicleOrder(problem).get(r.vehicleId())));
        List<String> unassigned = new ArrayList<>();
        for (VrpJob job : problem.jobs()) if (!served.contains(job.id())) unassigned.add(job.id());
        return new VrpSolution(routes, unassigned, clock.iterations(), Duration.ofNanos(clock.elapsedNanos()));
    }

    private static Map<String, Integer> vehicleOrder(VrpProblem problem) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (VrpVehicle vehicle : problem.vehicles()) order.put(vehicle.id(), order.size());
        return order;
    }
}
