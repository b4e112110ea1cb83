package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.InvalidPlanRequestException;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Visit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.campo.routing.planning.DayPlannerTest.DAY;
import static io.campo.routing.planning.DayPlannerTest.agent;
import static io.campo.routing.planning.DayPlannerTest.assertValid;
import static io.campo.routing.planning.DayPlannerTest.request;
import static io.campo.routing.planning.DayPlannerTest.visits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: request-level faults fail with an error naming the item; a bad visit becomes an
 * unassigned visit with its reason while the rest is planned (and checked) as usual.
 */
class DayPlannerBadInputTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        DayPlannerTest.folder = folder;
        DayPlannerTest.startNetwork();
    }

    @AfterAll
    static void stop() {
        DayPlannerTest.stopNetwork();
    }

    @Test
    void oneBadVisitOfEachKindNeverSinksThePlan() {
        List<Visit> visits = new ArrayList<>(visits(12, 3));
        Visit good = visits.get(1);
        visits.add(new Visit("backwards", good.location(), Duration.ofMinutes(10),
                List.of(new TimeWindow(DAY.plus(Duration.ofHours(3)), DAY.plus(Duration.ofHours(2)))), 100, Set.of(), false));
        visits.add(new Visit("twice", good.location(), Duration.ofMinutes(10), List.of(), 100, Set.of(), false));
        visits.add(new Visit("twice", good.location(), Duration.ofMinutes(5), List.of(), 200, Set.of(), false));
        visits.add(new Visit("negative", good.location(), Duration.ofMinutes(10), List.of(), -5, Set.of(), false));
        visits.add(new Visit("far-away", new Coordinate(19.60, -99.00), Duration.ofMinutes(10), List.of(), 100, Set.of(), false));
        visits.add(new Visit("nonsense", new Coordinate(123, 500), Duration.ofMinutes(10), List.of(), 100, Set.of(), false));
        visits.add(new Visit("needs-a-locksmith", good.location(), Duration.ofMinutes(10), List.of(), 100, Set.of("locksmith"), true));
        visits.add(new Visit("at-midnight", good.location(), Duration.ofMinutes(10),
                List.of(new TimeWindow(DAY.plus(Duration.ofHours(14)), DAY.plus(Duration.ofHours(15)))), 100, Set.of(), true));
        visits.add(new Visit("yesterday", good.location(), Duration.ofMinutes(10),
                List.of(new TimeWindow(DAY.minus(Duration.ofHours(20)), DAY.minus(Duration.ofHours(19)))), 100, Set.of(), false));
        PlanRequest request = request(List.of(agent("a", TravelProfile.CAR, 8, Set.of("legal"), true)), visits, 200);

        PlanOutcome outcome = DayPlannerTest.planner.plan(request);

        assertValid(request, outcome);
        Map<String, UnassignedVisit> unassigned = outcome.plan().unassigned().stream()
                .collect(Collectors.toMap(UnassignedVisit::visitId, Function.identity()));
        assertReason(unassigned, "backwards", UnassignedVisit.Reason.INVALID_INPUT, "time window 1 ends at 2026-11-23T16:00:00Z, before it starts");
        assertReason(unassigned, "twice", UnassignedVisit.Reason.INVALID_INPUT, "visit twice appears 2 times");
        assertReason(unassigned, "negative", UnassignedVisit.Reason.INVALID_INPUT, "value -5 is negative");
        assertReason(unassigned, "far-away", UnassignedVisit.Reason.UNREACHABLE_LOCATION, "visit far-away is 21.9 km from any road usable by car");
        assertReason(unassigned, "nonsense", UnassignedVisit.Reason.UNREACHABLE_LOCATION, "invalid coordinates");
        assertReason(unassigned, "needs-a-locksmith", UnassignedVisit.Reason.MISSING_SKILL, "needs skills [locksmith]");
        assertReason(unassigned, "at-midnight", UnassignedVisit.Reason.WINDOW_UNREACHABLE, "no agent can start service within its time windows");
        assertReason(unassigned, "yesterday", UnassignedVisit.Reason.WINDOW_UNREACHABLE, "no agent can start service");
        assertTrue(outcome.plan().routes().get(0).stops().size() >= 8, "the good visits are still planned");
    }

    @Test
    void aShiftEndingBeforeItStartsNamesTheAgent() {
        Agent backwards = new Agent("night-owl", TravelProfile.CAR, DAY.plus(Duration.ofHours(9)), DAY, DayPlannerTest.center(),
                Optional.empty(), Optional.empty(), 5, Set.of());

        assertProblem(request(List.of(agent("a", TravelProfile.CAR, 8, Set.of(), false), backwards), visits(3, 1), 10),
                "agent night-owl: shift ends at 2026-11-23T14:00:00Z, before it starts at 2026-11-23T23:00:00Z");
    }

    @Test
    void aProfileTheNetworkLacksNamesTheAgent() {
        assertProblem(request(List.of(agent("rider", TravelProfile.MOTORCYCLE, 8, Set.of(), false)), visits(3, 1), 10),
                "agent rider travels by motorcycle, but the road network was built only for car, foot");
    }

    @Test
    void emptyListsAreRefused() {
        assertProblem(request(List.of(), visits(3, 1), 10), "the request has no agents");
        assertProblem(request(List.of(agent("a", TravelProfile.CAR, 8, Set.of(), false)), List.of(), 10), "the request has no visits");
        InvalidPlanRequestException early = assertThrows(InvalidPlanRequestException.class,
                () -> DayPlannerTest.planner.validate(request(List.of(), visits(3, 1), 10)));
        assertTrue(early.getMessage().contains("the request has no agents"), early.getMessage());
    }

    @Test
    void duplicateAgentIdsAreRefused() {
        assertProblem(request(List.of(agent("a", TravelProfile.CAR, 8, Set.of(), false), agent("a", TravelProfile.FOOT, 8, Set.of(), false)),
                visits(3, 1), 10), "agent a appears 2 times");
    }

    @Test
    void anAgentOutsideTheMapNamesTheAgent() {
        Agent lost = new Agent("lost", TravelProfile.CAR, DAY, DAY.plus(Duration.ofHours(8)), new Coordinate(19.9, -99.5),
                Optional.empty(), Optional.empty(), 5, Set.of());

        assertProblem(request(List.of(lost), visits(3, 1), 10), "agent lost start is 63.2 km from any road usable by car");
    }

    @Test
    void aBreakOutsideTheShiftNamesTheAgent() {
        Agent agent = new Agent("late-lunch", TravelProfile.CAR, DAY, DAY.plus(Duration.ofHours(4)), DayPlannerTest.center(),
                Optional.empty(), Optional.of(new AgentBreak(DAY.plus(Duration.ofHours(5)), DAY.plus(Duration.ofHours(6)), Duration.ofMinutes(30))),
                5, Set.of());

        assertProblem(request(List.of(agent), visits(3, 1), 10), "agent late-lunch: the break");
    }

    private static void assertProblem(PlanRequest request, String expected) {
        InvalidPlanRequestException e = assertThrows(InvalidPlanRequestException.class, () -> DayPlannerTest.planner.plan(request));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains(expected)), "expected \"" + expected + "\" in " + e.problems());
    }

    private static void assertReason(Map<String, UnassignedVisit> unassigned, String id, UnassignedVisit.Reason reason, String fragment) {
        UnassignedVisit u = unassigned.get(id);
        assertTrue(u != null, "visit " + id + " should be unassigned; unassigned: " + unassigned.keySet());
        assertEquals(reason, u.reason(), u.message());
        assertTrue(u.message().contains(fragment), "expected \"" + fragment + "\" in \"" + u.message() + "\"");
    }
}
