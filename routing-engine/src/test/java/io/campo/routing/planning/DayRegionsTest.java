package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Visit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The geographic cut of a big day, on coordinates alone (no road network needed). */
class DayRegionsTest {

    static final Instant DAY = Instant.parse("2026-11-23T14:00:00Z");
    /** Mexico City, about 30 km east-west and 20 km north-south. */
    static final double SOUTH = 19.30, NORTH = 19.48, WEST = -99.28, EAST = -99.00;

    @Test
    void aMetropolitanDayBecomesFourBalancedRegionsOfAtMostTheLimit() {
        List<Agent> agents = agents(500, 1);
        List<Visit> visits = visits(15_000, 2);

        List<DayRegions.Region> regions = DayRegions.split(agents, visits, 5_000);

        assertEquals(4, regions.size());
        Set<String> agentIds = new HashSet<>();
        Set<String> visitIds = new HashSet<>();
        for (DayRegions.Region region : regions) {
            assertTrue(region.points() <= 5_000, "region of " + region.points() + " points");
            assertEquals(125, region.agents().size());
            // the day's ratio of visits to agents holds, up to the skilled visits moved to a skilled agent's side
            assertTrue(Math.abs(region.visits().size() - 3_750) <= 100, "region of " + region.visits().size() + " visits");
            region.agents().forEach(agent -> assertTrue(agentIds.add(agent.id()), "agent " + agent.id() + " in two regions"));
            region.visits().forEach(visit -> assertTrue(visitIds.add(visit.id()), "visit " + visit.id() + " in two regions"));
        }
        assertEquals(500, agentIds.size());
        assertEquals(15_000, visitIds.size());
    }

    @Test
    void regionsAreCompactAlongTheLongerSide() {
        // the city is wider than tall: the first cut is east-west, so the two halves' longitudes hardly overlap
        List<DayRegions.Region> halves = DayRegions.split(agents(40, 3), visits(400, 4), 300);

        assertEquals(2, halves.size());
        double westHalfEastmost = halves.get(0).visits().stream().mapToDouble(v -> v.location().longitude()).max().orElseThrow();
        double eastHalfWestmost = halves.get(1).visits().stream().mapToDouble(v -> v.location().longitude()).min().orElseThrow();
        assertTrue(westHalfEastmost <= eastHalfWestmost + 0.01, westHalfEastmost + " vs " + eastHalfWestmost);
        double agentsWestEastmost = halves.get(0).agents().stream().mapToDouble(a -> a.start().longitude()).max().orElseThrow();
        assertTrue(agentsWestEastmost <= halves.get(1).agents().stream().mapToDouble(a -> a.start().longitude()).min().orElseThrow());
    }

    @Test
    void aSkilledVisitGoesWhereAnAgentHasTheSkill() {
        List<Agent> agents = new ArrayList<>(agents(8, 5));
        // only one agent, in the far east, has "legal"
        for (int i = 0; i < agents.size(); i++) agents.set(i, withSkills(agents.get(i), Set.of()));
        agents.set(0, withSkills(at(agents.get(0), new Coordinate(19.40, EAST)), Set.of("legal")));
        List<Visit> visits = visits(200, 6);

        List<DayRegions.Region> regions = DayRegions.split(agents, visits, 60);

        assertTrue(regions.size() >= 4);
        int legal = 0;
        for (DayRegions.Region region : regions)
            for (Visit visit : region.visits())
                if (visit.requiredSkills().contains("legal")) {
                    legal++;
                    assertTrue(region.agents().stream().anyMatch(a -> a.skills().contains("legal")),
                            "visit " + visit.id() + " needs legal but its region has no legal agent");
                }
        assertEquals(20, legal);
    }

    @Test
    void aDayThatFitsIsOneRegionAndTheSplitIsDeterministic() {
        List<Agent> agents = agents(100, 7);
        List<Visit> visits = visits(3_000, 8);

        List<DayRegions.Region> whole = DayRegions.split(agents, visits, 5_000);

        assertEquals(1, whole.size());
        assertEquals(agents, whole.get(0).agents());
        assertEquals(visits, whole.get(0).visits());
        assertEquals(DayRegions.split(agents, visits, 1_000), DayRegions.split(agents, visits, 1_000));
    }

    @Test
    void aCutThatWouldLeaveASideWithoutVisitsIsNotMade() {
        // many agents, one visit: no cut can give both sides work
        List<Agent> agents = agents(50, 9);
        List<Visit> one = visits(1, 10);

        List<DayRegions.Region> regions = DayRegions.split(agents, one, 20);

        assertEquals(1, regions.size());
        assertSame(one.get(0), regions.get(0).visits().get(0));
    }

    @Test
    void invalidCoordinatesDoNotBreakTheCut() {
        List<Visit> visits = new ArrayList<>(visits(100, 11));
        Visit broken = visits.get(3);
        visits.set(3, new Visit(broken.id(), new Coordinate(Double.NaN, 500), broken.serviceTime(), List.of(), 1, Set.of(), false));

        List<DayRegions.Region> regions = DayRegions.split(agents(6, 12), visits, 40);

        assertEquals(100, regions.stream().mapToInt(r -> r.visits().size()).sum());
    }

    @Test
    void aLimitBelowOneAgentsPointsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DayRegions.split(agents(2, 1), visits(2, 1), 2));
    }

    static List<Agent> agents(int count, long seed) {
        Random random = new Random(seed);
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Coordinate home = random(random);
            agents.add(new Agent("agent-" + i, TravelProfile.CAR, DAY, DAY.plus(Duration.ofHours(9)), home, Optional.of(home),
                    Optional.empty(), 40, i % 5 == 0 ? Set.of("legal") : Set.of()));
        }
        return agents;
    }

    static List<Visit> visits(int count, long seed) {
        Random random = new Random(seed);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < count; i++)
            visits.add(new Visit("visit-" + i, random(random), Duration.ofMinutes(10), List.of(), 1_000, i % 10 == 0 ? Set.of("legal") : Set.of(),
                    false));
        return visits;
    }

    static Coordinate random(Random random) {
        return new Coordinate(SOUTH + random.nextDouble() * (NORTH - SOUTH), WEST + random.nextDouble() * (EAST - WEST));
    }

    static Agent withSkills(Agent agent, Set<String> skills) {
        return new Agent(agent.id(), agent.profile(), agent.shiftStart(), agent.shiftEnd(), agent.start(), agent.end(), agent.lunch(),
                agent.maxVisits(), skills);
    }

    static Agent at(Agent agent, Coordinate home) {
        return new Agent(agent.id(), agent.profile(), agent.shiftStart(), agent.shiftEnd(), home, Optional.of(home), agent.lunch(),
                agent.maxVisits(), agent.skills());
    }
}
