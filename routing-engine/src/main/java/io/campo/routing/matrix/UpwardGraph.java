package io.campo.routing.matrix;

import com.graphhopper.storage.RoutingCHEdgeExplorer;
import com.graphhopper.storage.RoutingCHEdgeIterator;
import com.graphhopper.storage.RoutingCHGraph;

/**
 * The upward arcs of a contraction hierarchy in flat arrays, each with its weight, travel time
 * (ms) and distance (m): everything a many-to-many search reads, and nothing else.
 *
 * <p>Forward arcs at node v lead to higher-level nodes w (travel v to w); backward arcs at v come
 * from higher-level nodes w (travel w to v), stored at v with w as head. Built once per profile:
 * reading arcs from arrays instead of GraphHopper's edge iterators, which evaluate the custom
 * model on every base edge they visit, is what lets 1000 x 1000 matrices run in well under a second.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class UpwardGraph {

    final int nodes;
    final Arcs forward;
    final Arcs backward;

    /** One direction's arcs in compressed-row form: arcs of node v are {@code start[v] .. start[v + 1] - 1}. */
    static final class Arcs {
        final int[] start;
        final int[] head;
        final double[] weight;
        final long[] millis;
        final double[] meters;

        private Arcs(int nodes, int arcs) {
            start = new int[nodes + 1];
            head = new int[arcs];
            weight = new double[arcs];
            millis = new long[arcs];
            meters = new double[arcs];
        }
    }

    UpwardGraph(RoutingCHGraph chGraph, ChEdgeCosts costs) {
        nodes = chGraph.getNodes();
        int[] level = new int[nodes];
        for (int node = 0; node < nodes; node++) level[node] = chGraph.getLevel(node);
        forward = collect(chGraph, chGraph.createOutEdgeExplorer(), level, costs, false);
        backward = collect(chGraph, chGraph.createInEdgeExplorer(), level, costs, true);
    }

    private Arcs collect(RoutingCHGraph chGraph, RoutingCHEdgeExplorer explorer, int[] level, ChEdgeCosts costs,
                         boolean incoming) {
        int count = 0;
        for (int node = 0; node < nodes; node++) {
            RoutingCHEdgeIterator iter = explorer.setBaseNode(node);
            while (iter.next())
                if (isUpward(iter, node, level, incoming)) count++;
        }
        Arcs arcs = new Arcs(nodes, count);
        int arc = 0;
        for (int node = 0; node < nodes; node++) {
            arcs.start[node] = arc;
            RoutingCHEdgeIterator iter = explorer.setBaseNode(node);
            while (iter.next()) {
                if (!isUpward(iter, node, level, incoming)) continue;
                int other = iter.getAdjNode();
                arcs.head[arc] = other;
                arcs.weight[arc] = iter.getWeight(incoming);
                // travel direction: node -> other for forward arcs, other -> node for backward ones
                arcs.millis[arc] = costs.millis(iter.getEdge(), incoming ? other : node);
                arcs.meters[arc] = costs.meters(iter.getEdge());
                arc++;
            }
        }
        arcs.start[nodes] = arc;
        return arcs;
    }

    private static boolean isUpward(RoutingCHEdgeIterator iter, int node, int[] level, boolean incoming) {
        int other = iter.getAdjNode();
        return other != node
                && level[node] <= level[other]
                && Double.isFinite(iter.getWeight(incoming));
    }
}
