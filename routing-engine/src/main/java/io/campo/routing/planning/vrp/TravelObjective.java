package io.campo.routing.planning.vrp;

/** What the solver minimises once the served value is as high as it can make it. */
public enum TravelObjective {
    /** Total travel time: day plans (an agent's hour is what is scarce). */
    TIME,
    /** Total travel distance: the VRPTW literature's objective. */
    DISTANCE
}
