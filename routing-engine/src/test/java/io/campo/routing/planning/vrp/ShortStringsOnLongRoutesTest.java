package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.algorithm.ruin.RuinString;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.util.Solutions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShortStringsOnLongRoutesTest {

    @Test
    void aSearchOnLongRoutesRemovesShortStringsAndOneOnShortRoutesKeepsJspritsLengths() {
        // two agents, 60 visits: routes of about 30 stops
        JspritVrpSolver.Search longRoutes = JspritVrpSolver.prepare(DayProblems.day(60, 2, 100), settings(20), 5);
        VehicleRoute route = longestRoute(longRoutes);
        assertTrue(route.getTourActivities().jobSize() >= 20, "a long route: " + route.getTourActivities().jobSize());
        RuinString ruin = stringRuin(longRoutes);

        int most = mostRemoved(ruin, route);

        assertTrue(longRoutes.strings().orElseThrow().shortened());
        assertTrue(most <= ShortStringsOnLongRoutes.MAX_LENGTH - 1, "at most " + (ShortStringsOnLongRoutes.MAX_LENGTH - 1) + ": " + most);
        assertTrue(most >= ShortStringsOnLongRoutes.MIN_LENGTH, "strings still removed: " + most);

        // capacity 5: eight routes of five stops, where jsprit's strings take a whole route
        JspritVrpSolver.Search shortRoutes = JspritVrpSolver.prepare(DayProblems.day(40, 8, 5), settings(20), 5);
        shortRoutes.algorithm().searchSolutions();
        assertFalse(shortRoutes.strings().orElseThrow().shortened());
    }

    @Test
    void beforeTheFirstIterationJspritsLongStringsTakeMostOfALongRoute() {
        JspritVrpSolver.Search searched = JspritVrpSolver.prepare(DayProblems.day(60, 2, 100), settings(20), 5);
        VehicleRoute route = longestRoute(searched);
        JspritVrpSolver.Search fresh = JspritVrpSolver.prepare(DayProblems.day(60, 2, 100), settings(20), 5);

        int most = mostRemoved(stringRuin(fresh), route);

        assertFalse(fresh.strings().orElseThrow().shortened(), "not decided before the first iteration");
        assertTrue(most >= ShortStringsOnLongRoutes.MAX_LENGTH, "jsprit removes 10–29 jobs: " + most);
    }

    @Test
    void problemsSolvedByRegionsKeepJspritsStrings() {
        assertEquals(java.util.Optional.empty(),
                JspritVrpSolver.prepare(DayProblems.day(JspritVrpSolver.SMALL + 1, 12, 100), settings(1), 5).strings());
    }

    /** Runs the search, then the longest route of its best. */
    private static VehicleRoute longestRoute(JspritVrpSolver.Search search) {
        return Solutions.bestOf(search.algorithm().searchSolutions()).getRoutes().stream()
                .max(Comparator.comparingInt(r -> r.getTourActivities().jobSize())).orElseThrow();
    }

    /** The most jobs the ruin removes from a copy of the route, in 300 tries. */
    private static int mostRemoved(RuinString ruin, VehicleRoute route) {
        int most = 0;
        for (int i = 0; i < 300; i++) most = Math.max(most, ruin.ruin(List.of(VehicleRoute.copyOf(route))).size());
        return most;
    }

    private static RuinString stringRuin(JspritVrpSolver.Search search) {
        List<RuinString> ruins = AlgorithmRuins.of(search.algorithm(), RuinString.class);
        assertEquals(1, ruins.size(), "jsprit's mix has one string ruin");
        return ruins.get(0);
    }

    private static SolverSettings settings(int iterations) {
        return new SolverSettings(1, Duration.ofSeconds(30), iterations, 1);
    }
}
