package io.campo.routing.api;

/**
 * What a solution achieves, for reporting how much the search gained over its first solution.
 *
 * <p>Immutable and thread-safe.
 *
 * @param routedJobs    jobs served
 * @param unservedValue sum of the unserved jobs' values
 * @param travel        total travel in the objective's unit (seconds or distance)
 */
public record SearchScore(int routedJobs, double unservedValue, double travel) {

    public static final SearchScore NONE = new SearchScore(0, 0, 0);

    /** The score of two disjoint parts of a solution together (regions). */
    public SearchScore plus(SearchScore other) {
        return new SearchScore(routedJobs + other.routedJobs, unservedValue + other.unservedValue, travel + other.travel);
    }
}
