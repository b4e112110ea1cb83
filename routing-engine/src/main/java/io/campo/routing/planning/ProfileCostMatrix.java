package io.campo.routing.planning;

import io.campo.routing.api.TravelMatrix;
import io.campo.routing.planning.vrp.CostMatrix;

/**
 * One profile's road matrix seen through the plan's global place numbers: visits first, then
 * each agent's start and end. A place that profile could not snap (a footpath-only address for a
 * car) is unreachable from everywhere.
 *
 * <p>Immutable and thread-safe.
 */
final class ProfileCostMatrix implements CostMatrix {

    private final TravelMatrix matrix;
    private final int[] localIndex;

    /** @param localIndex for each global place, its index in {@code matrix}, or -1 */
    ProfileCostMatrix(TravelMatrix matrix, int[] localIndex) {
        this.matrix = matrix;
        this.localIndex = localIndex;
    }

    @Override
    public int size() {
        return localIndex.length;
    }

    @Override
    public double time(int from, int to) {
        int a = localIndex[from];
        int b = localIndex[to];
        return a < 0 || b < 0 ? Double.POSITIVE_INFINITY : matrix.seconds(a, b);
    }

    @Override
    public double distance(int from, int to) {
        int a = localIndex[from];
        int b = localIndex[to];
        return a < 0 || b < 0 ? Double.POSITIVE_INFINITY : matrix.meters(a, b);
    }

    boolean contains(int place) {
        return localIndex[place] >= 0;
    }
}
