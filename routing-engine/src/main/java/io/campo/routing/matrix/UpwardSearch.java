package io.campo.routing.matrix;

import java.util.Arrays;

/**
 * One Dijkstra search over the upward arcs of a contraction hierarchy, from one or more seed
 * nodes, that reports every node it settles with weight, travel time (ms) and distance (m).
 * Forward searches follow roads from a source; backward searches follow them against their
 * direction, towards a target.
 *
 * <p>Uses stall-on-demand: a settled node that a higher, already reached node beats via a
 * downward arc is neither expanded nor reported, because its upward-search weight is not its
 * real distance. That roughly halves the search spaces, and the bucket scans with them.
 *
 * <p>Not thread-safe: each worker thread owns one instance and reuses it for every search, so
 * that its per-node arrays are allocated once per matrix, not once per point.
 */
final class UpwardSearch {

    private final UpwardGraph.Arcs arcs;
    private final UpwardGraph.Arcs opposite;
    private final double[] weight;
    private final long[] millis;
    private final double[] meters;
    private final int[] reachedIn;
    private final int[] settledIn;
    private int run;

    private int[] heapNode = new int[256];
    private double[] heapKey = new double[256];
    private int heapSize;

    // the nodes settled by the last run, in settling order
    int settledCount;
    int[] settledNode = new int[256];
    double[] settledWeight = new double[256];
    long[] settledMillis = new long[256];
    double[] settledMeters = new double[256];

    UpwardSearch(UpwardGraph graph, boolean forward) {
        arcs = forward ? graph.forward : graph.backward;
        opposite = forward ? graph.backward : graph.forward;
        weight = new double[graph.nodes];
        millis = new long[graph.nodes];
        meters = new double[graph.nodes];
        reachedIn = new int[graph.nodes];
        settledIn = new int[graph.nodes];
    }

    /** Searches from the given seeds (node and the cost of reaching it); results land in the {@code settled*} fields. */
    void run(AccessLegs seeds) {
        if (++run == Integer.MAX_VALUE) {
            Arrays.fill(reachedIn, 0);
            Arrays.fill(settledIn, 0);
            run = 1;
        }
        heapSize = 0;
        settledCount = 0;
        for (int s = 0; s < seeds.realCount; s++)
            reach(seeds.realNode[s], seeds.realWeight[s], seeds.realMillis[s], seeds.realMeters[s]);

        while (heapSize > 0) {
            int node = heapNode[0];
            double key = heapKey[0];
            popTop();
            if (settledIn[node] == run || key > weight[node]) continue;
            settledIn[node] = run;
            if (isStalled(node, key)) continue;
            record(node);
            long nodeMillis = millis[node];
            double nodeMeters = meters[node];
            for (int arc = arcs.start[node], end = arcs.start[node + 1]; arc < end; arc++) {
                int next = arcs.head[arc];
                double nextWeight = key + arcs.weight[arc];
                if (reachedIn[next] != run || nextWeight < weight[next])
                    reach(next, nextWeight, nodeMillis + arcs.millis[arc], nodeMeters + arcs.meters[arc]);
            }
        }
    }

    private void reach(int node, double nodeWeight, long nodeMillis, double nodeMeters) {
        if (reachedIn[node] == run && nodeWeight >= weight[node]) return;
        reachedIn[node] = run;
        weight[node] = nodeWeight;
        millis[node] = nodeMillis;
        meters[node] = nodeMeters;
        push(node, nodeWeight);
    }

    private boolean isStalled(int node, double nodeWeight) {
        for (int arc = opposite.start[node], end = opposite.start[node + 1]; arc < end; arc++) {
            int higher = opposite.head[arc];
            if (reachedIn[higher] == run && weight[higher] + opposite.weight[arc] < nodeWeight) return true;
        }
        return false;
    }

    private void record(int node) {
        if (settledCount == settledNode.length) {
            int size = settledCount * 2;
            settledNode = Arrays.copyOf(settledNode, size);
            settledWeight = Arrays.copyOf(settledWeight, size);
            settledMillis = Arrays.copyOf(settledMillis, size);
            settledMeters = Arrays.copyOf(settledMeters, size);
        }
        settledNode[settledCount] = node;
        settledWeight[settledCount] = weight[node];
        settledMillis[settledCount] = millis[node];
        settledMeters[settledCount] = meters[node];
        settledCount++;
    }

    private void push(int node, double key) {
        if (heapSize == heapNode.length) {
            heapNode = Arrays.copyOf(heapNode, heapSize * 2);
            heapKey = Arrays.copyOf(heapKey, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapKey[parent] <= key) break;
            heapNode[i] = heapNode[parent];
            heapKey[i] = heapKey[parent];
            i = parent;
        }
        heapNode[i] = node;
        heapKey[i] = key;
    }

    private void popTop() {
        int lastNode = heapNode[--heapSize];
        double lastKey = heapKey[heapSize];
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && heapKey[child + 1] < heapKey[child]) child++;
            if (lastKey <= heapKey[child]) break;
            heapNode[i] = heapNode[child];
            heapKey[i] = heapKey[child];
            i = child;
        }
        heapNode[i] = lastNode;
        heapKey[i] = lastKey;
    }
}
