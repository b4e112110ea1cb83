package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlannedBreak;
import io.campo.routing.api.PlannedStop;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Violation;
import io.campo.routing.api.Visit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Validates any {@link DayPlan} against its {@link PlanRequest} and the travel matrices,
 * independently of the solver that produced it: it shares no code with the planner, so a bug
 * in the solver's own bookkeeping cannot hide itself. Tests run it on every plan they produce.
 *
 * <p>Rules: every visit is routed or reported unassigned exactly once; routes belong to known
 * agents, one each; agents have the visits' skills and stay within their visit limit and
 * shift; service starts inside a window, lasts the service time, and never overlaps the break;
 * the break is taken, inside its allowed start range, for its full duration; every leg takes
 * exactly the matrix time, plus the break if it was taken on the way; leg and route totals
 * match the matrix; must-visit visits are left out only for a reason that makes them infeasible;
 * on a day planned by region, no leg goes from one region to another.
 *
 * <p>Times are compared with a tolerance of one second (planners count whole seconds, the
 * matrix milliseconds); distances with one metre per leg.
 *
 * <p>Stateless and thread-safe.
 */
public final class RouteChecker {

    static final Duration TOLERANCE = Duration.ofSeconds(1);
    private static final double SECONDS_TOLERANCE = 1.0;
    private static final double METERS_TOLERANCE_PER_LEG = 1.0;

    /**
     * @param matrices the matrix of each profile used by the request's agents
     * @return every violation found; empty when the plan is valid
     */
    public List<Violation> check(PlanRequest request, DayPlan plan, Map<TravelProfile, PlaceMatrix> matrices) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Agent> agents = new HashMap<>();
        request.agents().forEach(agent -> agents.putIfAbsent(agent.id(), agent));
        Map<String, Visit> visits = new HashMap<>();
        request.visits().forEach(visit -> visits.putIfAbsent(visit.id(), visit));
        Map<String, Integer> appearances = new HashMap<>();

