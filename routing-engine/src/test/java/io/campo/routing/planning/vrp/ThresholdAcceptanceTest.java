package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the acceptance's walk compares: travel, value left out, and on long routes a credit per used route. */
class ThresholdAcceptanceTest {

    @Test
    void onLongRoutesTheWalkMayOpenARouteThatCostsUpToItsCredit() {
        // 60 visits in 2 routes at 620: 62 legs of 10 on average, so a route is credited 8 legs = 80
        ThresholdAcceptance acceptance = acceptance();
        acceptance.calibrate(tally(620, 60, 2));

        assertTrue(acceptance.blended(tally(690, 60, 3)) < acceptance.blended(tally(620, 60, 2)), "a third route for 70 more");
        assertTrue(acceptance.blended(tally(710, 60, 3)) > acceptance.blended(tally(620, 60, 2)), "not for 90 more");
        assertEquals(620 - 2 * ThresholdAcceptance.ROUTE_CREDIT_LEGS * 10, acceptance.blended(tally(620, 60, 2)), 1e-9);
    }

    @Test
    void onShortRoutesEveryRouteIsJudgedOnItsTravelAlone() {
        // Solomon's shape: 40 visits in 8 routes, where a credit filled the walk with half-empty routes
        ThresholdAcceptance acceptance = acceptance();
        acceptance.calibrate(tally(480, 40, 8));

        assertTrue(acceptance.blended(tally(481, 40, 9)) > acceptance.blended(tally(480, 40, 8)));
        assertEquals(480, acceptance.blended(tally(480, 40, 8)), 1e-9);
    }

    @Test
    void regionsOfAMetropolitanDayAreNotCredited() {
        ThresholdAcceptance acceptance = acceptance(false);
        acceptance.calibrate(tally(620, 60, 2));

        assertEquals(620, acceptance.blended(tally(620, 60, 2)), 1e-9);
        assertTrue(acceptance.blended(tally(621, 60, 3)) > acceptance.blended(tally(620, 60, 2)));
    }

    private static ThresholdAcceptance acceptance() {
        return acceptance(true);
    }

    private static ThresholdAcceptance acceptance(boolean mayCreditRoutes) {
        EuclideanMatrix matrix = new EuclideanMatrix(new double[]{0, 1}, new double[]{0, 0}, -1);
        ValueObjective objective = new ValueObjective(Map.of(), new MatrixTransportCosts(matrix, TravelObjective.DISTANCE), 100);
        SearchClock clock = new SearchClock(new SolverSettings(1, Duration.ofSeconds(1), 10, 1));
        return new ThresholdAcceptance(objective, clock, 1, mayCreditRoutes);
    }

    private static ValueObjective.Tally tally(double travel, int routedJobs, int routes) {
        return new ValueObjective.Tally(travel, 0, 0, 0, routedJobs, routes, 0);
    }
}
