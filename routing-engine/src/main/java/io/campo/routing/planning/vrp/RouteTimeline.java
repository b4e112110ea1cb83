package io.campo.routing.planning.vrp;

import java.util.List;

/**
 * The times of one route: when the vehicle leaves, arrives at each job, starts and ends
 * service, takes its break, and finishes. Every consumer (the day planner's output, the
 * benchmarks' feasibility checks, the solver's repair) times routes with this one class.
 *
 * <p>Rules: service starts at the earliest moment inside a window; waiting is allowed. The
 * break, if the vehicle has one, is taken in the gap after some job (or before the first), as
 * soon as its window opens: on the way when it starts before the vehicle would arrive (the trip
 * then lasts that much longer), otherwise at the next door while waiting, or at the end after
 * arriving. Of all gaps, the one that finishes earliest is chosen. When the first job makes the
 * vehicle wait, the departure is delayed instead, so an agent does not leave home only to wait
 * at a door.
 *
 * <p>Immutable and thread-safe.
 */
public final class RouteTimeline {

    private final int stops;
    private final double departure;
    private final double[] arrival;
    private final double[] serviceStart;
    private final double[] serviceEnd;
    private final double[] legTime;
    private final double[] legDistance;
    private final double finish;
    private final double endLegTime;
    private final double endLegDistance;
    private final int breakAfter;
    private final double breakStart;
    private final double breakEnd;
    private final int firstLateStop;

    private RouteTimeline(Attempt attempt) {
        this.stops = attempt.arrival.length;
        this.departure = attempt.departure;
        this.arrival = attempt.arrival;
        this.serviceStart = attempt.serviceStart;
        this.serviceEnd = attempt.serviceEnd;
        this.legTime = attempt.legTime;
        this.legDistance = attempt.legDistance;
        this.finish = attempt.finish;
        this.endLegTime = attempt.endLegTime;
        this.endLegDistance = attempt.endLegDistance;
        this.breakAfter = attempt.breakAfter;
        this.breakStart = attempt.breakStart;
        this.breakEnd = attempt.breakStart + attempt.breakDuration;
        this.firstLateStop = attempt.firstLateStop;
    }

    /** Times {@code jobs}, served by {@code vehicle} in this order, choosing the best gap for its break. */
    public static RouteTimeline of(VrpVehicle vehicle, List<VrpJob> jobs) {
        if (vehicle.lunch().isEmpty() || jobs.isEmpty()) return new RouteTimeline(new Attempt(vehicle, jobs, -1).run());
        Attempt best = null;
        for (int gap = 0; gap <= jobs.size(); gap++) {
            Attempt attempt = new Attempt(vehicle, jobs, gap).run();
            if (best == null || better(attempt, best)) best = attempt;
        }
        return new RouteTimeline(best);
    }

    /**
     * Whether {@code vehicle} can serve {@code jobs} in this order: the same answer as {@code of(vehicle, jobs).feasible()}
     * in time linear in the route's length instead of its square. A break only delays what follows it, so a route late
     * without its break is late with it wherever it goes. Otherwise each gap is judged in constant time: the break
     * starts when the vehicle leaves the gap (as without the break, nothing before it changed) or when its window
     * opens, and the rest of the route fits if the vehicle is ready at the next stop no later than the latest ready time
     * that stop allows, computed once backwards from the end of the day. A ready time within {@link #MARGIN} of that
     * limit is settled by timing the gap exactly, so rounding never makes the two answers differ. The search asks this
     * at every insertion position it tries into a route still lacking its break ({@link BreakRoomConstraint}) and in
     * its polish, where timing every gap made days with lunch several times slower than days without.
     */
    public static boolean fits(VrpVehicle vehicle, List<VrpJob> jobs) {
        Attempt plain = new Attempt(vehicle, jobs, -1).run();
        if (plain.firstLateStop >= 0) return false;
        if (vehicle.lunch().isEmpty() || jobs.isEmpty()) return true;
        VrpBreak rule = vehicle.lunch().get();
        CostMatrix matrix = vehicle.matrix();
        double[] latestReady = latestReady(vehicle, jobs);
        int at = vehicle.startPlace();
        for (int gap = 0; gap < jobs.size(); gap++) {
            double leaves = gap == 0 ? vehicle.earliestStart() : plain.serviceEnd[gap - 1];
            if (leaves > rule.latestStart()) return false;  // and so at every later gap
            int place = jobs.get(gap).place();
            double ready = readyAfterBreak(rule, vehicle.latestEnd(), leaves, matrix.time(at, place));
            if (ready != Double.POSITIVE_INFINITY) {
                if (ready < latestReady[gap] - MARGIN) return true;
                if (ready <= latestReady[gap] + MARGIN && new Attempt(vehicle, jobs, gap).run().firstLateStop < 0) return true;
            }
            at = place;
        }
        return new Attempt(vehicle, jobs, jobs.size()).run().firstLateStop < 0;  // after the last job
    }

