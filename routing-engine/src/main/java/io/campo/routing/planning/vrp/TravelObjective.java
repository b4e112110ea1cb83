package io.campo.routing.planning.vrp;

/** What the solver minimises once the served value is as high as it can make it. */
public enum TravelObjective {
    /** Total travel time: day plans (an agent's hour is what is scarce). */
    TIME,
    /** Total travel distance: the VRPTW literature's objective. */
    DISTANCE;

    /**
     * One leg's travel in this objective's unit, as every part of the solver counts it. An unreachable leg counts as
     * {@link MatrixTransportCosts#UNREACHABLE}, very long but finite: jsprit and the polish subtract costs, and infinity
     * minus infinity is NaN.
     */
    double leg(CostMatrix matrix, int from, int to) {
        double value = this == TIME ? matrix.time(from, to) : matrix.distance(from, to);
        return value < MatrixTransportCosts.UNREACHABLE ? value : MatrixTransportCosts.UNREACHABLE;
    }
}
