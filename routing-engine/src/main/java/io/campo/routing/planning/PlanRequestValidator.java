package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.InvalidPlanRequestException;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Visit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link PlanRequest} before any work is done. Problems that make the whole request
 * meaningless (no agents, an agent's shift ending before it starts, a profile the road network
 * lacks, duplicate agent ids) are collected and thrown together as an
 * {@link InvalidPlanRequestException}; a malformed visit (a window ending before it starts, a
 * negative service time or value, an id used twice) only takes that visit out, reported as
 * {@link UnassignedVisit.Reason#INVALID_INPUT}, so that one bad row never sinks the plan.
 *
 * <p>Stateless and thread-safe.
 */
final class PlanRequestValidator {

    /** The request's usable part: agents and visits to plan, and the visits already rejected. */
    record Checked(List<Agent> agents, List<Visit> visits, List<UnassignedVisit> invalidVisits) {
    }

    Checked check(PlanRequest request, Set<TravelProfile> availableProfiles) {
        List<String> problems = new ArrayList<>();
        if (request.agents().isEmpty()) problems.add("the request has no agents; add at least one");
        if (request.visits().isEmpty()) problems.add("the request has no visits; add at least one");
        if (request.timeLimit().isNegative() || request.timeLimit().isZero())
            problems.add("timeLimit must be positive, was " + request.timeLimit());
        if (!(request.maxSnapDistanceMeters() >= 0))
            problems.add("maxSnapDistanceMeters must be >= 0, was " + request.maxSnapDistanceMeters());

        Map<String, Integer> agentCounts = counts(request.agents().stream().map(Agent::id).toList());
        agentCounts.forEach((id, count) -> {
            if (count > 1) problems.add("agent " + id + " appears " + count + " times; agent ids must be unique");
        });
        for (Agent agent : request.agents()) checkAgent(agent, availableProfiles, problems);
        if (!problems.isEmpty()) throw new InvalidPlanRequestException(problems);

        Map<String, Integer> visitCounts = counts(request.visits().stream().map(Visit::id).toList());
        List<Visit> visits = new ArrayList<>();
        List<UnassignedVisit> invalid = new ArrayList<>();
        Set<String> reportedDuplicates = new HashSet<>();
        for (Visit visit : request.visits()) {
            int count = visitCounts.get(visit.id());
            if (count > 1) {
                // all copies are left out: which one the dispatcher meant is a guess
                if (reportedDuplicates.add(visit.id()))
                    invalid.add(invalid(visit, "visit " + visit.id() + " appears " + count + " times in the request; visit ids must be unique"));
                continue;
            }
            String problem = visitProblem(visit);
            if (problem != null) invalid.add(invalid(visit, problem));
            else visits.add(visit);
        }
        return new Checked(request.agents(), visits, invalid);
    }

    private static void checkAgent(Agent agent, Set<TravelProfile> availableProfiles, List<String> problems) {
        String name = "agent " + agent.id();
        if (agent.id().isBlank()) problems.add("an agent has a blank id");
        if (!availableProfiles.contains(agent.profile()))
            problems.add(name + " travels by " + agent.profile().profileName() + ", but the road network was built only for "
                    + availableProfiles.stream().map(TravelProfile::profileName).sorted().collect(Collectors.joining(", ")));
        if (!agent.shiftEnd().isAfter(agent.shiftStart()))
            problems.add(name + ": shift ends at " + agent.shiftEnd() + ", before it starts at " + agent.shiftStart());
        if (agent.maxVisits() < 1) problems.add(name + ": maxVisits must be at least 1, was " + agent.maxVisits());
        agent.lunch().ifPresent(lunch -> {
            if (lunch.latestStart().isBefore(lunch.earliestStart()))
                problems.add(name + ": the break's latest start " + lunch.latestStart() + " is before its earliest start "
                        + lunch.earliestStart());
            else if (lunch.duration().isNegative())
                problems.add(name + ": the break lasts " + lunch.duration() + "; a duration must not be negative");
            else if (lunch.earliestStart().isBefore(agent.shiftStart())
                    || lunch.latestStart().plus(lunch.duration()).isAfter(agent.shiftEnd()))
                problems.add(name + ": the break (start " + lunch.earliestStart() + ".." + lunch.latestStart() + ", " + lunch.duration()
                        + ") does not fit in the shift " + agent.shiftStart() + ".." + agent.shiftEnd());
        });
    }

    /** What is wrong with the visit on its own, or null. */
    private static String visitProblem(Visit visit) {
        String name = "visit " + visit.id();
        if (visit.id().isBlank()) return "a visit has a blank id";
        for (int i = 0; i < visit.windows().size(); i++) {
            TimeWindow window = visit.windows().get(i);
            if (window.endsBeforeItStarts())
                return name + ": time window " + (i + 1) + " ends at " + window.end() + ", before it starts at " + window.start();
        }
        if (visit.serviceTime().isNegative()) return name + ": service time " + visit.serviceTime() + " is negative";
        if (visit.serviceTime().compareTo(Duration.ofHours(24)) > 0) return name + ": service time " + visit.serviceTime() + " is over a day";
        if (visit.value() < 0) return name + ": value " + visit.value() + " is negative";
        return null;
    }

    private static UnassignedVisit invalid(Visit visit, String message) {
        return new UnassignedVisit(visit.id(), UnassignedVisit.Reason.INVALID_INPUT, message);
    }

    private static Map<String, Integer> counts(List<String> ids) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }
}