    /** Closer than this to a limit, {@link #fits} times the gap exactly rather than trust arithmetic done in another order. */
    static final double MARGIN = 1e-6;

    /**
     * Per stop, the latest moment the vehicle may be ready there (arrived, and any break taken) for it and every stop
     * after it to be served in a window and the day to end in time, with no break on the way; minus infinity when none.
     */
    static double[] latestReady(VrpVehicle vehicle, List<VrpJob> jobs) {
        CostMatrix matrix = vehicle.matrix();
        int n = jobs.size();
        double[] latest = new double[n];
        double latestFree = vehicle.returnsToEnd()
                ? vehicle.latestEnd() - matrix.time(jobs.get(n - 1).place(), vehicle.endPlace()) : Double.POSITIVE_INFINITY;
        for (int i = n - 1; i >= 0; i--) {
            VrpJob job = jobs.get(i);
            latest[i] = latestReady(job, Math.min(vehicle.latestEnd(), latestFree) - job.serviceTime());
            if (i > 0) latestFree = latest[i] - matrix.time(jobs.get(i - 1).place(), job.place());
        }
        return latest;
    }

    /**
     * The latest ready time from which {@link #earliestStart} starts the job by {@code latestStart}: in the last
     * window opening by then (windows are sorted and apart), up to its end.
     */
    static double latestReady(VrpJob job, double latestStart) {
        if (job.windows().isEmpty()) return latestStart;
        double latest = Double.NEGATIVE_INFINITY;
        for (VrpWindow window : job.windows()) {
            if (window.start() <= latestStart) latest = Math.min(window.end(), latestStart);
        }
        return latest;
    }

    /**
     * Ready at the next place after leaving at {@code free} for a trip of {@code travel}, the break taken on the way when
     * it starts before the vehicle would arrive, else at the door; +∞ when the break cannot start in its range or end by
     * {@code latestEnd}. The rule {@link Attempt} times a gap's break by, for the checks that judge a gap alone.
     */
    static double readyAfterBreak(VrpBreak rule, double latestEnd, double free, double travel) {
        double breakStart = Math.max(rule.earliestStart(), free);
        if (breakStart > rule.latestStart() || breakStart + rule.duration() > latestEnd) return Double.POSITIVE_INFINITY;
        double arrive = free + travel;
        if (breakStart < arrive) arrive += rule.duration();  // on the way
        return Math.max(arrive, breakStart + rule.duration());  // at the door, while waiting
    }

    /** The earliest service start at or after {@code ready} inside a window; NaN when every window has closed. */
    static double earliestStart(VrpJob job, double ready) {
        if (job.windows().isEmpty()) return ready;
        for (VrpWindow window : job.windows())
            if (ready <= window.end()) return Math.max(ready, window.start());
        return Double.NaN;
    }

    private static boolean better(Attempt a, Attempt b) {
        boolean aOk = a.firstLateStop < 0;
        boolean bOk = b.firstLateStop < 0;
        if (aOk != bOk) return aOk;
        if (!aOk) return a.firstLateStop > b.firstLateStop; // infeasible both: the one that gets further
        return a.finish < b.finish;
    }

    /** Whether every job is served inside a window and the shift, with the break taken in its range. */
    public boolean feasible() {
        return firstLateStop < 0;
    }

    /**
     * The first job that cannot be served in time, {@code stops()} when the jobs fit but the end
     * (or the break) does not, -1 when the route is feasible.
     */
    public int firstLateStop() {
        return firstLateStop;
    }

    public int stops() {
        return stops;
    }

    /** Leaving the start place. */
    public double departure() {
        return departure;
    }

    public double arrival(int stop) {
        return arrival[stop];
    }

    public double serviceStart(int stop) {
        return serviceStart[stop];
    }

    public double serviceEnd(int stop) {
        return serviceEnd[stop];
    }

