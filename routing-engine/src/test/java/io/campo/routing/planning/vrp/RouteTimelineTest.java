package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Places on a line, 10 time units apart: depot 0 at x=0, job places 1..3 at x=10, 20, 30. */
class RouteTimelineTest {

    private final EuclideanMatrix line = new EuclideanMatrix(new double[]{0, 10, 20, 30}, new double[]{0, 0, 0, 0}, -1);

    @Test
    void waitsForTheWindowAndDelaysTheDepartureInstead() {
        RouteTimeline timeline = RouteTimeline.of(vehicle(Optional.empty()), List.of(job("a", 1, 50, 60)));

        assertTrue(timeline.feasible());
        assertEquals(40, timeline.departure(), 1e-9);
        assertEquals(50, timeline.arrival(0), 1e-9);
        assertEquals(50, timeline.serviceStart(0), 1e-9);
        assertEquals(55, timeline.serviceEnd(0), 1e-9);
        assertEquals(65, timeline.finish(), 1e-9);
        assertEquals(20, timeline.travelTime(), 1e-9);
    }

    @Test
    void takesTheBreakOnTheWayWhenItOpensBeforeArrival() {
        // break may start 12..20 and lasts 30; job a at place 1 is served 0..5, b at place 3 has no window
        RouteTimeline timeline = RouteTimeline.of(vehicle(Optional.of(new VrpBreak(12, 20, 30))),
                List.of(job("a", 1, 0, 100), job("b", 3, 0, 1000)));

        assertTrue(timeline.feasible());
        assertEquals(1, timeline.breakAfter());
        assertEquals(15, timeline.breakStart(), 1e-9);  // right after a's service ends at 15
        assertEquals(15 + 30 + 20, timeline.arrival(1), 1e-9);
    }

    @Test
    void takesTheBreakAtTheDoorWhileWaiting() {
        // b opens at 200: the agent arrives at 35, breaks from 100 (earliest), serves at 200
        RouteTimeline timeline = RouteTimeline.of(vehicle(Optional.of(new VrpBreak(100, 150, 30))),
                List.of(job("a", 1, 0, 100), job("b", 3, 200, 300)));

        assertTrue(timeline.feasible());
        assertEquals(35, timeline.arrival(1), 1e-9);
        assertEquals(100, timeline.breakStart(), 1e-9);
        assertEquals(200, timeline.serviceStart(1), 1e-9);
    }

    @Test
    void usesTheSecondWindowWhenTheFirstHasClosed() {
        VrpJob twoWindows = new VrpJob("a", 3, 5, List.of(new VrpWindow(0, 10), new VrpWindow(80, 90)), 1, 1, Set.of(), false);

        RouteTimeline timeline = RouteTimeline.of(vehicle(Optional.empty()), List.of(twoWindows));

        assertEquals(80, timeline.serviceStart(0), 1e-9);
    }

    @Test
    void reportsTheFirstLateStop() {
        RouteTimeline timeline = RouteTimeline.of(vehicle(Optional.empty()), List.of(job("a", 3, 0, 100), job("b", 1, 0, 20)));

        assertFalse(timeline.feasible());
        assertEquals(1, timeline.firstLateStop());
    }

    @Test
    void fitsAnswersAsTimingEveryGapDoes() {
        RandomDays days = new RandomDays(17);
        int fit = 0;
        int late = 0;
        for (int trial = 0; trial < 6_000; trial++) {
            VrpVehicle vehicle = days.vehicle(trial % 2 == 1, 0.8);
            List<VrpJob> jobs = days.jobs(days.random().nextInt(26));

            boolean expected = RouteTimeline.of(vehicle, jobs).feasible();

            assertEquals(expected, RouteTimeline.fits(vehicle, jobs), "trial " + trial + ": " + vehicle + " " + jobs);
            if (expected) fit++;
            else late++;
        }
        assertTrue(fit > 500 && late > 500, "both answers drawn often: " + fit + " fit, " + late + " late");
    }

    private VrpVehicle vehicle(Optional<VrpBreak> lunch) {
        return new VrpVehicle("v", line, 0, 0, 0, 1000, 10, Set.of(), lunch);
    }

    private static VrpJob job(String id, int place, double open, double close) {
        return new VrpJob(id, place, 5, List.of(new VrpWindow(open, close)), 1, 1, Set.of(), false);
    }
}
