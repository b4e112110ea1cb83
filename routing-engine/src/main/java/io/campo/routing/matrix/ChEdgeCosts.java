package io.campo.routing.matrix;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHEdgeIteratorState;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.util.EdgeIteratorState;

/**
 * Travel time and distance of every edge of a contraction hierarchy, in both directions,
 * shortcuts included.
 *
 * <p>A hierarchy stores only the weight of a shortcut (what routes minimise), not the time and
 * distance of the roads it stands for. GraphHopper recovers them per route by unpacking
 * shortcuts; a matrix would unpack the same shortcuts millions of times, so they are unpacked
 * once here, bottom-up, each shortcut summing its two skipped edges. Times are in milliseconds
 * and rounded per road edge exactly as GraphHopper's paths do, so matrix entries add up to the
 * same totals as route queries.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class ChEdgeCosts {

    /** Marks a direction the edge cannot be travelled in; sums saturate at it. */
    static final long NO_ACCESS = Long.MAX_VALUE;

    private final int baseEdges;
    private final int[] nodeA;
    private final int[] nodeB;
    private final long[] millisAToB;
    private final long[] millisBToA;
    private final double[] meters;
    private final boolean[] done;

    ChEdgeCosts(RoutingCHGraph chGraph, BaseGraph baseGraph, Weighting weighting) {
        baseEdges = baseGraph.getEdges();
        int edges = baseEdges + chGraph.getShortcuts();
        nodeA = new int[edges];
        nodeB = new int[edges];
        millisAToB = new long[edges];
        millisBToA = new long[edges];
        meters = new double[edges];
        done = new boolean[edges];
        for (int edge = 0; edge < baseEdges; edge++) {
            // Integer.MIN_VALUE asks for the edge in its storage direction: base = node A, adj = node B
            EdgeIteratorState state = baseGraph.getEdgeIteratorState(edge, Integer.MIN_VALUE);
            nodeA[edge] = state.getBaseNode();
            nodeB[edge] = state.getAdjNode();
            millisAToB[edge] = millis(weighting, state, false);
            millisBToA[edge] = millis(weighting, state, true);
            meters[edge] = state.getDistance();
            done[edge] = true;
        }
        for (int edge = baseEdges; edge < edges; edge++) {
            RoutingCHEdgeIteratorState shortcut = chGraph.getEdgeIteratorState(edge, Integer.MIN_VALUE);
            nodeA[edge] = shortcut.getBaseNode();
            nodeB[edge] = shortcut.getAdjNode();
        }
        for (int edge = baseEdges; edge < edges; edge++)
            unpack(chGraph, edge, 0);
    }

    /** Milliseconds to travel {@code chEdge} starting at {@code fromNode}; {@link #NO_ACCESS} if not allowed. */
    long millis(int chEdge, int fromNode) {
        return fromNode == nodeA[chEdge] ? millisAToB[chEdge] : millisBToA[chEdge];
    }

    /** Length of the roads under {@code chEdge} in metres (the same both ways). */
    double meters(int chEdge) {
        return meters[chEdge];
    }

    private static long millis(Weighting weighting, EdgeIteratorState state, boolean reverse) {
        return Double.isFinite(weighting.calcEdgeWeight(state, reverse))
                ? weighting.calcEdgeMillis(state, reverse)
                : NO_ACCESS;
    }

    private void unpack(RoutingCHGraph chGraph, int shortcut, int depth) {
        if (done[shortcut]) return;
        if (depth > 10_000)
            throw new IllegalStateException("contraction hierarchy shortcut " + shortcut + " nests deeper than any"
                    + " real hierarchy; the graph cache is probably corrupt, delete it to rebuild");
        RoutingCHEdgeIteratorState state = chGraph.getEdgeIteratorState(shortcut, Integer.MIN_VALUE);
        int skipped1 = state.getSkippedEdge1();
        int skipped2 = state.getSkippedEdge2();
        unpack(chGraph, skipped1, depth + 1);
        unpack(chGraph, skipped2, depth + 1);

        int a = nodeA[shortcut];
        int b = nodeB[shortcut];
        // a node-based shortcut a-b skips a-m and m-b, but which skipped edge touches a is not stored
        int first;
        int second;
        if (chains(skipped1, skipped2, a, b)) {
            first = skipped1;
            second = skipped2;
        } else if (chains(skipped2, skipped1, a, b)) {
            first = skipped2;
            second = skipped1;
        } else {
            throw new IllegalStateException("shortcut " + shortcut + " (" + a + "-" + b + ") does not chain its skipped"
                    + " edges " + skipped1 + " and " + skipped2 + "; edge-based hierarchies are not supported");
        }
        int middle = other(first, a);
        millisAToB[shortcut] = add(millis(first, a), millis(second, middle));
        millisBToA[shortcut] = add(millis(second, b), millis(first, middle));
        meters[shortcut] = meters[first] + meters[second];
        done[shortcut] = true;
    }

    /** Whether {@code first} leads from a to some m and {@code second} from that m to b. */
    private boolean chains(int first, int second, int a, int b) {
        if (nodeA[first] != a && nodeB[first] != a) return false;
        int middle = other(first, a);
        return (nodeA[second] == middle && nodeB[second] == b) || (nodeB[second] == middle && nodeA[second] == b);
    }

    private int other(int edge, int node) {
        return nodeA[edge] == node ? nodeB[edge] : nodeA[edge];
    }

    private static long add(long x, long y) {
        return x == NO_ACCESS || y == NO_ACCESS ? NO_ACCESS : x + y;
    }
}