    /** Travel time of the leg that ends at {@code stop}. */
    public double legTime(int stop) {
        return legTime[stop];
    }

    public double legDistance(int stop) {
        return legDistance[stop];
    }

    /** Arrival at the end place; for open routes the end of the last service (or the departure when empty). */
    public double finish() {
        return finish;
    }

    /** Total travel time, the leg to the end included. */
    public double travelTime() {
        double sum = endLegTime;
        for (double t : legTime) sum += t;
        return sum;
    }

    public double travelDistance() {
        double sum = endLegDistance;
        for (double d : legDistance) sum += d;
        return sum;
    }

    /** Jobs served before the break; -1 when no break is taken (no break rule, or no jobs). */
    public int breakAfter() {
        return breakAfter;
    }

    /** When the break starts; NaN when none is taken. */
    public double breakStart() {
        return breakStart;
    }

    public double breakEnd() {
        return breakEnd;
    }

    /** One pass over the route with the break in one given gap. */
    private static final class Attempt {
        final VrpVehicle vehicle;
        final List<VrpJob> jobs;
        final int breakAfter;
        final double[] arrival;
        final double[] serviceStart;
        final double[] serviceEnd;
        final double[] legTime;
        final double[] legDistance;
        double departure;
        double finish;
        double endLegTime;
        double endLegDistance;
        double breakStart = Double.NaN;
        double breakDuration = Double.NaN;
        int firstLateStop = -1;

        Attempt(VrpVehicle vehicle, List<VrpJob> jobs, int breakAfter) {
            this.vehicle = vehicle;
            this.jobs = jobs;
            this.breakAfter = breakAfter;
            int n = jobs.size();
            arrival = new double[n];
            serviceStart = new double[n];
            serviceEnd = new double[n];
            legTime = new double[n];
            legDistance = new double[n];
        }

        Attempt run() {
            CostMatrix matrix = vehicle.matrix();
            double latestEnd = vehicle.latestEnd();
            double free = vehicle.earliestStart();
            departure = free;
            int at = vehicle.startPlace();
            int n = jobs.size();
            for (int i = 0; i <= n; i++) {
                boolean breakHere = i == breakAfter;
                if (i == n && !vehicle.returnsToEnd()) {
                    finish = free;
                    if (breakHere && !takeBreakAfterwards(free, latestEnd)) late(n);
                    break;
                }
                int to = i < n ? jobs.get(i).place() : vehicle.endPlace();
                double time = matrix.time(at, to);
                double distance = matrix.distance(at, to);
                if (!Double.isFinite(time)) {
                    late(i);
                    return this;
                }
                double arrive = free + time;
                double ready = arrive;
                if (breakHere) {
                    VrpBreak rule = vehicle.lunch().orElseThrow();
                    breakStart = Math.max(rule.earliestStart(), free);
                    breakDuration = rule.duration();
                    if (breakStart > rule.latestStart() || breakStart + breakDuration > latestEnd) {
                        late(i);
                        return this;
                    }
                    if (breakStart < arrive) arrive += breakDuration;  // on the way
                    ready = Math.max(arrive, breakStart + breakDuration);  // at the door, while waiting
                }
                if (i == n) {
                    endLegTime = time;
                    endLegDistance = distance;
                    finish = arrive;
                    if (finish > latestEnd) late(n);
                    break;
                }
                VrpJob job = jobs.get(i);
                double start = earliestStart(job, ready);
                if (Double.isNaN(start) || start + job.serviceTime() > latestEnd) {
                    late(i);
                    return this;
                }
                arrival[i] = arrive;
                serviceStart[i] = start;
                serviceEnd[i] = start + job.serviceTime();
                legTime[i] = time;
                legDistance[i] = distance;
                free = serviceEnd[i];
                at = to;
            }
            if (n > 0 && breakAfter != 0 && serviceStart[0] > arrival[0]) {
                double wait = serviceStart[0] - arrival[0];
                departure += wait;
                arrival[0] += wait;
            }
            return this;
        }

        private boolean takeBreakAfterwards(double free, double latestEnd) {
            VrpBreak rule = vehicle.lunch().orElseThrow();
            breakStart = Math.max(rule.earliestStart(), free);
            breakDuration = rule.duration();
            return breakStart <= rule.latestStart() && breakStart + breakDuration <= latestEnd;
        }

        private void late(int stop) {
            if (firstLateStop < 0) firstLateStop = stop;
        }
    }
}
