package io.campo.routing.matrix;

import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.EdgeExplorer;
import com.graphhopper.util.EdgeIterator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The legs between a snapped point and the road graph's real nodes: a point snapped onto the
 * middle of a street reaches the hierarchy only through the junctions at the street's ends,
 * possibly passing other snapped points on the same street on the way.
 *
 * <p>Walks the {@link QueryGraph}'s virtual nodes outward from the point (forward: leaving it;
 * backward: arriving at it) and stops at every real node, which becomes a seed of the upward
 * search. Keeping virtual nodes out of the hierarchy search matters: GraphHopper's
 * {@code QueryRoutingCHGraph} accepts every virtual edge in both directions, so with a thousand
 * points on the map an upward search would leak downward through other points' streets.
 * Virtual nodes reached on the way are recorded too: they are direct routes to points on the
 * same street.
 *
 * <p>Not thread-safe: one instance per worker thread, reused for every point.
 */
final class AccessLegs {

    private final Weighting weighting;
    private final EdgeExplorer explorer;
    private final int realNodes;

    int realCount;
    int[] realNode = new int[4];
    double[] realWeight = new double[4];
    long[] realMillis = new long[4];
    double[] realMeters = new double[4];

    int virtualCount;
    int[] virtualNode = new int[4];
    double[] virtualWeight = new double[4];
    long[] virtualMillis = new long[4];
    double[] virtualMeters = new double[4];

    AccessLegs(QueryGraph queryGraph, Weighting weighting) {
        this.weighting = weighting;
        this.explorer = queryGraph.createEdgeExplorer();
        this.realNodes = queryGraph.getBaseGraph().getNodes();
    }

    private record Label(int node, double weight, long millis, double meters) {
    }

    /** Finds the legs of the point at query-graph node {@code start}; results land in the fields. */
    void compute(int start, boolean forward) {
        realCount = 0;
        virtualCount = 0;
        if (start < realNodes) {
            addReal(new Label(start, 0, 0, 0));
            return;
        }
        Map<Integer, Double> best = new HashMap<>();
        PriorityQueue<Label> queue = new PriorityQueue<>((a, b) -> Double.compare(a.weight, b.weight));
        queue.add(new Label(start, 0, 0, 0));
        best.put(start, 0.0);
        while (!queue.isEmpty()) {
            Label label = queue.poll();
            if (label.weight > best.get(label.node)) continue;
            if (label.node < realNodes) {
                addReal(label);
                continue;
            }
            addVirtual(label);
            EdgeIterator iter = explorer.setBaseNode(label.node);
            while (iter.next()) {
                // backward legs arrive at the point, so they travel each edge from its adjacent node to this one
                boolean reverse = !forward;
                double edgeWeight = weighting.calcEdgeWeight(iter, reverse);
                if (!Double.isFinite(edgeWeight)) continue;
                int next = iter.getAdjNode();
                double nextWeight = label.weight + edgeWeight;
                Double known = best.get(next);
                if (known != null && known <= nextWeight) continue;
                best.put(next, nextWeight);
                queue.add(new Label(next, nextWeight, label.millis + weighting.calcEdgeMillis(iter, reverse),
                        label.meters + iter.getDistance()));
            }
        }
    }

    private void addReal(Label label) {
        if (realCount == realNode.length) {
            realNode = Arrays.copyOf(realNode, realCount * 2);
            realWeight = Arrays.copyOf(realWeight, realCount * 2);
            realMillis = Arrays.copyOf(realMillis, realCount * 2);
            realMeters = Arrays.copyOf(realMeters, realCount * 2);
        }
        realNode[realCount] = label.node;
        realWeight[realCount] = label.weight;
        realMillis[realCount] = label.millis;
        realMeters[realCount] = label.meters;
        realCount++;
    }

    private void addVirtual(Label label) {
        if (virtualCount == virtualNode.length) {
            virtualNode = Arrays.copyOf(virtualNode, virtualCount * 2);
            virtualWeight = Arrays.copyOf(virtualWeight, virtualCount * 2);
            virtualMillis = Arrays.copyOf(virtualMillis, virtualCount * 2);
            virtualMeters = Arrays.copyOf(virtualMeters, virtualCount * 2);
        }
        virtualNode[virtualCount] = label.node;
        virtualWeight[virtualCount] = label.weight;
        virtualMillis[virtualCount] = label.millis;
        virtualMeters[virtualCount] = label.meters;
        virtualCount++;
    }
}
