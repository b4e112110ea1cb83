package io.campo.routing.planning.vrp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
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
        Random random = new Random(11);
        int jobs = 60;
        double[] x = new double[jobs + 1];
        double[] y = new double[jobs + 1];
        x[0] = 50;
        y[0] = 50;
        for (int i = 1; i <= jobs; i++) {
            x[i] = random.nextDouble() * 100;
            y[i] = random.nextDouble() * 100;
        }
        EuclideanMatrix matrix = new EuclideanMatrix(x, y, -1);
        List<VrpVehicle> fleet = List.of(new VrpVehicle("v0", matrix, 0, 0, 0, 1000, 100, Set.of(), Optional.empty()),
                new VrpVehicle("v1", matrix, 0, 0, 0, 1000, 100, Set.of(), Optional.empty()));
        List<VrpJob> list = new ArrayList<>();
        for (int i = 1; i <= jobs; i++) {
            double open = random.nextDouble() * 200;
            List<VrpWindow> windows = i % 2 == 0 ? List.of(new VrpWindow(open, open + 250), new VrpWindow(open + 500, open + 750)) : List.of();
            list.add(new VrpJob("j" + i, i, 5, windows, 1 + random.nextInt(100), 1, Set.of(), false));
        }
        VrpProblem problem = new VrpProblem(fleet, list, TravelObjective.TIME);

        VrpSolution solution = new JspritVrpSolver().solve(problem, new SolverSettings(5, Duration.ofSeconds(60), 300, 2));

        Map<String, VrpVehicle> vehicles = fleet.stream().collect(Collectors.toMap(VrpVehicle::id, Function.identity()));
        Map<String, VrpJob> byId = list.stream().collect(Collectors.toMap(VrpJob::id, Function.identity()));
        boolean feasible = true;
        int served = 0;
        for (VrpRoute route : solution.routes()) {
            List<VrpJob> stops = route.jobIds().stream().map(byId::get).toList();
            served += stops.size();
            feasible &= RouteTimeline.of(vehicles.get(route.vehicleId()), stops).feasible();
        }
        System.out.printf("OR-Tools available: %s; served %d of %d; feasible: %s; iterations: %d%n", RouteCombination.available(),
                served, jobs, feasible, solution.iterations());
    }
}
