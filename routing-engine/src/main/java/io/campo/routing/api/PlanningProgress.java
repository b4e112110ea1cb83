package io.campo.routing.api;

/**
 * Told as a day plan moves through its phases, e.g. to publish progress on the live feed.
 * Called on the planning thread; implementations must return quickly.
 */
@FunctionalInterface
public interface PlanningProgress {

    enum Phase { SNAPPING, MATRIX, OPTIMISING, GEOMETRY, DONE }

    /** @param fraction of the whole plan done, 0..1 (coarse: the phases' typical shares) */
    void update(Phase phase, double fraction);

    PlanningProgress NONE = (phase, fraction) -> { };
}
