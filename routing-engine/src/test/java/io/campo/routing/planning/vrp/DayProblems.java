package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Agents' days on a 100 x 100 square, for the solver's tests. */
final class DayProblems {

    private DayProblems() {
    }

    /**
     * {@code jobs} jobs in a 100 x 100 square, a day of 1,000 without breaks; every other job has two windows (a
     * morning and an afternoon), the rest can be served any time.
     */
    static VrpProblem day(int jobs, int vehicles, int capacity) {
        return day(jobs, vehicles, capacity, Optional.empty());
    }

    /** {@link #day(int, int, int)}, every vehicle taking {@code lunch}. */
    static VrpProblem day(int jobs, int vehicles, int capacity, Optional<VrpBreak> lunch) {
        Random random = new Random(11);
        EuclideanMatrix matrix = square(random, jobs);
        List<VrpVehicle> fleet = new ArrayList<>();
        for (int v = 0; v < vehicles; v++)
            fleet.add(new VrpVehicle("v" + v, matrix, 0, 0, 0, 1000, capacity, Set.of(), lunch));
        List<VrpJob> list = new ArrayList<>();
        for (int i = 1; i <= jobs; i++) {
            double open = random.nextDouble() * 200;
            List<VrpWindow> windows = i % 2 == 0 ? List.of(new VrpWindow(open, open + 250), new VrpWindow(open + 500, open + 750)) : List.of();
            list.add(new VrpJob("j" + i, i, 5, windows, 1 + random.nextInt(100), 1, Set.of(), false));
        }
        return new VrpProblem(fleet, list, TravelObjective.TIME);
    }

    /** A depot (place 0) in the middle of a 100 x 100 square and {@code jobs} places drawn in it. */
    static EuclideanMatrix square(Random random, int jobs) {
        double[] x = new double[jobs + 1];
        double[] y = new double[jobs + 1];
        x[0] = 50;
        y[0] = 50;
        for (int i = 1; i <= jobs; i++) {
            x[i] = random.nextDouble() * 100;
            y[i] = random.nextDouble() * 100;
        }
        return new EuclideanMatrix(x, y, -1);
    }
}
