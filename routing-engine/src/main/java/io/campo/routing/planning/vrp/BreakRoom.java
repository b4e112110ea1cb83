package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.List;

/**
 * A route lacking its break, timed once, that answers {@link RouteTimeline#fits} for the route with one more job at any
 * position in constant time: what {@link BreakRoomConstraint} asks at every position jsprit tries for a job, where
 * timing the whole route each time made a day with lunch cost 2.8 times a day without at the same work (1.6 now).
 *
 * <p>A job inserted before stop {@code q} leaves the stops before it timed as they are. The break is then taken in one
 * of four places: before one of those stops (the earliest the vehicle can be free after them with the break taken,
 * computed forwards once), just before the new job, just after it, or after one of the stops that follow (for each
 * stop, the latest the vehicle may be ready there with the break still to take, computed backwards once). Timing only
 * delays what follows, so each place reduces to comparing one time with one limit. A time within
 * {@link RouteTimeline#MARGIN} of a limit computed backwards is settled by timing the new route whole, so rounding never
 * makes the answer differ from {@code fits}.
 *
 * <p>Not thread-safe (it counts its whole timings); one per route and vehicle, for as long as the route does not change.
 */
final class BreakRoom {

    private final VrpVehicle vehicle;
    private final List<VrpJob> stops;
    private final VrpBreak rule;
    /** Free (leaving) after the first {@code i} stops without the break; +∞ once a stop is late. */
    private final double[] plainFree;
    /** Free after the first {@code i} stops with the break taken before one of them, the earliest; +∞ when none. */
    private final double[] breakFree;
    /** Per stop, the latest ready time for it and the rest without the break ({@link RouteTimeline#latestReady}). */
    private final double[] latestReady;
    /** Per stop, the latest ready time for it and the rest with the break taken after it; −∞ when none. */
    private final double[] latestReadyBreakAfter;
    private int timedWhole;

