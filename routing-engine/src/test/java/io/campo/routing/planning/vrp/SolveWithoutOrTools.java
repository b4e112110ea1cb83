package io.campo.routing.planning.vrp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A long-route day solved on two threads in a JVM of its own, for {@link RouteCombinationFallbackTest}: run where
 * OR-Tools cannot load, it prints what the planner made of the day without the combination.
 */
public final class SolveWithoutOrTools {

    private SolveWithoutOrTools() {
    }

    public static void main(String[] args) {
        // two vehicles for 60 visits: routes of about 30 stops, where the searches meet and would combine routes
        VrpProblem problem = DayProblems.day(60, 2, 100);

        VrpSolution solution = new JspritVrpSolver().solve(problem, new SolverSettings(5, Duration.ofSeconds(60), 300, 2));

        Map<String, VrpVehicle> vehicles = problem.vehicles().stream().collect(Collectors.toMap(VrpVehicle::id, Function.identity()));
        Map<String, VrpJob> jobs = problem.jobs().stream().collect(Collectors.toMap(VrpJob::id, Function.identity()));
        boolean feasible = true;
        int served = 0;
        for (VrpRoute route : solution.routes()) {
            List<VrpJob> stops = route.jobIds().stream().map(jobs::get).toList();
            served += stops.size();
            feasible &= RouteTimeline.of(vehicles.get(route.vehicleId()), stops).feasible();
        }
        System.out.printf("OR-Tools available: %s; served %d of %d; feasible: %s; iterations: %d%n", RouteCombination.available(),
                served, jobs.size(), feasible, solution.iterations());
    }
}
