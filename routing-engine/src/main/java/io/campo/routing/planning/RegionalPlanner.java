package io.campo.routing.planning;

import io.campo.routing.api.AgentRoute;
import io.campo.routing.api.DayPlan;
import io.campo.routing.api.InvalidPlanRequestException;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.PlanStatistics;
import io.campo.routing.api.PlanningProgress;
import io.campo.routing.api.SearchScore;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Visit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a day cut into {@link DayRegions} one region after another, each as a whole day of its own
 * (its own snapping, matrix, search and geometry), and joins the regions' routes, unassigned
 * visits, matrices and statistics into one {@link PlanOutcome}.
 *
 * <p>Regions run one at a time, each with every solver thread (the solver searches its
 * sub-regions side by side), so the two cores are busy without being oversubscribed and only one
 * region's matrix is being built at a time. The request's search time limit is the budget of the
 * whole day: each region gets the share of what is left that its visits are of the visits left, so
 * a region whose search overran (construction on a busy machine) shortens the ones after it.
 * Region k searches with a seed derived from the request's and k, so a work-bounded plan is
 * reproducible.
 *
 * <p>Stateless and thread-safe.
 */
final class RegionalPlanner {

    private static final Logger log = LoggerFactory.getLogger(RegionalPlanner.class);

    /** Region seeds are this far apart; prime, and unlike the solver's own stride between parallel searches. */
    static final long REGION_SEED_STRIDE = 7_919L;

    /** Plans one region as a whole day: {@link DayPlanner}'s own path. */
    @FunctionalInterface
    interface WholeDay {
        PlanOutcome plan(PlanRequest request, PlanRequestValidator.Checked checked, PlanningProgress progress);
    }

    private final WholeDay wholeDay;

    RegionalPlanner(WholeDay wholeDay) {
        this.wholeDay = wholeDay;
    }

    /**
     * @param checked the whole request's usable part; its invalid visits are reported with the plan
     * @param regions from {@link DayRegions#split}, over exactly {@code checked}'s agents and visits
     * @throws InvalidPlanRequestException with the problems of every region (agents that cannot be snapped…)
     */
    PlanOutcome plan(PlanRequest request, PlanRequestValidator.Checked checked, List<DayRegions.Region> regions,
                     PlanningProgress progress) {
        int visitsLeft = regions.stream().mapToInt(region -> region.visits().size()).sum();
        long searchNanosLeft = request.timeLimit().toNanos();
        List<PlanOutcome> outcomes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < regions.size(); k++) {
            DayRegions.Region region = regions.get(k);
            long share = Math.max(1_000_000L, Math.round((double) searchNanosLeft * region.visits().size() / visitsLeft));
            PlanRequest part = new PlanRequest(request.date(), region.agents(), region.visits(), request.seed() + REGION_SEED_STRIDE * k,
                    Duration.ofNanos(share), request.maxSnapDistanceMeters(), request.maxIterations());
            try {
                PlanOutcome outcome = wholeDay.plan(part, new PlanRequestValidator.Checked(region.agents(), region.visits(), List.of()),
                        new RegionProgress(progress, k, regions.size()));
                outcomes.add(outcome);
                searchNanosLeft = Math.max(0, searchNanosLeft - outcome.statistics().optimising().toNanos());
            } catch (InvalidPlanRequestException e) {
                problems.addAll(e.problems());
            }
            visitsLeft -= region.visits().size();
        }
        if (!problems.isEmpty()) throw new InvalidPlanRequestException(problems);
        PlanOutcome joined = join(request, checked, outcomes);
        progress.update(PlanningProgress.Phase.DONE, 1.0);
        log.info("planned {} agents, {} visits in {} regions: {} routed, {} unassigned in {} ms ({} iterations)", checked.agents().size(),
                request.visits().size(), regions.size(), joined.plan().routes().stream().mapToInt(r -> r.stops().size()).sum(),
                joined.plan().unassigned().size(), joined.statistics().total().toMillis(), joined.statistics().iterations());
        return joined;
    }

    private static PlanOutcome join(PlanRequest request, PlanRequestValidator.Checked checked, List<PlanOutcome> outcomes) {
        Map<String, AgentRoute> routesByAgent = new HashMap<>();
        Map<String, UnassignedVisit> unassigned = new HashMap<>();
        checked.invalidVisits().forEach(u -> unassigned.put(u.visitId(), u));
        Map<TravelProfile, List<PlaceMatrix>> matrixParts = new EnumMap<>(TravelProfile.class);
        Duration snapping = Duration.ZERO, matrix = Duration.ZERO, optimising = Duration.ZERO, geometry = Duration.ZERO;
        int iterations = 0;
        SearchScore first = SearchScore.NONE;
        SearchScore best = SearchScore.NONE;
        for (PlanOutcome outcome : outcomes) {
            outcome.plan().routes().forEach(route -> routesByAgent.put(route.agentId(), route));
            outcome.plan().unassigned().forEach(u -> unassigned.put(u.visitId(), u));
            outcome.matrices().forEach((profile, part) -> matrixParts.computeIfAbsent(profile, p -> new ArrayList<>()).add(part));
            PlanStatistics s = outcome.statistics();
            snapping = snapping.plus(s.snapping());
            matrix = matrix.plus(s.matrix());
            optimising = optimising.plus(s.optimising());
            geometry = geometry.plus(s.geometry());
            iterations += s.iterations();
            first = first.plus(s.firstSolution());
            best = best.plus(s.bestSolution());
        }
        List<AgentRoute> routes = new ArrayList<>();
        checked.agents().forEach(agent -> {
            AgentRoute route = routesByAgent.get(agent.id());
            if (route != null) routes.add(route);
        });
        List<UnassignedVisit> inRequestOrder = new ArrayList<>();
        for (Visit visit : request.visits()) {
            UnassignedVisit u = unassigned.remove(visit.id());
            if (u != null) inRequestOrder.add(u);
        }
        Map<TravelProfile, PlaceMatrix> matrices = new EnumMap<>(TravelProfile.class);
        matrixParts.forEach((profile, parts) -> matrices.put(profile, PlaceMatrix.joined(parts)));
        return new PlanOutcome(new DayPlan(routes, inRequestOrder), matrices,
                new PlanStatistics(snapping, matrix, optimising, geometry, iterations, first, best));
    }

    /** A region's progress as its slice of the whole day's; the day is done only after the last region. */
    private record RegionProgress(PlanningProgress day, int region, int regions) implements PlanningProgress {
        @Override
        public void update(Phase phase, double fraction) {
            if (phase == Phase.DONE) return;
            day.update(phase, (region + fraction) / regions);
        }
    }
}
