package io.campo.routing.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.Visit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Cuts a day too big for one travel matrix into regions by geography, before any matrix exists:
 * recursive bisection across the longer side of the bounding box of the agents' starts (homes)
 * and the visits' addresses. Agents are halved by count, ordered by their start; visits are cut
 * in the same proportion, ordered by their address, so every region keeps the day's ratio of
 * visits to agents and its agents live on its side of the cut.
 *
 * <p>Why: one matrix is quadratic in its points (16,000 points would be 2 GB of floats, and
 * {@code MatrixCalculator} refuses more than 10,000), while routes never need a trip from one end
 * of a metropolis to the other. Each region gets its own matrix and search; what is lost is an
 * agent crossing the cut for a visit just beyond it.
 *
 * <p>A visit whose side has no agent with all its skills goes to the other side when an agent
 * there has them, so the split never turns a servable visit into a missing skill. A cut that
 * would leave a side without visits is not made. Deterministic: the same agents and visits, in
 * the same order, always give the same regions in the same order.
 *
 * <p>Stateless and thread-safe.
 */
final class DayRegions {

    /** One region of the day: its agents and the visits they share. */
    record Region(List<Agent> agents, List<Visit> visits) {
        Region {
            agents = List.copyOf(agents);
            visits = List.copyOf(visits);
        }

        /** Matrix points if every agent had a separate start and end. */
        int points() {
            return visits.size() + 2 * agents.size();
        }
    }

    private DayRegions() {
    }

    /**
     * @param maxPoints a region is cut again while its visits plus two points per agent exceed this
     * @return the regions, in a fixed order; one region, the whole day, when it fits
     */
    static List<Region> split(List<Agent> agents, List<Visit> visits, int maxPoints) {
        if (maxPoints < 3) throw new IllegalArgumentException("maxPoints must be >= 3, was " + maxPoints);
        List<Region> regions = new ArrayList<>();
        bisect(new Region(agents, visits), maxPoints, regions);
        return regions;
    }

    private static void bisect(Region region, int maxPoints, List<Region> out) {
        List<Agent> agents = region.agents();
        List<Visit> visits = region.visits();
        if (region.points() <= maxPoints || agents.size() < 2 || visits.size() < 2) {
            out.add(region);
            return;
        }
        ToDoubleFunction<Coordinate> axis = longerAxis(agents, visits);
        List<Agent> byAxis = new ArrayList<>(agents);
        byAxis.sort(Comparator.comparingDouble(agent -> axis.applyAsDouble(agent.start())));
        List<Visit> visitsByAxis = new ArrayList<>(visits);
        visitsByAxis.sort(Comparator.comparingDouble(visit -> axis.applyAsDouble(visit.location())));

        int leftAgentCount = agents.size() / 2;
        List<Agent> left = byAxis.subList(0, leftAgentCount);
        List<Agent> right = byAxis.subList(leftAgentCount, agents.size());
        int leftVisitCount = (int) Math.round((double) visits.size() * leftAgentCount / agents.size());
        List<Visit> leftVisits = new ArrayList<>();
        List<Visit> rightVisits = new ArrayList<>();
        for (int i = 0; i < visitsByAxis.size(); i++) {
            Visit visit = visitsByAxis.get(i);
            boolean goesLeft = i < leftVisitCount;
            if (goesLeft && !anyCanServe(left, visit) && anyCanServe(right, visit)) goesLeft = false;
            else if (!goesLeft && !anyCanServe(right, visit) && anyCanServe(left, visit)) goesLeft = true;
            (goesLeft ? leftVisits : rightVisits).add(visit);
        }
        if (leftVisits.isEmpty() || rightVisits.isEmpty()) {
            out.add(region);
            return;
        }
        bisect(new Region(left, leftVisits), maxPoints, out);
        bisect(new Region(right, rightVisits), maxPoints, out);
    }

    /**
     * Position along the longer side of the box around every start and address: east-west
     * (longitude scaled by the cosine of the latitude, so that degrees compare as distances) or
     * north-south.
     */
    private static ToDoubleFunction<Coordinate> longerAxis(List<Agent> agents, List<Visit> visits) {
        double minLat = Double.POSITIVE_INFINITY, maxLat = Double.NEGATIVE_INFINITY;
        double minLon = Double.POSITIVE_INFINITY, maxLon = Double.NEGATIVE_INFINITY;
        List<Coordinate> all = new ArrayList<>(agents.size() + visits.size());
        agents.forEach(agent -> all.add(agent.start()));
        visits.forEach(visit -> all.add(visit.location()));
        for (Coordinate c : all) {
            if (!Double.isFinite(c.latitude()) || !Double.isFinite(c.longitude())) continue;
            minLat = Math.min(minLat, c.latitude());
            maxLat = Math.max(maxLat, c.latitude());
            minLon = Math.min(minLon, c.longitude());
            maxLon = Math.max(maxLon, c.longitude());
        }
        if (minLat > maxLat) return Coordinate::latitude;
        double lonScale = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        return (maxLon - minLon) * lonScale > maxLat - minLat
                ? c -> c.longitude() * lonScale
                : Coordinate::latitude;
    }

    private static boolean anyCanServe(List<Agent> agents, Visit visit) {
        for (Agent agent : agents) if (agent.skills().containsAll(visit.requiredSkills())) return true;
        return false;
    }
}