        Set<String> routedAgents = new HashSet<>();
        for (AgentRoute route : plan.routes()) {
            Agent agent = agents.get(route.agentId());
            if (agent == null) {
                violations.add(new Violation("agent " + route.agentId(), "agent " + route.agentId() + " has a route but is not in the request"));
                continue;
            }
            if (!routedAgents.add(agent.id()))
                violations.add(new Violation("agent " + agent.id(), "agent " + agent.id() + " has more than one route"));
            route.stops().forEach(stop -> appearances.merge(stop.visitId(), 1, Integer::sum));
            new RouteWalk(agent, route, visits, matrices.get(agent.profile()), violations).check();
        }
        for (UnassignedVisit unassigned : plan.unassigned()) {
            appearances.merge(unassigned.visitId(), 1, Integer::sum);
            checkUnassigned(unassigned, visits.get(unassigned.visitId()), request.agents(), violations);
        }
        for (Visit visit : visits.values()) {
            int count = appearances.getOrDefault(visit.id(), 0);
            if (count == 0)
                violations.add(new Violation("visit " + visit.id(), "visit " + visit.id() + " is neither routed nor reported unassigned"));
            else if (count > 1)
                violations.add(new Violation("visit " + visit.id(), "visit " + visit.id() + " appears " + count + " times in the plan"));
        }
        for (String visitId : appearances.keySet())
            if (!visits.containsKey(visitId))
                violations.add(new Violation("visit " + visitId, "visit " + visitId + " is in the plan but not in the request"));
        return violations;
    }

    private static void checkUnassigned(UnassignedVisit unassigned, Visit visit, List<Agent> agents, List<Violation> violations) {
        if (visit == null) return;
        String subject = "visit " + visit.id();
        if (unassigned.reason() == UnassignedVisit.Reason.MISSING_SKILL) {
            for (Agent agent : agents)
                if (agent.skills().containsAll(visit.requiredSkills()))
                    violations.add(new Violation(subject, subject + " is reported as missing a skill, but agent "
                            + agent.id() + " has all of " + visit.requiredSkills()));
        }
        if (visit.mustVisit() && unassigned.reason() == UnassignedVisit.Reason.NO_TIME)
            violations.add(new Violation(subject, subject + " must be visited but was left out for lack of time;"
                    + " optional visits should have made room"));
    }

    /** Follows one route's timeline leg by leg. */
    private static final class RouteWalk {
        private final Agent agent;
        private final AgentRoute route;
        private final Map<String, Visit> visits;
        private final PlaceMatrix matrix;
        private final List<Violation> violations;
        private final String subject;
        private final Optional<PlannedBreak> lunch;
        private double travelSeconds;
        private double travelMeters;
        private int legs;

        RouteWalk(Agent agent, AgentRoute route, Map<String, Visit> visits, PlaceMatrix matrix, List<Violation> violations) {
            this.agent = agent;
            this.route = route;
            this.visits = visits;
            this.matrix = matrix;
            this.violations = violations;
            this.subject = "agent " + agent.id();
            this.lunch = route.lunch();
        }

        void check() {
            if (route.stops().size() > agent.maxVisits())
                fail("agent %s has %d visits, more than the maximum of %d", agent.id(), route.stops().size(), agent.maxVisits());
            if (route.departure().isBefore(agent.shiftStart().minus(TOLERANCE)))
                fail("agent %s leaves at %s, before the shift starts at %s", agent.id(), route.departure(), agent.shiftStart());
            checkLunch();
            if (matrix == null) {
                fail("agent %s travels by %s, but no matrix for that profile was given", agent.id(), agent.profile().profileName());
                return;
            }
            OptionalInt start = matrix.agentStart(agent.id());
            if (start.isEmpty()) {
                fail("agent %s has no start location in the %s matrix", agent.id(), agent.profile().profileName());
                return;
            }
            OptionalInt previous = start;
            Instant previousDeparture = route.departure();
            for (PlannedStop stop : route.stops()) {
                Visit visit = visits.get(stop.visitId());
                if (visit == null) {
                    previous = OptionalInt.empty();
                    previousDeparture = stop.departure();
                    continue;
                }
                OptionalInt here = matrix.visit(visit.id());
                if (here.isEmpty())
                    fail("visit %s is routed for agent %s but has no place in the %s matrix (was it snapped?)",
                            visit.id(), agent.id(), agent.profile().profileName());
                checkVisit(visit, stop);
                if (previous.isPresent() && here.isPresent())
                    checkLeg("visit " + visit.id(), previous.getAsInt(), here.getAsInt(), previousDeparture, stop.arrival(),
                            stop.travelSecondsFromPrevious(), stop.travelMetersFromPrevious(), true);
                previous = here;
                previousDeparture = stop.departure();
            }
            checkFinish(previous, previousDeparture);
            if (Math.abs(route.travelSeconds() - travelSeconds) > SECONDS_TOLERANCE * Math.max(1, legs))
                fail("agent %s reports %.1f s of travel, but its legs take %.1f s", agent.id(), route.travelSeconds(), travelSeconds);
            if (Math.abs(route.travelMeters() - travelMeters) > METERS_TOLERANCE_PER_LEG * Math.max(1, legs))
                fail("agent %s reports %.1f m of travel, but its legs are %.1f m", agent.id(), route.travelMeters(), travelMeters);
        }

        private void checkLunch() {
            if (agent.lunch().isEmpty()) {
                lunch.ifPresent(taken -> fail("agent %s takes a break it was not given", agent.id()));
                return;
            }
            AgentBreak rule = agent.lunch().get();
            if (lunch.isEmpty()) {
                if (!route.stops().isEmpty()) fail("agent %s works through without the required break", agent.id());
                return;
            }
            PlannedBreak taken = lunch.get();
            if (taken.start().isBefore(rule.earliestStart().minus(TOLERANCE)) || taken.start().isAfter(rule.latestStart().plus(TOLERANCE)))
                fail("agent %s starts the break at %s, outside %s..%s", agent.id(), taken.start(), rule.earliestStart(), rule.latestStart());
            if (Duration.between(taken.start(), taken.end()).compareTo(rule.duration().minus(TOLERANCE)) < 0)
                fail("agent %s breaks for %s, shorter than the required %s", agent.id(),
                        Duration.between(taken.start(), taken.end()), rule.duration());
        }

        private void checkVisit(Visit visit, PlannedStop stop) {
            String name = "visit " + visit.id();
            if (!agent.skills().containsAll(visit.requiredSkills()))
                failFor(name, "%s needs skills %s, but agent %s has %s", name, visit.requiredSkills(), agent.id(), agent.skills());
            if (stop.serviceStart().isBefore(stop.arrival().minus(TOLERANCE)))
                failFor(name, "%s: service starts at %s, before agent %s arrives at %s", name, stop.serviceStart(), agent.id(), stop.arrival());
            if (!visit.windows().isEmpty() && visit.windows().stream().noneMatch(window -> startsWithin(window, stop.serviceStart())))
                failFor(name, "%s: service starts at %s, outside all of its windows %s", name, stop.serviceStart(), visit.windows());
            Instant expectedDeparture = stop.serviceStart().plus(visit.serviceTime());
            if (differ(stop.departure(), expectedDeparture))
                failFor(name, "%s: agent %s leaves at %s, but service of %s from %s ends at %s", name, agent.id(), stop.departure(),
                        visit.serviceTime(), stop.serviceStart(), expectedDeparture);
            if (stop.serviceStart().isBefore(agent.shiftStart().minus(TOLERANCE)) || stop.departure().isAfter(agent.shiftEnd().plus(TOLERANCE)))
                failFor(name, "%s: served %s..%s, outside agent %s's shift %s..%s", name, stop.serviceStart(), stop.departure(), agent.id(),
                        agent.shiftStart(), agent.shiftEnd());
            lunch.ifPresent(taken -> {
                if (overlapSeconds(taken.start(), taken.end(), stop.serviceStart(), stop.departure()) > SECONDS_TOLERANCE)
                    failFor(name, "%s: agent %s's break %s..%s overlaps the service %s..%s", name, agent.id(), taken.start(), taken.end(),
                            stop.serviceStart(), stop.departure());
            });
        }

        private void checkFinish(OptionalInt previous, Instant previousDeparture) {
            if (route.finish().isAfter(agent.shiftEnd().plus(TOLERANCE)))
                fail("agent %s finishes at %s, after the shift ends at %s", agent.id(), route.finish(), agent.shiftEnd());
            if (agent.end().isEmpty()) {
                if (differ(route.finish(), previousDeparture))
                    fail("agent %s has no end location, so the day ends at %s, not %s", agent.id(), previousDeparture, route.finish());
                return;
            }
            OptionalInt end = matrix.agentEnd(agent.id());
            if (end.isEmpty()) {
                fail("agent %s has no end location in the %s matrix", agent.id(), agent.profile().profileName());
                return;
            }
            if (previous.isPresent())
                checkLeg("the end", previous.getAsInt(), end.getAsInt(), previousDeparture, route.finish(), Double.NaN, Double.NaN, false);
        }

        /** Checks one leg against the matrix; {@code reported*} are NaN where the plan reports no per-leg figures. */
        private void checkLeg(String destination, int from, int to, Instant departure, Instant arrival,
                              double reportedSeconds, double reportedMeters, boolean isStop) {
            legs++;
            if (!matrix.sameRegion(from, to)) {
                fail("agent %s goes to %s from a place of another planning region (%d to %d): no route may cross regions",
                        agent.id(), destination, matrix.region(from) + 1, matrix.region(to) + 1);
                return;
            }
            if (!matrix.isReachable(from, to)) {
                fail("agent %s cannot reach %s from the previous place: no road route", agent.id(), destination);
                return;
            }
            double seconds = matrix.seconds(from, to);
            double meters = matrix.meters(from, to);
            travelSeconds += seconds;
            travelMeters += meters;
            double lunchOnTheWay = lunch.map(taken -> overlapSeconds(taken.start(), taken.end(), departure, arrival)).orElse(0.0);
            double elapsed = Duration.between(departure, arrival).toMillis() / 1000.0;
            if (elapsed < seconds - SECONDS_TOLERANCE)
                fail("agent %s reaches %s %.0f s after leaving, faster than the %.0f s the road takes", agent.id(), destination, elapsed, seconds);
            else if (elapsed > seconds + lunchOnTheWay + SECONDS_TOLERANCE)
                fail("agent %s reaches %s %.0f s after leaving; the road takes %.0f s%s, leaving time unaccounted for", agent.id(),
                        destination, elapsed, seconds, lunchOnTheWay > 0 ? String.format(" plus %.0f s of break", lunchOnTheWay) : "");
            if (isStop && Math.abs(reportedSeconds - seconds) > SECONDS_TOLERANCE)
                fail("agent %s: the leg to %s is reported as %.1f s, the matrix says %.1f s", agent.id(), destination, reportedSeconds, seconds);
            if (isStop && Math.abs(reportedMeters - meters) > METERS_TOLERANCE_PER_LEG)
                fail("agent %s: the leg to %s is reported as %.1f m, the matrix says %.1f m", agent.id(), destination, reportedMeters, meters);
        }

        private static boolean startsWithin(TimeWindow window, Instant start) {
            return !start.isBefore(window.start().minus(TOLERANCE)) && !start.isAfter(window.end().plus(TOLERANCE));
        }

        private static boolean differ(Instant a, Instant b) {
            return Duration.between(a, b).abs().compareTo(TOLERANCE) > 0;
        }

        private static double overlapSeconds(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
            Instant start = aStart.isAfter(bStart) ? aStart : bStart;
            Instant end = aEnd.isBefore(bEnd) ? aEnd : bEnd;
            return end.isAfter(start) ? Duration.between(start, end).toMillis() / 1000.0 : 0;
        }

        private void fail(String format, Object... args) {
            failFor(subject, format, args);
        }

        private void failFor(String about, String format, Object... args) {
            violations.add(new Violation(about, String.format(Locale.ROOT, format, args)));
        }
    }
}
