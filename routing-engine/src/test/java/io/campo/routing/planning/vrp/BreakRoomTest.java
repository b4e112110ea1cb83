package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreakRoomTest {

    @Test
    void answersAsTimingTheRouteWithTheJobAtEveryPosition() {
        // random days with lunch, each route built of jobs that fit so that insertions are often feasible; every other
        // day on whole numbers, where times meet limits exactly
        RandomDays days = new RandomDays(29);
        int fit = 0;
        int late = 0;
        int asked = 0;
        int timedWhole = 0;
        for (int trial = 0; trial < 500; trial++) {
            VrpVehicle vehicle = days.vehicle(trial % 2 == 1, 1.0);
            List<VrpJob> route = new ArrayList<>();
            for (VrpJob job : days.jobs(days.random().nextInt(40))) {
                List<VrpJob> longer = new ArrayList<>(route);
                longer.add(days.random().nextInt(longer.size() + 1), job);
                if (RouteTimeline.fits(vehicle, longer)) route = longer;
            }
            BreakRoom room = new BreakRoom(vehicle, List.copyOf(route));
            for (int candidate = 0; candidate < 4; candidate++) {
                VrpJob job = days.job("new" + candidate);
                for (int q = 0; q <= route.size(); q++) {
                    List<VrpJob> longer = new ArrayList<>(route);
                    longer.add(q, job);

                    boolean expected = RouteTimeline.fits(vehicle, longer);

                    assertEquals(expected, room.fitsWith(job, q), "trial " + trial + " position " + q + ": " + vehicle + " " + longer);
                    asked++;
                    if (expected) fit++;
                    else late++;
                }
            }
            timedWhole += room.timedWhole();
        }
        assertTrue(fit > 2_000 && late > 2_000, "both answers drawn often: " + fit + " fit, " + late + " late");
        assertTrue(timedWhole < asked / 20, "the route timed whole only near a limit: " + timedWhole + " of " + asked);
    }

    @Test
    void anEmptyRouteTakesAJobThatFitsWithTheBreak() {
        RandomDays days = new RandomDays(3);
        VrpVehicle vehicle = days.vehicle(false, 1.0);
        for (int i = 0; i < 200; i++) {
            VrpJob job = days.job("j" + i);
            assertEquals(RouteTimeline.fits(vehicle, List.of(job)), new BreakRoom(vehicle, List.of()).fitsWith(job, 0), job.toString());
        }
    }

    @Test
    void refusesAPositionOutsideTheRouteAndAVehicleWithoutBreak() {
        RandomDays days = new RandomDays(5);
        VrpVehicle vehicle = days.vehicle(false, 1.0);
        BreakRoom room = new BreakRoom(vehicle, List.of(days.job("a")));
        assertThrows(IllegalArgumentException.class, () -> room.fitsWith(days.job("b"), 2));
        assertThrows(IllegalArgumentException.class, () -> room.fitsWith(days.job("b"), -1));
        assertThrows(IllegalArgumentException.class, () -> new BreakRoom(days.vehicle(false, 0.0), List.of()));
    }
}