    BreakRoom(VrpVehicle vehicle, List<VrpJob> stops) {
        this.vehicle = vehicle;
        this.stops = stops;
        this.rule = vehicle.lunch().orElseThrow(() -> new IllegalArgumentException("vehicle " + vehicle.id() + " takes no break"));
        int n = stops.size();
        plainFree = new double[n + 1];
        breakFree = new double[n + 1];
        plainFree[0] = vehicle.earliestStart();
        breakFree[0] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int from = i == 0 ? vehicle.startPlace() : stops.get(i - 1).place();
            VrpJob job = stops.get(i);
            double travel = time(from, job.place());
            double withBreakBefore = serve(job, readyWithBreak(plainFree[i], travel));
            double withBreakEarlier = serve(job, breakFree[i] + travel);
            breakFree[i + 1] = Math.min(withBreakBefore, withBreakEarlier);
            plainFree[i + 1] = serve(job, plainFree[i] + travel);
        }
        latestReady = n == 0 ? new double[0] : RouteTimeline.latestReady(vehicle, stops);
        latestReadyBreakAfter = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            VrpJob job = stops.get(i);
            double latestFree = latestFreeBreakAfter(i);
            latestReadyBreakAfter[i] = RouteTimeline.latestReady(job, Math.min(vehicle.latestEnd(), latestFree) - job.serviceTime());
        }
    }

    /** Whether the route with {@code job} inserted before stop {@code q} ({@code stops} for last) is feasible, break included. */
    boolean fitsWith(VrpJob job, int q) {
        int n = stops.size();
        if (q < 0 || q > n) throw new IllegalArgumentException("position " + q + " outside 0.." + n);
        int from = q == 0 ? vehicle.startPlace() : stops.get(q - 1).place();
        double toJob = time(from, job.place());
        double plainFreeJob = serve(job, plainFree[q] + toJob);
        // late without the break: late with it, wherever it goes
        Verdict plain = rest(job, q, plainFreeJob, false);
        if (plain == Verdict.NO) return false;
        if (plain == Verdict.UNSURE) return timedWhole(job, q);
        boolean unsure = false;
        // the break before one of the stops before the job
        Verdict before = rest(job, q, serve(job, breakFree[q] + toJob), false);
        if (before == Verdict.YES) return true;
        unsure |= before == Verdict.UNSURE;
        // just before the job
        Verdict justBefore = rest(job, q, serve(job, readyWithBreak(plainFree[q], toJob)), false);
        if (justBefore == Verdict.YES) return true;
        unsure |= justBefore == Verdict.UNSURE;
        // just after the job, or after one of the stops that follow
        Verdict after = rest(job, q, plainFreeJob, true);
        if (after == Verdict.YES) return true;
        unsure |= after == Verdict.UNSURE;
        return unsure && timedWhole(job, q);
    }

    /** Times the route with the job whole: the rare case of a time within rounding of a limit. */
    private boolean timedWhole(VrpJob job, int q) {
        timedWhole++;
        List<VrpJob> jobs = new ArrayList<>(stops.size() + 1);
        jobs.addAll(stops.subList(0, q));
        jobs.add(job);
        jobs.addAll(stops.subList(q, stops.size()));
        return RouteTimeline.fits(vehicle, jobs);
    }

    /** How many answers needed the whole route timed. */
    int timedWhole() {
        return timedWhole;
    }

    private enum Verdict { YES, NO, UNSURE }

    /**
     * Whether the stops from {@code q} on fit once the new job is done at {@code free}: without the break, or with it
     * taken in some gap after the job when {@code breakAfter}.
     */
    private Verdict rest(VrpJob job, int q, double free, boolean breakAfter) {
        if (free == Double.POSITIVE_INFINITY) return Verdict.NO;
        int n = stops.size();
        if (q == n) {
            if (!breakAfter) {
                if (!vehicle.returnsToEnd()) return Verdict.YES;
                return free + time(job.place(), vehicle.endPlace()) > vehicle.latestEnd() ? Verdict.NO : Verdict.YES;
            }
            return breakAfterLastJob(free, job.place()) ? Verdict.YES : Verdict.NO;
        }
        double toNext = time(job.place(), stops.get(q).place());
        if (!breakAfter) return atMost(free + toNext, latestReady[q]);
        Verdict justAfter = atMost(readyWithBreak(free, toNext), latestReady[q]);
        if (justAfter == Verdict.YES) return Verdict.YES;
        Verdict later = atMost(free + toNext, latestReadyBreakAfter[q]);
        if (later == Verdict.YES) return Verdict.YES;
        return justAfter == Verdict.UNSURE || later == Verdict.UNSURE ? Verdict.UNSURE : Verdict.NO;
    }

    private static Verdict atMost(double ready, double limit) {
        if (ready < limit - RouteTimeline.MARGIN) return Verdict.YES;
        if (ready > limit + RouteTimeline.MARGIN || Double.isNaN(ready)) return Verdict.NO;
        return Verdict.UNSURE;
    }

    /**
     * The latest the vehicle may leave stop {@code i} for the stops after it to fit with the break taken in a gap after
     * it: just after it, or later.
     */
    private double latestFreeBreakAfter(int i) {
        int n = stops.size();
        int at = stops.get(i).place();
        double e = rule.earliestStart();
        double dur = rule.duration();
        double latestEnd = vehicle.latestEnd();
        if (e > rule.latestStart() || e + dur > latestEnd) return Double.NEGATIVE_INFINITY;
        double limit = Math.min(rule.latestStart(), latestEnd - dur);
        if (i == n - 1) {
            // after the last job: on the way to the end, or there
            return vehicle.returnsToEnd() ? Math.min(limit, latestEnd - time(at, vehicle.endPlace()) - dur) : limit;
        }
        double t = time(at, stops.get(i + 1).place());
        // ready at the next stop max(leaving + t, e) + dur: RouteTimeline's break on the way or at the door
        double justAfter = e + dur <= latestReady[i + 1] ? Math.min(limit, latestReady[i + 1] - dur - t) : Double.NEGATIVE_INFINITY;
        double later = latestReadyBreakAfter[i + 1] - t;
        return Math.max(justAfter, later);
    }

    /** Whether the break fits after the last job, done at {@code free} at {@code at}, as RouteTimeline times it. */
    private boolean breakAfterLastJob(double free, int at) {
        double breakStart = Math.max(rule.earliestStart(), free);
        if (breakStart > rule.latestStart() || breakStart + rule.duration() > vehicle.latestEnd()) return false;
        if (!vehicle.returnsToEnd()) return true;
        double arrive = free + time(at, vehicle.endPlace());
        if (breakStart < arrive) arrive += rule.duration();
        return arrive <= vehicle.latestEnd();
    }

    /** Ready after leaving at {@code free} for a trip of {@code travel} and taking the break in between; +∞ when it does not fit. */
    private double readyWithBreak(double free, double travel) {
        if (free == Double.POSITIVE_INFINITY) return free;
        return RouteTimeline.readyAfterBreak(rule, vehicle.latestEnd(), free, travel);
    }

    /** The end of service at {@code job} when ready at {@code ready}; +∞ when no window or the shift allows it. */
    private double serve(VrpJob job, double ready) {
        if (ready == Double.POSITIVE_INFINITY || Double.isNaN(ready)) return Double.POSITIVE_INFINITY;
        double start = RouteTimeline.earliestStart(job, ready);
        if (Double.isNaN(start) || start + job.serviceTime() > vehicle.latestEnd()) return Double.POSITIVE_INFINITY;
        return start + job.serviceTime();
    }

    private double time(int from, int to) {
        double time = vehicle.matrix().time(from, to);
        return Double.isFinite(time) ? time : Double.POSITIVE_INFINITY;
    }
}
