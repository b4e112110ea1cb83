package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a problem too big for one search into regions, each with its own vehicles and the jobs
 * near them, by recursive bisection: two far-apart poles are chosen among the jobs, and vehicles
 * and jobs are ordered by how much nearer they are to one pole than to the other. Vehicles are
 * halved by count and jobs in the same proportion, so every region keeps the whole problem's
 * ratio of jobs to vehicles. Only the travel matrix is needed, no coordinates.
 *
 * <p>Why: one jsprit iteration costs time in proportion to the whole problem (it re-evaluates
 * insertions in every route and clears per-vehicle state), so on 3,000 visits a search managed
 * well under a hundred iterations in 45 s. Regions of a few hundred jobs run thousands, and run
 * side by side on separate cores. What is lost is the exchange of jobs across a region's border.
 *
 * <p>A job whose side has no vehicle with its skills goes to the other side when a vehicle there
 * has them. Deterministic: the same problem always gives the same regions.
 *
 * <p>Stateless and thread-safe.
 */
final class RegionSplit {

    private RegionSplit() {
    }

    /** The regions, in a fixed order; the problem itself when it has at most {@code maxJobs} jobs or one vehicle. */
    static List<VrpProblem> split(VrpProblem problem, int maxJobs) {
        List<VrpProblem> regions = new ArrayList<>();
        bisect(problem, problem.vehicles(), problem.jobs(), maxJobs, regions);
        return regions;
    }

    private static void bisect(VrpProblem whole, List<VrpVehicle> vehicles, List<VrpJob> jobs, int maxJobs, List<VrpProblem> out) {
        if (jobs.size() <= maxJobs || vehicles.size() < 2) {
            out.add(new VrpProblem(vehicles, jobs, whole.objective()));
            return;
        }
        CostMatrix matrix = vehicles.get(0).matrix();
        int a = farthestJob(matrix, vehicles.get(0).startPlace(), jobs);
        int b = farthestJob(matrix, a, jobs);
        List<VrpVehicle> byVehicleKey = new ArrayList<>(vehicles);
        byVehicleKey.sort(Comparator.comparingDouble(v -> key(matrix, a, b, v.startPlace())));
        List<VrpJob> byJobKey = new ArrayList<>(jobs);
        byJobKey.sort(Comparator.comparingDouble(j -> key(matrix, a, b, j.place())));

        int leftVehicles = vehicles.size() / 2;
        int leftJobs = (int) Math.round((double) jobs.size() * leftVehicles / vehicles.size());
        List<VrpVehicle> left = byVehicleKey.subList(0, leftVehicles);
        List<VrpVehicle> right = byVehicleKey.subList(leftVehicles, vehicles.size());
        List<VrpJob> leftJobList = new ArrayList<>();
        List<VrpJob> rightJobList = new ArrayList<>();
        for (int i = 0; i < byJobKey.size(); i++) {
            VrpJob job = byJobKey.get(i);
            boolean goesLeft = i < leftJobs;
            if (goesLeft && !anyCanServe(left, job) && anyCanServe(right, job)) goesLeft = false;
            else if (!goesLeft && !anyCanServe(right, job) && anyCanServe(left, job)) goesLeft = true;
            (goesLeft ? leftJobList : rightJobList).add(job);
        }
        bisect(whole, List.copyOf(left), leftJobList, maxJobs, out);
        bisect(whole, List.copyOf(right), rightJobList, maxJobs, out);
    }

    /** Negative nearer pole {@code a}, positive nearer {@code b}; unreachable places sort in the middle. */
    private static double key(CostMatrix matrix, int a, int b, int place) {
        double toA = roundTrip(matrix, a, place);
        double toB = roundTrip(matrix, b, place);
        if (!Double.isFinite(toA) || !Double.isFinite(toB)) return 0;
        return toA - toB;
    }

    private static int farthestJob(CostMatrix matrix, int from, List<VrpJob> jobs) {
        int farthest = jobs.get(0).place();
        double longest = -1;
        for (VrpJob job : jobs) {
            double trip = roundTrip(matrix, from, job.place());
            if (Double.isFinite(trip) && trip > longest) {
                longest = trip;
                farthest = job.place();
            }
        }
        return farthest;
    }

    private static double roundTrip(CostMatrix matrix, int from, int to) {
        return matrix.time(from, to) + matrix.time(to, from);
    }

    private static boolean anyCanServe(List<VrpVehicle> vehicles, VrpJob job) {
        for (VrpVehicle vehicle : vehicles) if (vehicle.skills().containsAll(job.requiredSkills())) return true;
        return false;
    }
}
