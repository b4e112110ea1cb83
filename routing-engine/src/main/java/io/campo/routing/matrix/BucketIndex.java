package io.campo.routing.matrix;

import java.util.Arrays;
import java.util.List;

/**
 * The buckets of a bucket-based many-to-many search: for every node of the hierarchy, the
 * targets whose backward search settled it, each with the weight, travel time (ms) and distance
 * (m) from that node to the target. A forward search from a source then finds every target's
 * best meeting node by scanning the buckets of the nodes it settles.
 *
 * <p>Stored in compressed-row form (entries of node v are {@code start[v] .. start[v + 1] - 1})
 * so that a scan reads contiguous memory.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class BucketIndex {

    final int[] start;
    final int[] target;
    final double[] weight;
    final long[] millis;
    final double[] meters;

    /** What one target's backward search settled, copied out of its {@link UpwardSearch}. */
    record SearchSpace(int[] node, double[] weight, long[] millis, double[] meters) {
    }

    BucketIndex(int nodes, List<SearchSpace> spacesByTarget) {
        start = new int[nodes + 1];
        int entries = 0;
        for (SearchSpace space : spacesByTarget) {
            for (int node : space.node) start[node + 1]++;
            entries += space.node.length;
        }
        for (int node = 0; node < nodes; node++) start[node + 1] += start[node];
        target = new int[entries];
        weight = new double[entries];
        millis = new long[entries];
        meters = new double[entries];
        int[] next = new int[nodes];
        System.arraycopy(start, 0, next, 0, nodes);
        for (int t = 0; t < spacesByTarget.size(); t++) {
            SearchSpace space = spacesByTarget.get(t);
            for (int k = 0; k < space.node.length; k++) {
                int slot = next[space.node[k]]++;
                target[slot] = t;
                weight[slot] = space.weight[k];
                millis[slot] = space.millis[k];
                meters[slot] = space.meters[k];
            }
        }
    }

    static SearchSpace copyOf(UpwardSearch search) {
        int n = search.settledCount;
        return new SearchSpace(Arrays.copyOf(search.settledNode, n),
                Arrays.copyOf(search.settledWeight, n),
                Arrays.copyOf(search.settledMillis, n),
                Arrays.copyOf(search.settledMeters, n));
    }
}
