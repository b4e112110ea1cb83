package io.campo.routing.matrix;

import java.util.Arrays;

/**
 * Computes one row of a matrix: the best route from one source to every target, by running the
 * source's forward upward search and scanning the buckets of every node it settles, plus the
 * direct routes to targets on the source's own street.
 *
 * <p>Among routes of equal weight the first one found wins; weight ties between routes of
 * different length are rare on real maps, and both are then equally good for the optimiser.
 *
 * <p>Not thread-safe: one instance per worker thread, reused for every source.
 */
final class SourceRow {

    private final AccessLegs legs;
    private final UpwardSearch search;
    private final BucketIndex buckets;
    private final int[][] pointsAtVirtualNode;
    private final int realNodes;
    private final double[] bestWeight;
    private final long[] bestMillis;
    private final double[] bestMeters;

    SourceRow(AccessLegs legs, UpwardSearch search, BucketIndex buckets, int[][] pointsAtVirtualNode,
              int realNodes, int targets) {
        this.legs = legs;
        this.search = search;
        this.buckets = buckets;
        this.pointsAtVirtualNode = pointsAtVirtualNode;
        this.realNodes = realNodes;
        bestWeight = new double[targets];
        bestMillis = new long[targets];
        bestMeters = new double[targets];
    }

    /**
     * Fills {@code seconds[offset + t]} and {@code meters[offset + t]} for every target t with the
     * route from the source at query-graph node {@code sourceNode}; infinity where there is none.
     */
    void compute(int sourceNode, float[] seconds, float[] meters, int offset) {
        Arrays.fill(bestWeight, Double.POSITIVE_INFINITY);
        legs.compute(sourceNode, true);
        for (int k = 0; k < legs.virtualCount; k++) {
            for (int target : pointsAtVirtualNode[legs.virtualNode[k] - realNodes])
                offer(target, legs.virtualWeight[k], legs.virtualMillis[k], legs.virtualMeters[k]);
        }

        search.run(legs);
        int[] start = buckets.start;
        for (int s = 0; s < search.settledCount; s++) {
            int node = search.settledNode[s];
            double weight = search.settledWeight[s];
            long millis = search.settledMillis[s];
            double pathMeters = search.settledMeters[s];
            for (int entry = start[node], end = start[node + 1]; entry < end; entry++) {
                int target = buckets.target[entry];
                double total = weight + buckets.weight[entry];
                if (total < bestWeight[target]) {
                    bestWeight[target] = total;
                    bestMillis[target] = millis + buckets.millis[entry];
                    bestMeters[target] = pathMeters + buckets.meters[entry];
                }
            }
        }

        for (int target = 0; target < bestWeight.length; target++) {
            boolean reachable = bestWeight[target] < Double.POSITIVE_INFINITY;
            seconds[offset + target] = reachable ? (float) (bestMillis[target] / 1000.0) : Float.POSITIVE_INFINITY;
            meters[offset + target] = reachable ? (float) bestMeters[target] : Float.POSITIVE_INFINITY;
        }
    }

    private void offer(int target, double weight, long millis, double meters) {
        if (weight < bestWeight[target]) {
            bestWeight[target] = weight;
            bestMillis[target] = millis;
            bestMeters[target] = meters;
        }
    }
}
