package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.UnassignedVisit;
import io.campo.routing.api.Visit;
import io.campo.routing.planning.vrp.RouteTimeline;
import io.campo.routing.planning.vrp.VrpJob;
import io.campo.routing.planning.vrp.VrpVehicle;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, before the search, the visits no agent could serve even with nothing else to do, and
 * says why in the order a dispatcher would fix it: no agent has the skills; no agent's roads
 * reach the address; no agent can arrive within a window during the shift. Such visits are kept
 * out of the search (they would only cost it time) and reported with that reason; whatever the
 * search leaves out afterwards was feasible alone and lost to more valuable visits.
 *
 * <p>Stateless and thread-safe.
 */
final class VisitTriage {

    /**
     * @param vehicles          one per agent, in the same order as {@code agents}
     * @param snapFailure why the address could not be placed for a profile that failed, or
     *                    empty when every profile placed it
     * @return why no agent can serve it, or empty when some agent could
     */
    Optional<UnassignedVisit> whyNot(Visit visit, VrpJob job, List<Agent> agents, List<VrpVehicle> vehicles,
                                     Optional<String> snapFailure) {
        String name = "visit " + visit.id();
        Set<String> skills = visit.requiredSkills();
        boolean anySkilled = false;
        boolean anyReaches = false;
        boolean anySkilledPlaced = false;
        // the planner drops windows that close before every shift opens; none left means never
        boolean windowsUsable = visit.windows().isEmpty() || !job.windows().isEmpty();
        for (int a = 0; a < agents.size(); a++) {
            if (!agents.get(a).skills().containsAll(skills)) continue;
            anySkilled = true;
            VrpVehicle vehicle = vehicles.get(a);
            // a place the agent's profile could not snap is unreachable even from itself
            if (!Double.isFinite(vehicle.matrix().time(job.place(), job.place()))) continue;
            anySkilledPlaced = true;
            boolean reaches = Double.isFinite(vehicle.matrix().time(vehicle.startPlace(), job.place()))
                    && (!vehicle.returnsToEnd() || Double.isFinite(vehicle.matrix().time(job.place(), vehicle.endPlace())));
            if (!reaches) continue;
            anyReaches = true;
            if (windowsUsable && RouteTimeline.fits(vehicle, List.of(job))) return Optional.empty();
        }
        if (!anySkilled)
            return Optional.of(reason(visit, UnassignedVisit.Reason.MISSING_SKILL, name + " needs skills " + skills.stream().sorted().toList()
                    + ", which no agent has all of"));
        if (!anySkilledPlaced)
            return Optional.of(reason(visit, UnassignedVisit.Reason.UNREACHABLE_LOCATION, snapFailure.orElse(
                    name + " is not near any road usable by the agents who have its skills")));
        if (!anyReaches)
            return Optional.of(reason(visit, UnassignedVisit.Reason.UNREACHABLE_LOCATION, name
                    + " is cut off by road from the start or end of every agent who could serve it (one-way streets or an island)"));
        return Optional.of(reason(visit, UnassignedVisit.Reason.WINDOW_UNREACHABLE, name + ": no agent can start service within "
                + (visit.windows().isEmpty() ? "its shift" : "its time windows " + windowsText(visit))
                + " and still finish the day within the shift, even with nothing else to do"));
    }

    private static String windowsText(Visit visit) {
        StringBuilder text = new StringBuilder();
        for (TimeWindow window : visit.windows()) {
            if (!text.isEmpty()) text.append(", ");
            text.append(window.start()).append("..").append(window.end());
        }
        return text.toString();
    }

    private static UnassignedVisit reason(Visit visit, UnassignedVisit.Reason reason, String message) {
        return new UnassignedVisit(visit.id(), reason, message);
    }
}
