package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Random agents' days on a 100 × 100 square for tests that compare two ways of timing a route: a vehicle with a lunch
 * or none, home at the end or not, and jobs with one window, two or none. On whole-number days (arcs truncated, whole
 * times) a ready time often meets a limit exactly, where rounding would show.
 */
final class RandomDays {

    static final int PLACES = 31;

    private final Random random;
    private final EuclideanMatrix exact;
    private final EuclideanMatrix whole;
    private boolean wholeNumbers;
    private double dayEnd;

    RandomDays(long seed) {
        random = new Random(seed);
        double[] x = new double[PLACES];
        double[] y = new double[PLACES];
        for (int i = 0; i < PLACES; i++) {
            x[i] = Math.floor(random.nextDouble() * 100);
            y[i] = Math.floor(random.nextDouble() * 100);
        }
        exact = new EuclideanMatrix(x, y, -1);
        whole = new EuclideanMatrix(x, y, 0);
    }

    Random random() {
        return random;
    }

    /** A new day's vehicle, its jobs to come from {@link #job}; {@code lunchShare} of the days have a lunch. */
    VrpVehicle vehicle(boolean wholeNumbers, double lunchShare) {
        this.wholeNumbers = wholeNumbers;
        dayEnd = time(600 + random.nextDouble() * 900);
        double lunchFrom = time(random.nextDouble() * dayEnd);
        Optional<VrpBreak> lunch = random.nextDouble() >= lunchShare ? Optional.empty() : Optional.of(new VrpBreak(lunchFrom,
                lunchFrom + time(random.nextDouble() * 200), time(random.nextDouble() * 60)));
        return new VrpVehicle("v", wholeNumbers ? whole : exact, 0, random.nextBoolean() ? 0 : -1,
                time(random.nextDouble() * 50), dayEnd, 1000, Set.of(), lunch);
    }

    /** A job of the current day at a random place. */
    VrpJob job(String id) {
        double open = time(random.nextDouble() * dayEnd);
        double width = time(50 + random.nextDouble() * 600);
        List<VrpWindow> windows = switch (random.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of(new VrpWindow(open, open + width));
            default -> List.of(new VrpWindow(Math.floor(open / 2), Math.floor(open / 2 + width / 3)),
                    new VrpWindow(open + Math.floor(width / 2), open + width));
        };
        return new VrpJob(id, 1 + random.nextInt(PLACES - 1), time(random.nextDouble() * 20), windows, 1, 1, Set.of(), false);
    }

    List<VrpJob> jobs(int count) {
        List<VrpJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) jobs.add(job("j" + i));
        return jobs;
    }

    private double time(double t) {
        DoubleUnaryOperator round = wholeNumbers ? Math::floor : v -> v;
        return round.applyAsDouble(t);
    }
}
